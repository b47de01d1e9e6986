import { describe, expect, it } from "vitest";
import type { DealItem } from "@conveyor/contracts";
import {
  emptyLine,
  lineTotalMinor,
  linesChanged,
  linesFromItems,
  linesReady,
  linesToReplace,
  linesTotalMinor,
  withProduct,
  type ItemLine,
} from "./deal-items-draft";

const lathe = { id: "6f1c2f0e-8a4b-4c3d-9e2f-1a2b3c4d5e6f", priceMinor: 1_500_00, currency: "RUB" };
const saved: DealItem[] = [
  {
    id: "0b7e7d2c-3f4a-4b5c-8d6e-7f8091a2b3c4",
    productId: lathe.id,
    productName: "Станок ЧПУ",
    sku: null,
    productActive: true,
    quantity: 2,
    unitPriceMinor: 1_500_00,
    amountMinor: 3_000_00,
    position: 0,
  },
];

describe("deal item lines", () => {
  it("start from the saved lines, unchanged", () => {
    const lines = linesFromItems(saved, "RUB");
    expect(lines).toEqual([{ key: saved[0]?.id, productId: lathe.id, quantity: 2, price: 1500 }]);
    expect(linesChanged(lines, saved, "RUB")).toBe(false);
    expect(linesTotalMinor(lines, "RUB")).toBe(3_000_00);
  });

  it("fill the price from the product picked, and total as the server will", () => {
    const line = withProduct(emptyLine("new"), lathe, "RUB");
    expect(line).toEqual({ key: "new", productId: lathe.id, quantity: 1, price: 1500 });
    const half: ItemLine = { ...line, quantity: "1.5", price: "200.01" };
    expect(lineTotalMinor(half, "RUB")).toBe(300_02);
    expect(withProduct(line, undefined, "RUB").productId).toBeNull();
  });

  it("are ready to send only with a product and a quantity on every line, in the order shown", () => {
    const lines: ItemLine[] = [...linesFromItems(saved, "RUB"), emptyLine("new")];
    expect(linesReady(lines)).toBe(false);
    expect(linesChanged(lines, saved, "RUB")).toBe(true);
    const filled = [lines[0], { ...withProduct(emptyLine("new"), lathe, "RUB"), quantity: 0.5, price: 1000 }].filter((l) => l !== undefined);
    expect(linesReady(filled)).toBe(true);
    expect(linesToReplace(filled, "RUB")).toEqual({
      items: [
        { productId: lathe.id, quantity: 2, unitPriceMinor: 1_500_00 },
        { productId: lathe.id, quantity: 0.5, unitPriceMinor: 1_000_00 },
      ],
    });
    expect(linesReady([{ ...emptyLine("x"), productId: lathe.id, quantity: "" }])).toBe(false);
  });

  it("keep currencies without minor units whole (IRR)", () => {
    const line = withProduct(emptyLine("irr"), { id: lathe.id, priceMinor: 2_500_000, currency: "IRR" }, "IRR");
    expect(line.price).toBe(2_500_000);
    expect(lineTotalMinor({ ...line, quantity: 3 }, "IRR")).toBe(7_500_000);
  });
});
