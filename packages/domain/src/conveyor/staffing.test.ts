import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Level, nextLevel, recommendedStaffing, staffingGap } from "./staffing";

describe("recommendedStaffing (M1.2)", () => {
  it.each([
    // The seed's worked examples.
    [6, 4, 1, 1],
    [10, 6, 2, 2],
    [0, 0, 0, 0],
    [1, 1, 0, 0],
    // 1.2 / 0.4 / 0.4: the tie between L2 and L3 goes to L2.
    [2, 1, 1, 0],
    // 1.8 / 0.6 / 0.6: L1 has the largest remainder, then the L2-L3 tie goes to L2.
    [3, 2, 1, 0],
    [5, 3, 1, 1],
    // 4.2 / 1.4 / 1.4: the free seat goes to L2.
    [7, 4, 2, 1],
    [100, 60, 20, 20],
  ])("%i sellers → %i-%i-%i", (sellers, L1, L2, L3) => {
    expect(recommendedStaffing(sellers)).toEqual({ L1, L2, L3 });
  });

  it("takes another ratio", () => {
    expect(recommendedStaffing(10, { L1: 50, L2: 30, L3: 20 })).toEqual({ L1: 5, L2: 3, L3: 2 });
    expect(recommendedStaffing(4, { L1: 1, L2: 1, L3: 1 })).toEqual({ L1: 2, L2: 1, L3: 1 });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s sellers", (sellers) => {
    expect(() => recommendedStaffing(sellers)).toThrow(RangeError);
  });

  it.each([
    [{ L1: 0, L2: 0, L3: 0 }],
    [{ L1: -10, L2: 60, L3: 50 }],
    [{ L1: 60.5, L2: 20, L3: 19.5 }],
  ])("rejects the ratio %o", (ratio) => {
    expect(() => recommendedStaffing(5, ratio)).toThrow(RangeError);
  });

  it("always sums to the number of sellers, each level within one of its exact share", () => {
    const ratio = fc.record({ L1: fc.nat(100), L2: fc.nat(100), L3: fc.nat(100) }).filter((r) => r.L1 + r.L2 + r.L3 > 0);
    fc.assert(
      fc.property(fc.nat(10_000), ratio, (sellers, weights) => {
        const counts = recommendedStaffing(sellers, weights);
        expect(counts.L1 + counts.L2 + counts.L3).toBe(sellers);
        const total = weights.L1 + weights.L2 + weights.L3;
        for (const level of ["L1", "L2", "L3"] as const) {
          const exact = (sellers * weights[level]) / total;
          expect(counts[level]).toBeGreaterThanOrEqual(Math.floor(exact));
          expect(counts[level]).toBeLessThanOrEqual(Math.ceil(exact));
        }
      }),
    );
  });

  it("sums to n with the default ratio", () => {
    fc.assert(
      fc.property(fc.nat(100_000), (sellers) => {
        const counts = recommendedStaffing(sellers);
        expect(counts.L1 + counts.L2 + counts.L3).toBe(sellers);
      }),
    );
  });
});

describe("staffingGap (M1.2)", () => {
  it.each([
    [{ L1: 4, L2: 1, L3: 1 }, { L1: 0, L2: 0, L3: 0 }, true],
    [{ L1: 6, L2: 0, L3: 0 }, { L1: 2, L2: -1, L3: -1 }, false],
    [{ L1: 3, L2: 2, L3: 1 }, { L1: -1, L2: 1, L3: 0 }, false],
  ])("actual %o against 4-1-1 → gap %o", (actual, gap, balanced) => {
    expect(staffingGap(actual, { L1: 4, L2: 1, L3: 1 })).toEqual({ gap, balanced });
  });
});

describe("nextLevel (M1.4)", () => {
  it.each<[Level, Level | null]>([
    ["L1", "L2"],
    ["L2", "L3"],
    ["L3", null],
  ])("%s → %s", (level, next) => {
    expect(nextLevel(level)).toBe(next);
  });
});
