import { describe, expect, it } from "vitest";
import type { Product } from "@conveyor/contracts";
import { draftFromProduct, draftToCreate, draftToUpdate, emptyProductDraft } from "./product-draft";

const product: Product = {
  id: "00000000-0000-4000-8000-000000000301",
  name: "Станок ЧПУ",
  sku: "CNC-1",
  groupId: "00000000-0000-4000-8000-000000000401",
  groupName: "Оборудование",
  priceMinor: 150_000_050,
  currency: "RUB",
  active: true,
};

describe("product draft", () => {
  it("creates with the price in minor units and an empty SKU as none", () => {
    const draft = { ...emptyProductDraft("RUB"), name: "  Фреза ", price: "1500.5" };
    expect(draftToCreate(draft)).toEqual({ name: "Фреза", sku: null, groupId: null, priceMinor: 150_050, currency: "RUB" });
  });

  it("sends nothing when nothing changed", () => {
    expect(draftToUpdate(product, draftFromProduct(product))).toEqual({});
  });

  it("sends only the changes, a cleared SKU and group as null", () => {
    const draft = { ...draftFromProduct(product), sku: " ", groupId: null, price: 2000 };
    expect(draftToUpdate(product, draft)).toEqual({ sku: null, groupId: null, priceMinor: 200_000 });
  });

  it("re-sends the price with a new currency", () => {
    const draft = { ...draftFromProduct(product), currency: "IRR", price: 1_500_000 };
    expect(draftToUpdate(product, draft)).toEqual({ currency: "IRR", priceMinor: 1_500_000 });
  });
});
