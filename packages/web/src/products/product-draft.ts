import type { CreateProduct, Product, UpdateProduct } from "@conveyor/contracts";
import { amountToMinor } from "../deals/deal-draft";
import { fromMinorUnits } from "../i18n/money";

/** What the product form holds while the person types; "" for no SKU, null for no group. */
export type ProductDraft = {
  name: string;
  sku: string;
  groupId: string | null;
  price: number | string;
  currency: string;
};

export const emptyProductDraft = (currency: string): ProductDraft => ({ name: "", sku: "", groupId: null, price: "", currency });

export const draftFromProduct = (product: Product): ProductDraft => ({
  name: product.name,
  sku: product.sku ?? "",
  groupId: product.groupId,
  price: fromMinorUnits(product.priceMinor, product.currency),
  currency: product.currency,
});

export const draftToCreate = (draft: ProductDraft): CreateProduct => ({
  name: draft.name.trim(),
  sku: draft.sku.trim() || null,
  groupId: draft.groupId,
  priceMinor: amountToMinor(draft.price, draft.currency),
  currency: draft.currency,
});

/** The PATCH body: only what changed; a new currency re-sends the price, whose minor units it redefines. */
export const draftToUpdate = (product: Product, draft: ProductDraft): UpdateProduct => {
  const body: UpdateProduct = {};
  const name = draft.name.trim();
  if (name !== product.name) body.name = name;
  const sku = draft.sku.trim() || null;
  if (sku !== product.sku) body.sku = sku;
  if (draft.groupId !== product.groupId) body.groupId = draft.groupId;
  if (draft.currency !== product.currency) body.currency = draft.currency;
  const priceMinor = amountToMinor(draft.price, draft.currency);
  if (priceMinor !== product.priceMinor || draft.currency !== product.currency) body.priceMinor = priceMinor;
  return body;
};
