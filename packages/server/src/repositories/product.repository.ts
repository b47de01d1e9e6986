import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { productGroups, products } from "../db/schema";
import type { Viewer } from "../scope";

export type ProductRow = typeof products.$inferSelect & { groupName: string | null };

/** The catalog is the organization's: everyone in it reads it. */
const selectProducts = (ex: Executor) =>
  ex
    .select({
      id: products.id,
      organizationId: products.organizationId,
      groupId: products.groupId,
      name: products.name,
      sku: products.sku,
      priceMinor: products.priceMinor,
      currency: products.currency,
      active: products.active,
      createdAt: products.createdAt,
      updatedAt: products.updatedAt,
      groupName: productGroups.name,
    })
    .from(products)
    .leftJoin(productGroups, and(eq(productGroups.id, products.groupId), eq(productGroups.organizationId, products.organizationId)));

export const listProducts = (ex: Executor, viewer: Viewer, active?: boolean): Promise<ProductRow[]> =>
  selectProducts(ex)
    .where(and(eq(products.organizationId, viewer.organizationId), active === undefined ? undefined : eq(products.active, active)))
    .orderBy(asc(sql`lower(${products.name})`))
    .limit(2000);

export const findProduct = async (ex: Executor, viewer: Viewer, id: string): Promise<ProductRow | undefined> => {
  const rows = await selectProducts(ex).where(and(eq(products.organizationId, viewer.organizationId), eq(products.id, id)));
  return rows[0];
};

/** The organization's products among these ids (an id of another organization is simply absent). */
export const findProducts = async (ex: Executor, viewer: Viewer, ids: string[]): Promise<ProductRow[]> => {
  if (ids.length === 0) return [];
  return selectProducts(ex).where(and(eq(products.organizationId, viewer.organizationId), inArray(products.id, ids)));
};

export const insertProduct = async (ex: Executor, viewer: Viewer, values: Omit<typeof products.$inferInsert, "id" | "organizationId">) => {
  const rows = await ex.insert(products).values({ ...values, organizationId: viewer.organizationId }).returning({ id: products.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into products returned no row");
  return id;
};

export const updateProductRow = async (ex: Executor, viewer: Viewer, id: string, patch: Partial<typeof products.$inferInsert>) => {
  const rows = await ex
    .update(products)
    .set(patch)
    .where(and(eq(products.organizationId, viewer.organizationId), eq(products.id, id)))
    .returning({ id: products.id });
  return rows.length > 0;
};

export const listProductGroups = (ex: Executor, viewer: Viewer) =>
  ex
    .select({ id: productGroups.id, name: productGroups.name, productCount: count(products.id) })
    .from(productGroups)
    .leftJoin(products, and(eq(products.groupId, productGroups.id), eq(products.organizationId, productGroups.organizationId)))
    .where(eq(productGroups.organizationId, viewer.organizationId))
    .groupBy(productGroups.id, productGroups.name)
    .orderBy(asc(productGroups.name));

export const productGroupExists = async (ex: Executor, viewer: Viewer, id: string): Promise<boolean> => {
  const rows = await ex
    .select({ id: productGroups.id })
    .from(productGroups)
    .where(and(eq(productGroups.organizationId, viewer.organizationId), eq(productGroups.id, id)));
  return rows.length > 0;
};

export const insertProductGroup = async (ex: Executor, viewer: Viewer, name: string): Promise<string> => {
  const rows = await ex.insert(productGroups).values({ organizationId: viewer.organizationId, name }).returning({ id: productGroups.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into product_groups returned no row");
  return id;
};
