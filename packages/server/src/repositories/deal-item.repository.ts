import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database";
import { dealItems, products } from "../db/schema";
import type { Viewer } from "../scope";

export type DealItemRow = {
  id: string;
  dealId: string;
  productId: string;
  productName: string;
  sku: string | null;
  productActive: boolean;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
  position: number;
};

const selectItems = (ex: Executor) =>
  ex
    .select({
      id: dealItems.id,
      dealId: dealItems.dealId,
      productId: dealItems.productId,
      productName: products.name,
      sku: products.sku,
      productActive: products.active,
      quantity: dealItems.quantity,
      unitPriceMinor: dealItems.unitPriceMinor,
      amountMinor: dealItems.amountMinor,
      position: dealItems.position,
    })
    .from(dealItems)
    .innerJoin(products, and(eq(products.id, dealItems.productId), eq(products.organizationId, dealItems.organizationId)));

/** The caller has checked that the deal is visible. In the order they were saved. */
export const listDealItems = (ex: Executor, viewer: Viewer, dealId: string): Promise<DealItemRow[]> =>
  selectItems(ex)
    .where(and(eq(dealItems.organizationId, viewer.organizationId), eq(dealItems.dealId, dealId)))
    .orderBy(asc(dealItems.position), asc(dealItems.id));

/** The lines of a page of deals (the export), for deals the caller has already read through the viewer's scope. */
export const itemsOfDeals = async (ex: Executor, viewer: Viewer, dealIds: string[]): Promise<Map<string, DealItemRow[]>> => {
  const byDeal = new Map<string, DealItemRow[]>();
  if (dealIds.length === 0) return byDeal;
  const rows = await selectItems(ex)
    .where(and(eq(dealItems.organizationId, viewer.organizationId), inArray(dealItems.dealId, dealIds)))
    .orderBy(asc(dealItems.dealId), asc(dealItems.position), asc(dealItems.id));
  for (const row of rows) {
    const list = byDeal.get(row.dealId);
    if (list) list.push(row);
    else byDeal.set(row.dealId, [row]);
  }
  return byDeal;
};

export type NewDealItem = { productId: string; quantity: number; unitPriceMinor: number; amountMinor: number };

/** Replaces the deal's lines with these, positions 0, 1, 2… in the order given. */
export const replaceDealItemRows = async (ex: Executor, viewer: Viewer, dealId: string, lines: NewDealItem[], at: Date): Promise<void> => {
  await ex.delete(dealItems).where(and(eq(dealItems.organizationId, viewer.organizationId), eq(dealItems.dealId, dealId)));
  if (lines.length === 0) return;
  await ex.insert(dealItems).values(
    lines.map((line, position) => ({ ...line, position, dealId, organizationId: viewer.organizationId, createdAt: at })),
  );
};

/** Whether the deal has product lines: then its amount and currency come from them. */
export const dealHasItems = async (ex: Executor, viewer: Viewer, dealId: string): Promise<boolean> => {
  const rows = await ex
    .select({ id: dealItems.id })
    .from(dealItems)
    .where(and(eq(dealItems.organizationId, viewer.organizationId), eq(dealItems.dealId, dealId)))
    .limit(1);
  return rows.length > 0;
};
