import { z } from "zod";
import { idSchema } from "./common";

/** Quantities keep three decimals (numeric(14,3)): 2.5 tonnes, 0.125 of a licence pool. */
export const maxDealItemQuantity = 1_000_000_000;
/** A deal may list this many products; more is a price list, not a deal. */
export const maxDealItems = 200;
const maxMinor = 1e15;

/** One product line of a deal: quantity × unit price, in minor units of the deal's currency. */
export const dealItemSchema = z.object({
  id: idSchema,
  productId: idSchema,
  productName: z.string(),
  sku: z.string().nullable(),
  /** Whether the product is still on sale; an inactive one may stay on a deal but not be added anew. */
  productActive: z.boolean(),
  quantity: z.number(),
  unitPriceMinor: z.number().int(),
  amountMinor: z.number().int(),
  position: z.number().int(),
});
export type DealItem = z.infer<typeof dealItemSchema>;

export const dealItemListSchema = z.object({
  items: z.array(dealItemSchema),
  /** The sum of the lines; while the deal has lines this is its amount. */
  totalMinor: z.number().int(),
  currency: z.string(),
});
export type DealItemList = z.infer<typeof dealItemListSchema>;

export const dealItemInputSchema = z.strictObject({
  productId: idSchema,
  quantity: z.number().positive().max(maxDealItemQuantity).multipleOf(0.001),
  /** Defaults to the product's list price. */
  unitPriceMinor: z.number().int().min(0).max(maxMinor).optional(),
});
export type DealItemInput = z.infer<typeof dealItemInputSchema>;

/** PUT replaces the whole list, in the order given; an empty list leaves the deal's amount as it is. */
export const replaceDealItemsSchema = z.strictObject({
  items: z.array(dealItemInputSchema).max(maxDealItems),
});
export type ReplaceDealItems = z.infer<typeof replaceDealItemsSchema>;

/**
 * The amount of a line: quantity × unit price, rounded half up to a whole minor unit. Computed on
 * thousandths in integers, so 0.1 × 30 is 3 and not 3.0000000000000004; the server stores this and
 * the web previews the same figure.
 */
export const lineAmountMinor = (quantity: number, unitPriceMinor: number): number => {
  const thousandths = BigInt(Math.round(quantity * 1000));
  const product = thousandths * BigInt(Math.round(unitPriceMinor));
  const rounded = product >= 0n ? (product + 500n) / 1000n : -((-product + 500n) / 1000n);
  return Number(rounded);
};

/** Field codes of a rejected line (`items.2.productId`), under the problem code `deal_item_invalid`. */
export const dealItemErrorCodes = ["unknown_product", "inactive_product", "currency_mismatch", "amount_too_large"] as const;
export type DealItemErrorCode = (typeof dealItemErrorCodes)[number];
