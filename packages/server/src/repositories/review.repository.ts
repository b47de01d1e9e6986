import { and, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";
import { companies, prospectingTargets, reviewItems, reviewSessions, reviewSettings, tasks, users } from "../db/schema";
import type { Viewer } from "../scope";
import { uuidArray } from "./review-people.repository";

/*
 * [daily-review] sessions, review items, team settings and prospecting targets. Every function filters on the
 * organization; which sellers a viewer may read is decided by the caller and passed in as ids.
 */

const reviewer = alias(users, "reviewer");
const seller = alias(users, "seller");

export type ReviewSessionRow = {
  id: string;
  reviewerId: string;
  reviewerName: string;
  sellerId: string;
  sellerName: string;
  startedAt: Date;
  finishedAt: Date | null;
  clientsReviewed: number;
};

export const insertReviewSession = async (ex: Executor, viewer: Viewer, sellerId: string, now: Date): Promise<string> => {
  const rows = await ex
    .insert(reviewSessions)
    .values({ organizationId: viewer.organizationId, reviewerId: viewer.userId, sellerId, startedAt: now })
    .returning({ id: reviewSessions.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into review_sessions returned no row");
  return id;
};

/** A session of the viewer's own (nobody adds to another reviewer's sitting). */
export const findOwnSession = async (ex: Executor, viewer: Viewer, id: string): Promise<ReviewSessionRow | undefined> => {
  const rows = await ex
    .select({
      id: reviewSessions.id,
      reviewerId: reviewSessions.reviewerId,
      reviewerName: reviewer.name,
      sellerId: reviewSessions.sellerId,
      sellerName: seller.name,
      startedAt: reviewSessions.startedAt,
      finishedAt: reviewSessions.finishedAt,
      clientsReviewed: sql<number>`(select count(*)::integer from ${reviewItems} where ${reviewItems.organizationId} = ${viewer.organizationId} and ${reviewItems.sessionId} = ${reviewSessions.id})`.mapWith(Number),
    })
    .from(reviewSessions)
    .innerJoin(reviewer, eq(reviewer.id, reviewSessions.reviewerId))
    .innerJoin(seller, eq(seller.id, reviewSessions.sellerId))
    .where(and(eq(reviewSessions.organizationId, viewer.organizationId), eq(reviewSessions.id, id), eq(reviewSessions.reviewerId, viewer.userId)));
  return rows[0];
};

export const finishSession = async (ex: Executor, viewer: Viewer, id: string, now: Date): Promise<void> => {
  await ex
    .update(reviewSessions)
    .set({ finishedAt: sql`coalesce(${reviewSessions.finishedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(reviewSessions.organizationId, viewer.organizationId), eq(reviewSessions.id, id)));
};

export type NewReviewItem = Omit<typeof reviewItems.$inferInsert, "id" | "organizationId">;

export const insertReviewItem = async (ex: Executor, viewer: Viewer, values: NewReviewItem): Promise<string> => {
  const rows = await ex.insert(reviewItems).values({ ...values, organizationId: viewer.organizationId }).returning({ id: reviewItems.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into review_items returned no row");
  return id;
};

export type ReviewItemRow = typeof reviewItems.$inferSelect & {
  reviewerName: string;
  sellerName: string;
  companyName: string;
  nextTaskTitle: string | null;
  nextTaskDueAt: Date | null;
  nextTaskPlannedResult: string | null;
  nextTaskDoneAt: Date | null;
};

const itemColumns = {
  item: reviewItems,
  reviewerName: reviewer.name,
  sellerName: seller.name,
  companyName: companies.name,
  nextTaskTitle: tasks.title,
  nextTaskDueAt: tasks.dueAt,
  nextTaskPlannedResult: tasks.plannedResult,
  nextTaskDoneAt: tasks.doneAt,
};

type ItemFilter = {
  /** Only items of these sellers, or (`orReviewerId`) by this reviewer; null = any seller. */
  sellerIds: readonly string[] | null;
  orReviewerId?: string;
  sellerId?: string;
  reviewerId?: string;
  companyId?: string;
  sessionId?: string;
  id?: string;
  from?: Date;
  to?: Date;
};

const itemConditions = (organizationId: string, filter: ItemFilter) => {
  const scope =
    filter.sellerIds === null
      ? undefined
      : filter.orReviewerId
        ? sql`(${reviewItems.sellerId} = any(${uuidArray(filter.sellerIds)}) or ${reviewItems.reviewerId} = ${filter.orReviewerId})`
        : sql`${reviewItems.sellerId} = any(${uuidArray(filter.sellerIds)})`;
  return and(
    eq(reviewItems.organizationId, organizationId),
    scope,
    filter.sellerId ? eq(reviewItems.sellerId, filter.sellerId) : undefined,
    filter.reviewerId ? eq(reviewItems.reviewerId, filter.reviewerId) : undefined,
    filter.companyId ? eq(reviewItems.companyId, filter.companyId) : undefined,
    filter.sessionId ? eq(reviewItems.sessionId, filter.sessionId) : undefined,
    filter.id ? eq(reviewItems.id, filter.id) : undefined,
    filter.from ? sql`${reviewItems.reviewedAt} >= ${filter.from.toISOString()}::timestamptz` : undefined,
    filter.to ? sql`${reviewItems.reviewedAt} < ${filter.to.toISOString()}::timestamptz` : undefined,
  );
};

/** Review items, newest first. */
export const listReviewItems = async (ex: Executor, organizationId: string, filter: ItemFilter, limit: number): Promise<ReviewItemRow[]> => {
  const rows = await ex
    .select(itemColumns)
    .from(reviewItems)
    .innerJoin(reviewer, eq(reviewer.id, reviewItems.reviewerId))
    .innerJoin(seller, eq(seller.id, reviewItems.sellerId))
    .innerJoin(companies, eq(companies.id, reviewItems.companyId))
    .leftJoin(tasks, eq(tasks.id, reviewItems.nextTaskId))
    .where(itemConditions(organizationId, filter))
    .orderBy(desc(reviewItems.reviewedAt), desc(reviewItems.id))
    .limit(limit);
  return rows.map(({ item, ...rest }) => ({ ...item, ...rest }));
};

export type ReviewSessionLogRow = {
  id: string;
  reviewerId: string;
  reviewerName: string;
  sellerId: string;
  sellerName: string;
  startedAt: Date;
  finishedAt: Date | null;
  clientsReviewed: number;
  averageSeconds: number;
  clients: Array<{ id: string; name: string }>;
};

/**
 * Sessions with items matching the filter, newest first, with their clients and the average seconds per client. The
 * sessions are picked from review_items first and only theirs aggregated (bench/results/review-S.md: 120 → 25 ms).
 */
export const listReviewSessionsLog = async (ex: Executor, organizationId: string, filter: ItemFilter, limit: number): Promise<ReviewSessionLogRow[]> => {
  const result = await ex.execute<{
    id: string;
    reviewer_id: string;
    reviewer_name: string;
    seller_id: string;
    seller_name: string;
    started_at: Date | string;
    finished_at: Date | string | null;
    clients: number;
    average: number | string;
    client_list: Array<{ id: string; name: string }> | string | null;
  }>(sql`
    with picked as (
      select review_items.session_id as id from review_items
      where ${itemConditions(organizationId, filter)}
      group by review_items.session_id order by max(review_items.reviewed_at) desc limit ${limit}
    )
    select s.id, s.reviewer_id, r.name as reviewer_name, s.seller_id, u.name as seller_name, s.started_at, s.finished_at, x.clients, x.average, x.client_list
    from picked p
    join review_sessions s on s.id = p.id and s.organization_id = ${organizationId}
    cross join lateral (
      select count(distinct review_items.company_id)::integer as clients, avg(review_items.seconds_spent)::float8 as average,
        json_agg(json_build_object('id', c.id, 'name', c.name) order by review_items.reviewed_at, c.name, c.id) as client_list
      from review_items join companies c on c.id = review_items.company_id and c.organization_id = review_items.organization_id
      where review_items.session_id = p.id and ${itemConditions(organizationId, filter)}
    ) x
    join users r on r.id = s.reviewer_id
    join users u on u.id = s.seller_id
    order by s.started_at desc, s.id desc`);
  return result.rows.map((row) => {
    const list: unknown = typeof row.client_list === "string" ? JSON.parse(row.client_list) : row.client_list;
    const clients = Array.isArray(list) ? list.flatMap((c: unknown) => (isRef(c) ? [{ id: c.id, name: c.name }] : [])) : [];
    return {
      id: row.id,
      reviewerId: row.reviewer_id,
      reviewerName: row.reviewer_name,
      sellerId: row.seller_id,
      sellerName: row.seller_name,
      startedAt: toDate(row.started_at),
      finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
      clientsReviewed: Number(row.clients),
      averageSeconds: Math.round(Number(row.average)),
      // One client reviewed twice in a sitting is listed once.
      clients: clients.filter((c, i) => clients.findIndex((o) => o.id === c.id) === i),
    };
  });
};

const isRef = (value: unknown): value is { id: string; name: string } =>
  typeof value === "object" && value !== null && "id" in value && "name" in value && typeof value.id === "string" && typeof value.name === "string";

export type ReviewLogFigures = { sellerId: string; clientsReviewed: number; averageSeconds: number | null };

/** Per seller in the period: distinct clients reviewed and the average seconds per review item. */
export const reviewFiguresBySeller = async (ex: Executor, organizationId: string, filter: ItemFilter): Promise<ReviewLogFigures[]> => {
  const rows = await ex
    .select({
      sellerId: reviewItems.sellerId,
      clients: sql<number>`count(distinct ${reviewItems.companyId})::integer`.mapWith(Number),
      average: sql<number | null>`avg(${reviewItems.secondsSpent})::float8`,
      items: count(),
    })
    .from(reviewItems)
    .where(itemConditions(organizationId, filter))
    .groupBy(reviewItems.sellerId);
  return rows.map((r) => ({ sellerId: r.sellerId, clientsReviewed: r.clients, averageSeconds: r.average === null ? null : Number(r.average) }));
};

/** Average seconds per client by local week (Monday) of the organization. */
export const reviewTimeByWeek = async (
  ex: Executor,
  organizationId: string,
  timeZone: string,
  filter: ItemFilter,
): Promise<Array<{ weekOf: string; clients: number; averageSeconds: number }>> => {
  const rows = await ex
    .select({
      weekOf: sql<string>`to_char(date_trunc('week', ${reviewItems.reviewedAt} at time zone ${timeZone}), 'YYYY-MM-DD')`,
      clients: count(),
      average: sql<number>`avg(${reviewItems.secondsSpent})::float8`.mapWith(Number),
    })
    .from(reviewItems)
    .where(itemConditions(organizationId, filter))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ weekOf: r.weekOf, clients: Number(r.clients), averageSeconds: Math.round(Number(r.average)) }));
};

/** Distinct clients of each seller reviewed since `since`. */
export const clientsReviewedSince = async (ex: Executor, organizationId: string, sellerIds: readonly string[], since: Date): Promise<Map<string, number>> => {
  if (sellerIds.length === 0) return new Map();
  const result = await ex.execute<{ seller_id: string; n: number }>(sql`
    select seller_id, count(distinct company_id)::integer as n from review_items
    where organization_id = ${organizationId} and seller_id = any(${uuidArray(sellerIds)}) and reviewed_at >= ${since.toISOString()}::timestamptz
    group by seller_id`);
  return new Map(result.rows.map((r) => [r.seller_id, Number(r.n)]));
};

/**
 * Each seller's active clients: those with an open deal of theirs or an open task of theirs. The deals are read from
 * `deals_owner_stage_company_idx` alone (an index-only scan; bench/results/review-M.md).
 */
export const activeClientsBySeller = async (ex: Executor, organizationId: string, sellerIds: readonly string[]): Promise<Map<string, number>> => {
  if (sellerIds.length === 0) return new Map();
  const result = await ex.execute<{ seller_id: string; n: number }>(sql`
    select s.id as seller_id, (
      select count(*)::integer from (
        select d.company_id from deals d where d.organization_id = ${organizationId} and d.owner_id = s.id
          and d.stage_id = any(array(select id from pipeline_stages where organization_id = ${organizationId} and kind = 'open'))
        union
        select t.company_id from tasks t where t.organization_id = ${organizationId} and t.assignee_id = s.id and t.done_at is null and t.company_id is not null
      ) x) as n
    from unnest(${uuidArray(sellerIds)}) as s(id)`);
  return new Map(result.rows.map((r) => [r.seller_id, Number(r.n)]));
};

export type OutcomeChangeRow = {
  dealId: string;
  dealTitle: string;
  companyId: string;
  companyName: string;
  reviewedAt: Date;
  stageAtReviewId: string;
  positionAtReview: number;
  stageNowId: string;
  stageNowName: string;
  positionNow: number;
  kindNow: "open" | "won" | "lost";
};

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const stageKindOf = (kind: string): OutcomeChangeRow["kindNow"] => (kind === "won" || kind === "lost" ? kind : "open");

/**
 * Deals reviewed in the period (their latest review) whose stage is no longer the one they had when reviewed. The
 * latest review per deal is picked from review_items alone before any join (bench/results/review-S.md: 117 → 24 ms
 * on PostgreSQL for 15k reviewed clients).
 */
export const dealsChangedAfterReview = async (ex: Executor, organizationId: string, filter: ItemFilter, limit: number): Promise<OutcomeChangeRow[]> => {
  const result = await ex.execute<{
    deal_id: string;
    title: string;
    company_id: string;
    company_name: string;
    reviewed_at: Date | string;
    at_stage: string;
    at_position: number;
    now_stage: string;
    now_name: string;
    now_position: number;
    now_kind: string;
  }>(sql`
    with latest as (
      select distinct on (review_items.deal_id) review_items.deal_id, review_items.deal_stage_id, review_items.reviewed_at
      from review_items
      where ${itemConditions(organizationId, filter)} and review_items.deal_id is not null and review_items.deal_stage_id is not null
      order by review_items.deal_id, review_items.reviewed_at desc
    )
    select l.deal_id, d.title, c.id as company_id, c.name as company_name, l.reviewed_at,
      l.deal_stage_id as at_stage, sa.position as at_position, d.stage_id as now_stage, sn.name as now_name, sn.position as now_position, sn.kind as now_kind
    from latest l
    join deals d on d.id = l.deal_id and d.organization_id = ${organizationId} and d.stage_id <> l.deal_stage_id
    join companies c on c.id = d.company_id and c.organization_id = d.organization_id
    join pipeline_stages sa on sa.id = l.deal_stage_id
    join pipeline_stages sn on sn.id = d.stage_id
    order by l.reviewed_at desc limit ${limit}`);
  return result.rows.map((r) => ({
    dealId: r.deal_id,
    dealTitle: r.title,
    companyId: r.company_id,
    companyName: r.company_name,
    reviewedAt: toDate(r.reviewed_at),
    stageAtReviewId: r.at_stage,
    positionAtReview: Number(r.at_position),
    stageNowId: r.now_stage,
    stageNowName: r.now_name,
    positionNow: Number(r.now_position),
    kindNow: stageKindOf(r.now_kind),
  }));
};

/** Which of these tasks a review set, with the item, its reviewer and time. */
export const reviewOriginOfTasks = async (
  ex: Executor,
  organizationId: string,
  taskIds: readonly string[],
): Promise<Map<string, { itemId: string; reviewerId: string; reviewerName: string; reviewedAt: Date }>> => {
  if (taskIds.length === 0) return new Map();
  const result = await ex.execute<{ next_task_id: string; id: string; reviewer_id: string; name: string; reviewed_at: Date | string }>(sql`
    select i.next_task_id, i.id, i.reviewer_id, u.name, i.reviewed_at from review_items i join users u on u.id = i.reviewer_id
    where i.organization_id = ${organizationId} and i.next_task_id = any(${uuidArray(taskIds)})`);
  return new Map(result.rows.map((r) => [r.next_task_id, { itemId: r.id, reviewerId: r.reviewer_id, reviewerName: r.name, reviewedAt: toDate(r.reviewed_at) }]));
};

/** Whether a person sells: an open deal of their own, or a seller plan covering `today` (M2.2 is for them). */
export const sellsThemselves = async (ex: Executor, organizationId: string, userId: string, today: string): Promise<boolean> => {
  const result = await ex.execute<{ sells: boolean }>(sql`
    select exists (
      select 1 from deals d where d.organization_id = ${organizationId} and d.owner_id = ${userId}
        and d.stage_id = any(array(select id from pipeline_stages where organization_id = ${organizationId} and kind = 'open'))
    ) or exists (
      select 1 from plans p where p.organization_id = ${organizationId} and p.scope_kind = 'seller' and p.scope_id = ${userId}
        and p.period_start <= ${today}::date and p.period_end >= ${today}::date
    ) as sells`);
  return result.rows[0]?.sells === true;
};

// ---------------------------------------------------------------- settings

export type ReviewSettingsRow = typeof reviewSettings.$inferSelect;

export const reviewSettingsOfTeams = async (ex: Executor, organizationId: string, teamIds: readonly string[]): Promise<Map<string, ReviewSettingsRow>> => {
  if (teamIds.length === 0) return new Map();
  const rows = await ex
    .select()
    .from(reviewSettings)
    .where(and(eq(reviewSettings.organizationId, organizationId), sql`${reviewSettings.teamId} = any(${uuidArray(teamIds)})`));
  return new Map(rows.map((r) => [r.teamId, r]));
};

export const upsertReviewSettings = async (ex: Executor, organizationId: string, values: Omit<ReviewSettingsRow, "organizationId">): Promise<void> => {
  await ex
    .insert(reviewSettings)
    .values({ ...values, organizationId })
    .onConflictDoUpdate({
      target: [reviewSettings.organizationId, reviewSettings.teamId],
      set: {
        cadence: values.cadence,
        staleDaysDefault: values.staleDaysDefault,
        staleDaysByStage: values.staleDaysByStage,
        minDealAmountMinor: values.minDealAmountMinor,
        sweepAt: values.sweepAt,
        updatedById: values.updatedById,
        updatedAt: values.updatedAt,
      },
    });
};

/** The median days to close of deals won by these people since `since` (M2.5: the team's deal length). */
export const medianDaysToCloseOf = async (ex: Executor, organizationId: string, userIds: readonly string[], since: Date): Promise<number | null> => {
  if (userIds.length === 0) return null;
  const result = await ex.execute<{ median: number | string | null }>(sql`
    select percentile_cont(0.5) within group (order by extract(epoch from d.closed_at - d.created_at) / 86400.0) as median
    from deals d
    where d.organization_id = ${organizationId} and d.owner_id = any(${uuidArray(userIds)})
      and d.closed_at is not null and d.closed_at >= ${since.toISOString()}::timestamptz
      and d.stage_id = any(array(select id from pipeline_stages where organization_id = ${organizationId} and kind = 'won'))`);
  const median = result.rows[0]?.median;
  return median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10;
};

// ---------------------------------------------------------------- prospecting targets (M2.2)

const setter = alias(users, "setter");

export type ProspectingTargetRow = typeof prospectingTargets.$inferSelect & { sellerName: string; setByName: string };

export const findProspectingTarget = async (ex: Executor, organizationId: string, sellerId: string, month: string): Promise<ProspectingTargetRow | undefined> => {
  const rows = await ex
    .select({ target: prospectingTargets, sellerName: seller.name, setByName: setter.name })
    .from(prospectingTargets)
    .innerJoin(seller, eq(seller.id, prospectingTargets.sellerId))
    .innerJoin(setter, eq(setter.id, prospectingTargets.setById))
    .where(and(eq(prospectingTargets.organizationId, organizationId), eq(prospectingTargets.sellerId, sellerId), eq(prospectingTargets.month, month)));
  const row = rows[0];
  return row ? { ...row.target, sellerName: row.sellerName, setByName: row.setByName } : undefined;
};

export const upsertProspectingTarget = async (
  ex: Executor,
  viewer: Viewer,
  values: { sellerId: string; month: string; target: number; setAt: Date },
): Promise<void> => {
  await ex
    .insert(prospectingTargets)
    .values({ organizationId: viewer.organizationId, sellerId: values.sellerId, month: values.month, target: values.target, setById: viewer.userId, setAt: values.setAt })
    .onConflictDoUpdate({
      target: [prospectingTargets.organizationId, prospectingTargets.sellerId, prospectingTargets.month],
      set: { target: values.target, setById: viewer.userId },
    });
};
