import { and, asc, count, desc, eq, isNull, sql, sum, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { companies, dealStageTotals, dealStageVisits, deals, pipelineStages, users } from "../db/schema";
import type { Viewer } from "../scope";
import { seesEverything, visibleDeals } from "./visibility";

export type DealRow = Omit<typeof deals.$inferSelect, "searchText" | "firstWin" | "channel"> & {
  companyName: string;
  ownerName: string;
  stageName: string;
  stageKind: string;
};

const dealColumns = {
  id: deals.id,
  organizationId: deals.organizationId,
  companyId: deals.companyId,
  pipelineId: deals.pipelineId,
  stageId: deals.stageId,
  title: deals.title,
  amountMinor: deals.amountMinor,
  currency: deals.currency,
  expectedCloseDate: deals.expectedCloseDate,
  ownerId: deals.ownerId,
  lostReason: deals.lostReason,
  acceptanceSignedOn: deals.acceptanceSignedOn,
  custom: deals.custom,
  stageEnteredAt: deals.stageEnteredAt,
  closedAt: deals.closedAt,
  createdAt: deals.createdAt,
  updatedAt: deals.updatedAt,
  companyName: companies.name,
  ownerName: users.name,
  stageName: pipelineStages.name,
  stageKind: pipelineStages.kind,
};

const selectDeals = (ex: Executor) =>
  ex
    .select(dealColumns)
    .from(deals)
    .innerJoin(companies, and(eq(companies.id, deals.companyId), eq(companies.organizationId, deals.organizationId)))
    .innerJoin(users, eq(users.id, deals.ownerId))
    .innerJoin(pipelineStages, and(eq(pipelineStages.id, deals.stageId), eq(pipelineStages.organizationId, deals.organizationId)));

export type DealFilter = {
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  companyId?: string | undefined;
  ownerId?: string | undefined;
  status?: "open" | "won" | "lost" | undefined;
  q?: string | undefined;
  /** Custom field values the deal must hold (`cf.<key>` filters, typed by their fields). */
  custom?: Readonly<Record<string, string | number>> | undefined;
};

/** Deals sort by amount, largest first, then id: the board's and the list's order. */
export type DealCursor = { amountMinor: number; id: string };

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const filterConditions = (viewer: Viewer, filter: DealFilter): SQL[] => {
  const conditions: SQL[] = [visibleDeals(viewer)];
  if (filter.pipelineId) conditions.push(eq(deals.pipelineId, filter.pipelineId));
  if (filter.stageId) conditions.push(eq(deals.stageId, filter.stageId));
  if (filter.companyId) conditions.push(eq(deals.companyId, filter.companyId));
  if (filter.ownerId) conditions.push(eq(deals.ownerId, filter.ownerId));
  if (filter.status) {
    conditions.push(sql`${deals.stageId} in (select ${pipelineStages.id} from ${pipelineStages}
      where ${pipelineStages.organizationId} = ${viewer.organizationId} and ${pipelineStages.kind} = ${filter.status})`);
  }
  if (filter.q) conditions.push(sql`lower(${deals.title}) like ${`%${escapeLike(filter.q.toLowerCase())}%`}`);
  // Containment, as on clients; the other conditions (organization, scope, pipeline) narrow the rows first.
  if (filter.custom && Object.keys(filter.custom).length > 0) conditions.push(sql`${deals.custom} @> ${JSON.stringify(filter.custom)}::jsonb`);
  return conditions;
};

export const listDeals = async (
  ex: Executor,
  viewer: Viewer,
  filter: DealFilter,
  page: { limit: number; after: DealCursor | undefined; knownTotal?: number | undefined },
): Promise<{ rows: DealRow[]; total: number; sumMinor: number }> => {
  const conditions = filterConditions(viewer, filter);
  // Later pages carry the first page's total instead of counting again.
  const totals =
    page.knownTotal === undefined ? [await dealTotals(ex, viewer, filter, conditions)] : [{ total: page.knownTotal, sumMinor: 0 }];
  if (page.after) {
    conditions.push(sql`(${deals.amountMinor}, ${deals.id}) < (${page.after.amountMinor}, ${page.after.id}::uuid)`);
  }
  const rows = await selectDeals(ex)
    .where(and(...conditions))
    .orderBy(desc(deals.amountMinor), desc(deals.id))
    .limit(page.limit);
  return { rows, total: totals[0]?.total ?? 0, sumMinor: totals[0]?.sumMinor ?? 0 };
};

/**
 * How many deals the list or a board column holds and their sum. Those who see every deal read
 * the rollup deal_stage_totals when the filter is by pipeline, stage, status or owner (a count
 * over a million deals took seconds on the embedded database); anyone else, or any other
 * filter, is counted over the rows they may see.
 */
const dealTotals = async (ex: Executor, viewer: Viewer, filter: DealFilter, conditions: SQL[]): Promise<{ total: number; sumMinor: number }> => {
  const byRollup = seesEverything(viewer) && !filter.q && !filter.companyId && Object.keys(filter.custom ?? {}).length === 0;
  if (!byRollup) {
    const rows = await ex.select({ total: count(), sumMinor: sum(deals.amountMinor).mapWith(Number) }).from(deals).where(and(...conditions));
    return { total: rows[0]?.total ?? 0, sumMinor: rows[0]?.sumMinor ?? 0 };
  }
  const where: SQL[] = [eq(dealStageTotals.organizationId, viewer.organizationId)];
  if (filter.pipelineId) where.push(eq(pipelineStages.pipelineId, filter.pipelineId));
  if (filter.stageId) where.push(eq(dealStageTotals.stageId, filter.stageId));
  if (filter.status) where.push(eq(pipelineStages.kind, filter.status));
  if (filter.ownerId) where.push(eq(dealStageTotals.ownerId, filter.ownerId));
  const rows = await ex
    .select({ total: sql<number>`coalesce(sum(${dealStageTotals.count}), 0)`.mapWith(Number), sumMinor: sql<number>`coalesce(sum(${dealStageTotals.amountMinor}), 0)`.mapWith(Number) })
    .from(dealStageTotals)
    .innerJoin(pipelineStages, and(eq(pipelineStages.id, dealStageTotals.stageId), eq(pipelineStages.organizationId, dealStageTotals.organizationId)))
    .where(and(...where));
  return { total: rows[0]?.total ?? 0, sumMinor: rows[0]?.sumMinor ?? 0 };
};

/** The consistency check of deal_stage_totals: owner and stage pairs whose stored totals differ from a recount. */
export const dealTotalsDrift = async (ex: Executor, organizationId: string): Promise<unknown[]> => {
  const result = await ex.execute(sql`
    with actual as (select owner_id, stage_id, count(*)::integer as count, sum(amount_minor)::bigint as amount from deals where organization_id = ${organizationId} group by 1, 2),
         stored as (select owner_id, stage_id, count, amount_minor as amount from deal_stage_totals where organization_id = ${organizationId} and (count <> 0 or amount_minor <> 0))
    select * from actual a full join stored s using (owner_id, stage_id)
    where a.count is distinct from s.count or a.amount is distinct from s.amount`);
  return result.rows;
};

export const findDeal = async (ex: Executor, viewer: Viewer, id: string): Promise<DealRow | undefined> => {
  const rows = await selectDeals(ex).where(and(visibleDeals(viewer), eq(deals.id, id)));
  return rows[0];
};

/** A visible deal, its row locked for a read-modify-write inside a transaction. */
export const findDealForUpdate = async (ex: Executor, viewer: Viewer, id: string): Promise<DealRow | undefined> => {
  const rows = await selectDeals(ex)
    .where(and(visibleDeals(viewer), eq(deals.id, id)))
    .for("update", { of: deals });
  return rows[0];
};

/** The deal as just written, even if the write (a new owner) took it out of the viewer's scope. */
export const findDealJustWritten = async (ex: Executor, viewer: Viewer, id: string): Promise<DealRow | undefined> => {
  const rows = await selectDeals(ex).where(and(eq(deals.organizationId, viewer.organizationId), eq(deals.id, id)));
  return rows[0];
};

export type NewDeal = Omit<typeof deals.$inferInsert, "id" | "organizationId">;

export const insertDeal = async (ex: Executor, viewer: Viewer, values: NewDeal): Promise<string> => {
  const rows = await ex
    .insert(deals)
    .values({ ...values, organizationId: viewer.organizationId })
    .returning({ id: deals.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into deals returned no row");
  return id;
};

export type DealPatch = Partial<Omit<typeof deals.$inferInsert, "id" | "organizationId" | "createdAt">>;

export const updateDealRow = async (ex: Executor, viewer: Viewer, id: string, patch: DealPatch): Promise<void> => {
  await ex
    .update(deals)
    .set(patch)
    .where(and(eq(deals.organizationId, viewer.organizationId), eq(deals.id, id)));
};

export const openStageVisit = async (
  ex: Executor,
  viewer: Viewer,
  visit: { dealId: string; stageId: string; enteredAt: Date; movedById: string },
): Promise<void> => {
  await ex.insert(dealStageVisits).values({ ...visit, organizationId: viewer.organizationId });
};

export const closeStageVisit = async (ex: Executor, viewer: Viewer, dealId: string, leftAt: Date): Promise<void> => {
  await ex
    .update(dealStageVisits)
    .set({ leftAt })
    .where(
      and(eq(dealStageVisits.organizationId, viewer.organizationId), eq(dealStageVisits.dealId, dealId), isNull(dealStageVisits.leftAt)),
    );
};

export type StageVisitRow = {
  stageId: string;
  stageName: string;
  enteredAt: Date;
  leftAt: Date | null;
  movedByName: string | null;
};

/** The caller has checked that the deal is visible. Oldest first. */
export const stageHistory = (ex: Executor, viewer: Viewer, dealId: string): Promise<StageVisitRow[]> =>
  ex
    .select({
      stageId: dealStageVisits.stageId,
      stageName: pipelineStages.name,
      enteredAt: dealStageVisits.enteredAt,
      leftAt: dealStageVisits.leftAt,
      movedByName: users.name,
    })
    .from(dealStageVisits)
    .innerJoin(pipelineStages, eq(pipelineStages.id, dealStageVisits.stageId))
    .leftJoin(users, eq(users.id, dealStageVisits.movedById))
    .where(and(eq(dealStageVisits.organizationId, viewer.organizationId), eq(dealStageVisits.dealId, dealId)))
    .orderBy(asc(dealStageVisits.enteredAt), asc(dealStageVisits.id))
    .limit(500);
