import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SellerProspects, boostedWeight, sellersWithoutProspects } from "./money-prospects";

describe("sellersWithoutProspects (M2.2)", () => {
  it.each<[string, SellerProspects[], string[]]>([
    ["nobody", [], []],
    ["everyone has prospects", [{ userId: "a", warmOrHotOpenDeals: 1 }, { userId: "b", warmOrHotOpenDeals: 4 }], []],
    [
      "those with none, sorted",
      [{ userId: "c", warmOrHotOpenDeals: 0 }, { userId: "a", warmOrHotOpenDeals: 0 }, { userId: "b", warmOrHotOpenDeals: 2 }],
      ["a", "c"],
    ],
    ["code-unit order", [{ userId: "a", warmOrHotOpenDeals: 0 }, { userId: "B", warmOrHotOpenDeals: 0 }], ["B", "a"]],
    ["listed twice with none, once in the answer", [{ userId: "a", warmOrHotOpenDeals: 0 }, { userId: "a", warmOrHotOpenDeals: 0 }], ["a"]],
    ["listed twice, prospects in one row", [{ userId: "a", warmOrHotOpenDeals: 0 }, { userId: "a", warmOrHotOpenDeals: 1 }], []],
  ])("%s", (_, sellers, expected) => {
    expect(sellersWithoutProspects(sellers)).toEqual(expected);
  });
});

describe("boostedWeight (M2.2)", () => {
  it.each<[string, number, number | undefined, number | undefined, number]>([
    ["doubled by default", 1, undefined, undefined, 2],
    ["doubled", 3, undefined, undefined, 6],
    ["capped at 10 by default", 6, undefined, undefined, 10],
    ["a weight already above the cap is not lowered", 12, undefined, undefined, 12],
    ["another factor, rounded", 3, 1.5, undefined, 5],
    ["another cap", 4, 3, 8, 8],
    ["a factor below 1 does not lower it", 4, 0.5, undefined, 4],
    ["an opted-out seller stays out", 0, undefined, undefined, 0],
  ])("%s", (_, weight, factor, max, expected) => {
    expect(boostedWeight(weight, factor, max)).toBe(expected);
  });

  it("a boost is never lower than the weight, and never above the cap unless the weight already was", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 1, max: 5, noNaN: true }), fc.integer({ min: 1, max: 30 }), (weight, factor, max) => {
        const boosted = boostedWeight(weight, factor, max);
        expect(boosted).toBeGreaterThanOrEqual(weight);
        expect(boosted).toBeLessThanOrEqual(Math.max(weight, max));
        expect(Number.isInteger(boosted)).toBe(true);
      }),
    );
  });
});
