import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "./common";

const isoDateSchema = z.iso.date();

/**
 * How many digits the currency's minor unit has, as CLDR (and so every browser and Node) counts
 * them: RUB and USD 2, IRR 0. Amounts travel as integers in this unit.
 */
export const currencyDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code");

export const productGroupSchema = z.object({ id: idSchema, name: z.string(), productCount: z.number().int() });
export type ProductGroup = z.infer<typeof productGroupSchema>;
export const productGroupListSchema = z.object({ items: z.array(productGroupSchema) });
export const createProductGroupSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const productSchema = z.object({
  id: idSchema,
  name: z.string(),
  sku: z.string().nullable(),
  groupId: idSchema.nullable(),
  groupName: z.string().nullable(),
  /** List price in minor units of `currency`. */
  priceMinor: z.number().int(),
  currency: z.string(),
  active: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;
export const productListSchema = z.object({ items: z.array(productSchema) });

export const createProductSchema = z.strictObject({
  name: z.string().trim().min(1).max(300),
  sku: z.string().trim().max(100).nullable().optional(),
  groupId: idSchema.nullable().optional(),
  priceMinor: z.number().int().min(0).max(1e15).default(0),
  currency: currencySchema.optional(),
});
export type CreateProduct = z.input<typeof createProductSchema>;
export const updateProductSchema = z.strictObject({
  name: z.string().trim().min(1).max(300).optional(),
  sku: z.string().trim().max(100).nullable().optional(),
  groupId: idSchema.nullable().optional(),
  priceMinor: z.number().int().min(0).max(1e15).optional(),
  currency: currencySchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateProduct = z.infer<typeof updateProductSchema>;

export const paymentSchema = z.object({
  id: idSchema,
  orderId: idSchema,
  /** Money received, in minor units; a refund is negative. Revenue in every KPI is the sum of these. */
  amountMinor: z.number().int(),
  paidOn: isoDateSchema,
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: isoDateTimeSchema,
});
export type Payment = z.infer<typeof paymentSchema>;

export const orderSchema = z.object({
  id: idSchema,
  dealId: idSchema,
  dealTitle: z.string(),
  companyId: idSchema,
  number: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  orderedOn: isoDateSchema,
  productId: idSchema.nullable(),
  productName: z.string().nullable(),
  paidMinor: z.number().int(),
  payments: z.array(paymentSchema),
  createdAt: isoDateTimeSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const orderListSchema = z.object({
  items: z.array(orderSchema),
  /** Totals over the listed orders: ordered, and money actually received (refunds subtracted). */
  orderedMinor: z.number().int(),
  paidMinor: z.number().int(),
});
export type OrderList = z.infer<typeof orderListSchema>;

export const listOrdersQuerySchema = z.strictObject({
  companyId: idSchema.optional(),
  dealId: idSchema.optional(),
});

/** Only a won deal produces orders. */
export const createOrderSchema = z.strictObject({
  amountMinor: z.number().int().min(1).max(1e15),
  orderedOn: isoDateSchema,
  number: z.string().trim().min(1).max(50).optional(),
  productId: idSchema.nullable().optional(),
});
export type CreateOrder = z.infer<typeof createOrderSchema>;

export const createPaymentSchema = z
  .strictObject({
    /** Positive: money received. Negative: a refund, at most what was paid on the order. */
    amountMinor: z.number().int().min(-1e15).max(1e15),
    paidOn: isoDateSchema,
    note: z.string().trim().max(500).nullable().optional(),
  })
  .refine((p) => p.amountMinor !== 0, { message: "A payment cannot be zero", path: ["amountMinor"] });
export type CreatePayment = z.infer<typeof createPaymentSchema>;
