import { and, asc, eq, inArray, sql, sum } from "drizzle-orm";
import type { Executor } from "../db/database";
import { deals, orders, payments, products, users } from "../db/schema";
import type { Viewer } from "../scope";
import { visibleDeals } from "./visibility";

export type PaymentRow = typeof payments.$inferSelect & { createdByName: string };
export type OrderRow = typeof orders.$inferSelect & { dealTitle: string; productName: string | null; payments: PaymentRow[]; paidMinor: number };

/** Orders of deals the viewer may see, oldest first, each with its payments. */
export const listOrders = async (
  ex: Executor,
  viewer: Viewer,
  filter: { companyId?: string | undefined; dealId?: string | undefined; orderId?: string | undefined },
): Promise<OrderRow[]> => {
  const conditions = [eq(orders.organizationId, viewer.organizationId), sql`${orders.dealId} in (select ${deals.id} from ${deals} where ${visibleDeals(viewer)})`];
  if (filter.companyId) conditions.push(eq(orders.companyId, filter.companyId));
  if (filter.dealId) conditions.push(eq(orders.dealId, filter.dealId));
  if (filter.orderId) conditions.push(eq(orders.id, filter.orderId));
  const rows = await ex
    .select({ order: orders, dealTitle: deals.title, productName: products.name })
    .from(orders)
    .innerJoin(deals, and(eq(deals.id, orders.dealId), eq(deals.organizationId, orders.organizationId)))
    .leftJoin(products, and(eq(products.id, orders.productId), eq(products.organizationId, orders.organizationId)))
    .where(and(...conditions))
    .orderBy(asc(orders.orderedOn), asc(orders.createdAt))
    .limit(1000);
  if (rows.length === 0) return [];
  const paymentRows = await ex
    .select({ payment: payments, createdByName: users.name })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.createdById))
    .where(and(eq(payments.organizationId, viewer.organizationId), inArray(payments.orderId, rows.map((r) => r.order.id))))
    .orderBy(asc(payments.paidOn), asc(payments.createdAt));
  return rows.map((r) => {
    const own = paymentRows.filter((p) => p.payment.orderId === r.order.id).map((p) => ({ ...p.payment, createdByName: p.createdByName }));
    return { ...r.order, dealTitle: r.dealTitle, productName: r.productName, payments: own, paidMinor: own.reduce((s, p) => s + p.amountMinor, 0) };
  });
};

export const insertOrder = async (ex: Executor, viewer: Viewer, values: Omit<typeof orders.$inferInsert, "id" | "organizationId">) => {
  const rows = await ex.insert(orders).values({ ...values, organizationId: viewer.organizationId }).returning({ id: orders.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into orders returned no row");
  return id;
};

/** The next order number of the organization: 1, 2, 3… as text (an imported number may be anything). */
export const nextOrderNumber = async (ex: Executor, viewer: Viewer): Promise<string> => {
  const rows = await ex
    .select({ n: sql<number>`coalesce(max(case when ${orders.number} ~ '^[0-9]{1,15}$' then ${orders.number}::bigint end), 0) + 1` })
    .from(orders)
    .where(eq(orders.organizationId, viewer.organizationId));
  return String(rows[0]?.n ?? 1);
};

export const insertPayment = async (ex: Executor, viewer: Viewer, values: Omit<typeof payments.$inferInsert, "id" | "organizationId">) => {
  const rows = await ex.insert(payments).values({ ...values, organizationId: viewer.organizationId }).returning({ id: payments.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into payments returned no row");
  return id;
};

export const paidOnOrder = async (ex: Executor, viewer: Viewer, orderId: string): Promise<number> => {
  const rows = await ex
    .select({ total: sum(payments.amountMinor).mapWith(Number) })
    .from(payments)
    .where(and(eq(payments.organizationId, viewer.organizationId), eq(payments.orderId, orderId)));
  return rows[0]?.total ?? 0;
};

/** Locks the order row so two refunds cannot both pass the "not more than paid" check. */
export const lockOrder = async (ex: Executor, viewer: Viewer, orderId: string): Promise<void> => {
  await ex.execute(sql`select 1 from ${orders} where ${orders.organizationId} = ${viewer.organizationId} and ${orders.id} = ${orderId} for update`);
};
