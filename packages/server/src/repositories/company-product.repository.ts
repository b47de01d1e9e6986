import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { companies, companyProducts, products } from "../db/schema";
import type { Viewer } from "../scope";
import { visibleCompanies } from "./visibility";

/*
 * company_products answers "which products does each client have on a deal or an order" (the
 * M5.4 "By product" view) without scanning deals: it is recomputed for a client in the
 * transaction that changes the client's deal lines or records an order with a product.
 */

/**
 * Makes the client's rows exact: the distinct products of its deals' lines and of its orders.
 * The client row is locked first, so two writes to one client recompute one after the other.
 */
export const refreshCompanyProducts = async (ex: Executor, viewer: Viewer, companyId: string): Promise<void> => {
  const organizationId = viewer.organizationId;
  await ex.execute(sql`select 1 from companies where organization_id = ${organizationId}::uuid and id = ${companyId}::uuid for update`);
  await ex
    .delete(companyProducts)
    .where(and(eq(companyProducts.organizationId, organizationId), eq(companyProducts.companyId, companyId)));
  await ex.execute(sql`
    insert into company_products (organization_id, company_id, product_id)
    select ${organizationId}::uuid, ${companyId}::uuid, held.product_id from (
      select i.product_id from deal_items i
        join deals d on d.id = i.deal_id and d.organization_id = i.organization_id
        where i.organization_id = ${organizationId}::uuid and d.company_id = ${companyId}::uuid
      union
      select o.product_id from orders o
        where o.organization_id = ${organizationId}::uuid and o.company_id = ${companyId}::uuid and o.product_id is not null
    ) held
    on conflict do nothing`);
};

/** Clients that have the product on a deal or an order: a condition on `companies`. */
export const hasProduct = (productId: string): SQL =>
  sql`exists (select 1 from ${companyProducts}
        where ${companyProducts.organizationId} = ${companies.organizationId}
          and ${companyProducts.companyId} = ${companies.id}
          and ${companyProducts.productId} = ${productId})`;

export type ProductFacetRow = { value: string; label: string; count: number };

/** Clients per product, counting only the clients the viewer may see; the most common first. */
export const productFacet = async (ex: Executor, viewer: Viewer): Promise<ProductFacetRow[]> =>
  ex
    .select({ value: companyProducts.productId, label: products.name, count: count() })
    .from(companyProducts)
    .innerJoin(companies, and(eq(companies.id, companyProducts.companyId), eq(companies.organizationId, companyProducts.organizationId)))
    .innerJoin(products, and(eq(products.id, companyProducts.productId), eq(products.organizationId, companyProducts.organizationId)))
    .where(and(eq(companyProducts.organizationId, viewer.organizationId), visibleCompanies(viewer)))
    .groupBy(companyProducts.productId, products.name)
    .orderBy(desc(count()), asc(products.name))
    .limit(500);
