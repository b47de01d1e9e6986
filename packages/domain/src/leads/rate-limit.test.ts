import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RateWindow, admitHit } from "./rate-limit";

const window: RateWindow = { limit: 3, windowMs: 60_000 };
const now = Date.UTC(2024, 2, 18, 7, 0);

describe("admitHit (M5.5)", () => {
  it.each<[string, number[], boolean, number[], number]>([
    ["the first hit", [], true, [now], 0],
    ["under the limit", [now - 30_000, now - 10_000], true, [now - 30_000, now - 10_000, now], 0],
    ["at the limit: refused until the oldest ages out", [now - 50_000, now - 20_000, now - 10_000], false, [now - 50_000, now - 20_000, now - 10_000], 10_000],
    ["old hits are dropped", [now - 120_000, now - 60_000, now - 10_000], true, [now - 10_000, now], 0],
    ["a hit exactly a window ago no longer counts", [now - 60_000, now - 1, now - 2], true, [now - 2, now - 1, now], 0],
    ["unsorted hits", [now - 10_000, now - 50_000, now - 20_000], false, [now - 50_000, now - 20_000, now - 10_000], 10_000],
    ["more hits than the limit: wait for enough to age out", [now - 55_000, now - 40_000, now - 30_000, now - 5_000], false, [now - 55_000, now - 40_000, now - 30_000, now - 5_000], 20_000],
  ])("%s", (_, hits, admitted, after, retryAfterMs) => {
    expect(admitHit(hits, now, window)).toEqual({ admitted, hits: after, retryAfterMs });
  });

  it.each<[string, RateWindow]>([
    ["a limit of 0", { limit: 0, windowMs: 60_000 }],
    ["a fractional limit", { limit: 1.5, windowMs: 60_000 }],
    ["an empty window", { limit: 3, windowMs: 0 }],
  ])("rejects %s", (_, bad) => {
    expect(() => admitHit([], now, bad)).toThrow(RangeError);
  });

  it("never admits more than the limit in any window, and a refused client is admitted at retryAfterMs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.nat(3_000), { maxLength: 60 }),
        (limit, windowMs, gaps) => {
          const rate = { limit, windowMs };
          let hits: number[] = [];
          let at = now;
          const admitted: number[] = [];
          for (const gap of gaps) {
            at += gap;
            const result = admitHit(hits, at, rate);
            expect(result.hits.length).toBeLessThanOrEqual(limit);
            if (result.admitted) admitted.push(at);
            else {
              expect(admitHit(result.hits, at + result.retryAfterMs - 1, rate).admitted).toBe(false);
              expect(admitHit(result.hits, at + result.retryAfterMs, rate).admitted).toBe(true);
            }
            hits = result.hits;
          }
          for (const start of admitted) {
            expect(admitted.filter((t) => t >= start && t < start + windowMs).length).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });
});
