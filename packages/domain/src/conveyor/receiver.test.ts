import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ReceiverCandidate, pickReceiver } from "./receiver";

/** Hands `clients` clients over one at a time, as the server would, and returns the loads after. */
const assign = (start: readonly ReceiverCandidate[], clients: number): ReceiverCandidate[] => {
  const candidates = start.map((candidate) => ({ ...candidate }));
  for (let i = 0; i < clients; i += 1) {
    const picked = candidates.find((candidate) => candidate.userId === pickReceiver(candidates));
    if (picked === undefined) break;
    picked.load += 1;
  }
  return candidates;
};

const userIds = (min: number) => fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: min, maxLength: 8 });

describe("pickReceiver (M1.4)", () => {
  it.each<[string, ReceiverCandidate[], string | null]>([
    ["nobody", [], null],
    ["the least loaded", [{ userId: "b", load: 3, cap: null }, { userId: "a", load: 5, cap: null }], "b"],
    ["ties by id", [{ userId: "b", load: 2, cap: 10 }, { userId: "a", load: 2, cap: 10 }], "a"],
    ["skips whoever is at cap", [{ userId: "a", load: 1, cap: 1 }, { userId: "b", load: 7, cap: 8 }], "b"],
    ["skips whoever is over cap", [{ userId: "a", load: 4, cap: 2 }, { userId: "b", load: 9, cap: null }], "b"],
    ["a cap of zero takes no one", [{ userId: "a", load: 0, cap: 0 }], null],
    ["all at cap", [{ userId: "a", load: 3, cap: 3 }, { userId: "b", load: 5, cap: 5 }], null],
  ])("%s", (_, candidates, expected) => {
    expect(pickReceiver(candidates)).toBe(expected);
  });

  it("returns null iff nobody has room; otherwise someone with room and the least load", () => {
    const candidate = fc.record({ load: fc.nat(20), cap: fc.option(fc.nat(20), { nil: null }) });
    fc.assert(
      fc.property(userIds(0), fc.array(candidate, { maxLength: 8 }), (ids, rest) => {
        const candidates = ids.flatMap((userId, i) => {
          const other = rest[i];
          return other === undefined ? [] : [{ userId, ...other }];
        });
        const withRoom = candidates.filter((c) => c.cap === null || c.load < c.cap);
        const picked = pickReceiver(candidates);
        expect(picked === null).toBe(withRoom.length === 0);
        if (picked !== null) {
          const receiver = withRoom.find((c) => c.userId === picked);
          expect(receiver).toBeDefined();
          expect(receiver?.load).toBe(Math.min(...withRoom.map((c) => c.load)));
        }
      }),
    );
  });

  it("assigning clients one at a time never takes anyone past their cap", () => {
    const candidate = fc
      .record({ cap: fc.option(fc.nat(10), { nil: null }), load: fc.nat(10) })
      .map(({ cap, load }) => ({ cap, load: cap === null ? load : Math.min(load, cap) }));
    fc.assert(
      fc.property(userIds(1), fc.array(candidate, { minLength: 8, maxLength: 8 }), fc.nat(60), (ids, rest, k) => {
        const start = ids.map((userId, i) => ({ userId, ...(rest[i] ?? { load: 0, cap: null }) }));
        for (const after of assign(start, k)) {
          if (after.cap !== null) expect(after.load).toBeLessThanOrEqual(after.cap);
        }
      }),
    );
  });

  it("with no caps and equal loads, clients spread to within one of each other", () => {
    fc.assert(
      fc.property(userIds(1), fc.nat(50), fc.nat(100), (ids, load, k) => {
        const after = assign(ids.map((userId) => ({ userId, load, cap: null })), k);
        const loads = after.map((c) => c.load);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        expect(loads.reduce((sum, l) => sum + l, 0)).toBe(ids.length * load + k);
      }),
    );
  });
});
