import { describe, expect, it } from "vitest";
import { lineAmountMinor, replaceDealItemsSchema } from "./deal-items";

const productId = "6f1c2f0e-8a4b-4c3d-9e2f-1a2b3c4d5e6f";

describe("lineAmountMinor", () => {
  it.each([
    [2, 1_500_00, 3_000_00],
    [1.5, 200_01, 300_02], // 300.015 rounds half up
    [0.1, 30, 3], // not 3.0000000000000004
    [0.125, 250_00, 31_25],
    [0.001, 1, 0],
    [0.003, 200, 1], // 0.6 rounds to 1
    [3, 0, 0],
    [1_000_000_000, 1_000_000, 1e15],
  ])("%d × %d = %d", (quantity, unitPriceMinor, expected) => {
    expect(lineAmountMinor(quantity, unitPriceMinor)).toBe(expected);
  });
});

describe("replaceDealItemsSchema", () => {
  it("takes quantities with up to three decimals, above zero", () => {
    expect(replaceDealItemsSchema.safeParse({ items: [{ productId, quantity: 2.125 }] }).success).toBe(true);
    for (const quantity of [0, -1, 1.0005, 2_000_000_000]) {
      const result = replaceDealItemsSchema.safeParse({ items: [{ productId, quantity }] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["items", 0, "quantity"]);
    }
  });
});
