import type { Order, Payment, Product } from "@conveyor/contracts";
import type { OrderRow, PaymentRow } from "../repositories/order.repository";
import type { ProductRow } from "../repositories/product.repository";

export const presentProduct = (row: ProductRow): Product => ({
  id: row.id,
  name: row.name,
  sku: row.sku,
  groupId: row.groupId,
  groupName: row.groupName,
  priceMinor: row.priceMinor,
  currency: row.currency,
  active: row.active,
});

export const presentPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  orderId: row.orderId,
  amountMinor: row.amountMinor,
  paidOn: row.paidOn,
  note: row.note,
  createdByName: row.createdByName,
  createdAt: row.createdAt.toISOString(),
});

export const presentOrder = (row: OrderRow): Order => ({
  id: row.id,
  dealId: row.dealId,
  dealTitle: row.dealTitle,
  companyId: row.companyId,
  number: row.number,
  amountMinor: row.amountMinor,
  currency: row.currency,
  orderedOn: row.orderedOn,
  productId: row.productId,
  productName: row.productName,
  paidMinor: row.paidMinor,
  payments: row.payments.map(presentPayment),
  createdAt: row.createdAt.toISOString(),
});
