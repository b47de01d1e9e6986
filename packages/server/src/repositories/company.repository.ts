import { and, count, eq, ne, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ListCompaniesQuery } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { companies, users } from "../db/schema";
import type { Viewer } from "../scope";
import { facetCountsInScope } from "./company-facet.repository";
import { hasProduct } from "./company-product.repository";
import { visibleCompanies } from "./visibility";

export type CompanyRow = typeof companies.$inferSelect & { ownerName: string };

const companyColumns = {
  id: companies.id,
  organizationId: companies.organizationId,
  name: companies.name,
  legalId: companies.legalId,
  region: companies.region,
  industry: companies.industry,
  audience: companies.audience,
  channel: companies.channel,
  status: companies.status,
  temperature: companies.temperature,
  level: companies.level,
  ownerId: companies.ownerId,
  tags: companies.tags,
  custom: companies.custom,
  searchText: companies.searchText,
  createdAt: companies.createdAt,
  updatedAt: companies.updatedAt,
  lastActivityAt: companies.lastActivityAt,
  levelEnteredAt: companies.levelEnteredAt,
  permanentSince: companies.permanentSince,
  serviceLevel: companies.serviceLevel,
  ownerName: users.name,
};

export type CompanyFilter = Omit<ListCompaniesQuery, "limit" | "cursor" | "sort" | "order"> & {
  /** Already turned into a search pattern (searchPattern): normalized text, or a phone's digits. */
  q?: string | undefined;
  /** Custom field values the client must have (`cf.<key>=…`), typed by each field's definition. */
  custom?: Readonly<Record<string, string | number>> | undefined;
};

export type FacetRow = { value: string; label: string; count: number };
export const facetFields = ["status", "temperature", "level", "region", "industry", "audience", "channel"] as const;
export type FacetField = (typeof facetFields)[number];

const facetColumn: Record<FacetField, AnyPgColumn> = {
  status: companies.status,
  temperature: companies.temperature,
  level: companies.level,
  region: companies.region,
  industry: companies.industry,
  audience: companies.audience,
  channel: companies.channel,
};

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const filterConditions = (viewer: Viewer, filter: CompanyFilter): SQL[] => {
  const conditions: SQL[] = [visibleCompanies(viewer)];
  if (filter.q) conditions.push(sql`${companies.searchText} like ${`%${escapeLike(filter.q)}%`}`);
  for (const field of facetFields) {
    const value = filter[field];
    const column = facetColumn[field];
    if (typeof value === "string") conditions.push(value === "" ? sql`${column} is null` : eq(column, value));
  }
  if (filter.ownerId) conditions.push(eq(companies.ownerId, filter.ownerId));
  if (filter.tag) conditions.push(sql`${filter.tag} = any(${companies.tags})`);
  // Containment is what the GIN (jsonb_path_ops) index on companies.custom answers.
  if (filter.custom && Object.keys(filter.custom).length > 0) conditions.push(sql`${companies.custom} @> ${JSON.stringify(filter.custom)}::jsonb`);
  if (filter.productId) conditions.push(hasProduct(filter.productId));
  return conditions;
};

export type CompanySort = { by: ListCompaniesQuery["sort"]; order: ListCompaniesQuery["order"] };
export type CompanyCursor = { key: string | null; id: string };

const sortKey = (by: CompanySort["by"]): SQL => {
  switch (by) {
    case "name":
      return sql`lower(${companies.name})`;
    case "createdAt":
      return sql`${companies.createdAt}`;
    case "lastActivityAt":
      return sql`coalesce(${companies.lastActivityAt}, '-infinity'::timestamptz)`;
  }
};

export const cursorKeyOf = (row: CompanyRow, by: CompanySort["by"]): string | null => {
  switch (by) {
    case "name":
      return row.name.toLowerCase();
    case "createdAt":
      return row.createdAt.toISOString();
    case "lastActivityAt":
      return row.lastActivityAt ? row.lastActivityAt.toISOString() : null;
  }
};

const keyValue = (by: CompanySort["by"], key: string | null): SQL => {
  if (by === "name") return sql`${key ?? ""}`;
  return key === null ? sql`'-infinity'::timestamptz` : sql`${key}::timestamptz`;
};

export const listCompanies = async (
  ex: Executor,
  viewer: Viewer,
  filter: CompanyFilter,
  sort: CompanySort,
  page: { limit: number; after: CompanyCursor | undefined; knownTotal?: { total: number; exact: boolean } | undefined },
): Promise<{ rows: CompanyRow[]; total: number; totalExact: boolean }> => {
  const conditions = filterConditions(viewer, filter);
  // Counting is the costly part on a large base: later pages carry the first page's total.
  const key = sortKey(sort.by);
  if (page.after) {
    const op = sort.order === "asc" ? sql`>` : sql`<`;
    conditions.push(sql`(${key}, ${companies.id}) ${op} (${keyValue(sort.by, page.after.key)}, ${page.after.id}::uuid)`);
  }
  const direction = sort.order === "asc" ? sql`asc` : sql`desc`;
  const rows = await ex
    .select(companyColumns)
    .from(companies)
    .innerJoin(users, eq(users.id, companies.ownerId))
    .where(and(...conditions))
    .orderBy(sql`${key} ${direction}`, sql`${companies.id} ${direction}`)
    .limit(page.limit);
  // A first page that is not full is the whole list: nothing to count.
  const byRollup = page.knownTotal ? undefined : await rollupTotal(ex, viewer, filter);
  const { total, exact } =
    page.knownTotal ??
    (byRollup !== undefined
      ? { total: byRollup, exact: true }
      : !page.after && rows.length < page.limit
        ? { total: rows.length, exact: true }
        : { total: Math.max(0, rows.length - 1), exact: false });
  return { rows, total, totalExact: exact };
};

/**
 * How many clients the list holds, when that is cheap: with no filter, or one segment or owner
 * filter, the rollup answers exactly (company_facet_counts). Any other filter is not counted
 * with the page (an exact count over a 200k-client base took 150–450 ms on the embedded
 * database): the list answers "more than the rows shown" and the screen asks
 * `countCompanies` for the exact number beside it.
 */
const rollupTotal = async (ex: Executor, viewer: Viewer, filter: CompanyFilter): Promise<number | undefined> => {
  const segments = facetFields.filter((field) => typeof filter[field] === "string");
  const others = Boolean(filter.q) || Boolean(filter.tag) || Boolean(filter.productId) || Object.keys(filter.custom ?? {}).length > 0;
  if (others || segments.length + (filter.ownerId ? 1 : 0) > 1) return undefined;
  const [field, value] = filter.ownerId ? ["owner", filter.ownerId] : segments[0] ? [segments[0], filter[segments[0]] ?? ""] : ["status", undefined];
  const rows = await facetCountsInScope(ex, viewer, field);
  return rows.filter((r) => r.field === field && (value === undefined || r.value === value)).reduce((sum, r) => sum + r.count, 0);
};

/** The exact number of clients the filters match, within the viewer's scope. */
export const countCompanies = async (ex: Executor, viewer: Viewer, filter: CompanyFilter): Promise<number> =>
  (await rollupTotal(ex, viewer, filter)) ??
  (await ex.select({ n: count() }).from(companies).where(and(...filterConditions(viewer, filter))))[0]?.n ??
  0;

export const findCompany = async (ex: Executor, viewer: Viewer, id: string): Promise<CompanyRow | undefined> => {
  const rows = await ex
    .select(companyColumns)
    .from(companies)
    .innerJoin(users, eq(users.id, companies.ownerId))
    .where(and(visibleCompanies(viewer), eq(companies.id, id)));
  return rows[0];
};

/**
 * The client as just written by the viewer, even when the write moved it out of their scope
 * (a seller handing a client to a colleague sees the result of their own change once).
 */
export const findCompanyJustWritten = async (ex: Executor, viewer: Viewer, id: string): Promise<CompanyRow | undefined> => {
  const rows = await ex
    .select(companyColumns)
    .from(companies)
    .innerJoin(users, eq(users.id, companies.ownerId))
    .where(and(eq(companies.organizationId, viewer.organizationId), eq(companies.id, id)));
  return rows[0];
};

/** Locks the row for a read-modify-write inside a transaction. */
export const findCompanyForUpdate = async (ex: Executor, viewer: Viewer, id: string): Promise<CompanyRow | undefined> => {
  const rows = await ex
    .select(companyColumns)
    .from(companies)
    .innerJoin(users, eq(users.id, companies.ownerId))
    .where(and(visibleCompanies(viewer), eq(companies.id, id)))
    // NO KEY UPDATE: the id never changes, and a concurrent payment's foreign-key KEY SHARE must not deadlock us.
    .for("no key update", { of: companies });
  return rows[0];
};

/** Legal ids are unique per organization, whoever can see the other client. */
export const legalIdTaken = async (ex: Executor, viewer: Viewer, legalId: string, exceptId?: string): Promise<boolean> => {
  const conditions = [eq(companies.organizationId, viewer.organizationId), eq(companies.legalId, legalId)];
  if (exceptId) conditions.push(ne(companies.id, exceptId));
  const rows = await ex.select({ id: companies.id }).from(companies).where(and(...conditions)).limit(1);
  return rows.length > 0;
};

export type NewCompany = Omit<typeof companies.$inferInsert, "id" | "organizationId">;

export const insertCompany = async (ex: Executor, viewer: Viewer, values: NewCompany): Promise<string> => {
  const rows = await ex
    .insert(companies)
    .values({ ...values, organizationId: viewer.organizationId })
    .returning({ id: companies.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into companies returned no row");
  return id;
};

export type CompanyPatch = Partial<Omit<typeof companies.$inferInsert, "id" | "organizationId" | "createdAt">>;

export const updateCompanyRow = async (ex: Executor, viewer: Viewer, id: string, patch: CompanyPatch): Promise<void> => {
  await ex
    .update(companies)
    .set(patch)
    .where(and(eq(companies.organizationId, viewer.organizationId), eq(companies.id, id)));
};

export const touchLastActivity = async (ex: Executor, viewer: Viewer, id: string, at: Date): Promise<void> => {
  await ex
    .update(companies)
    .set({ lastActivityAt: sql`greatest(coalesce(${companies.lastActivityAt}, ${at}), ${at})` })
    .where(and(eq(companies.organizationId, viewer.organizationId), eq(companies.id, id)));
};

/** Counts per value of each segment field (M5.4 views), within what the viewer may see. */
export const companyFacets = async (
  ex: Executor,
  viewer: Viewer,
): Promise<Record<FacetField | "owner", FacetRow[]>> => {
  const rows = await facetCountsInScope(ex, viewer);
  const byField = new Map<string, FacetRow[]>();
  for (const row of rows) {
    const list = byField.get(row.field) ?? [];
    list.push({ value: row.value, label: row.label, count: row.count });
    byField.set(row.field, list);
  }
  const top = (field: string, max: number): FacetRow[] =>
    (byField.get(field) ?? []).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, max);
  return {
    status: top("status", 100),
    temperature: top("temperature", 100),
    level: top("level", 100),
    region: top("region", 100),
    industry: top("industry", 100),
    audience: top("audience", 100),
    channel: top("channel", 100),
    owner: top("owner", 500),
  };
};
