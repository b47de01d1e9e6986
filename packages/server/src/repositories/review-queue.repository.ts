import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { uuidArray } from "./review-people.repository";

/*
 * [daily-review] the facts behind one seller's review queue (M2.1, M2.6), read with per-seller indexed reads so
 * the queue stays fast on a million deals: the seller's open deals (deals_owner_idx), an open task per deal
 * (tasks_open_deal_idx), their open tasks (tasks_assignee_idx), their hot and new clients (companies_owner_idx),
 * the last review of each client (review_items_company_idx).
 */

export type OpenStage = { id: string; name: string; probability: number; position: number };

export const openStages = async (ex: Executor, organizationId: string): Promise<OpenStage[]> => {
  const result = await ex.execute<{ id: string; name: string; probability: number; position: number }>(sql`
    select id, name, probability, position from pipeline_stages where organization_id = ${organizationId} and kind = 'open'`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, probability: Number(r.probability), position: Number(r.position) }));
};

export type SellerOpenDeal = {
  id: string;
  companyId: string;
  title: string;
  amountMinor: number;
  currency: string;
  stageId: string;
  stageEnteredAt: Date;
  expectedCloseDate: string | null;
  hasOpenTask: boolean;
};

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

/**
 * Open deals — of one seller (the queue) or of one client, whoever owns them (a client's review screen) — each with
 * whether some open task is linked to it, the largest first.
 */
export const openDealsOf = async (
  ex: Executor,
  organizationId: string,
  of: { sellerId: string } | { companyId: string },
  stageIds: readonly string[],
): Promise<SellerOpenDeal[]> => {
  if (stageIds.length === 0) return [];
  const whose = "sellerId" in of ? sql`d.owner_id = ${of.sellerId}` : sql`d.company_id = ${of.companyId}`;
  const result = await ex.execute<{
    id: string;
    company_id: string;
    title: string;
    amount_minor: string | number;
    currency: string;
    stage_id: string;
    stage_entered_at: Date | string;
    expected_close_date: string | null;
    has_open_task: boolean;
  }>(sql`
    select d.id, d.company_id, d.title, d.amount_minor, d.currency, d.stage_id, d.stage_entered_at,
      to_char(d.expected_close_date, 'YYYY-MM-DD') as expected_close_date,
      exists (select 1 from tasks t where t.organization_id = ${organizationId} and t.deal_id = d.id and t.done_at is null) as has_open_task
    from deals d
    where d.organization_id = ${organizationId} and ${whose} and d.stage_id = any(${uuidArray(stageIds)})
    order by d.amount_minor desc, d.id`);
  return result.rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    title: r.title,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    stageId: r.stage_id,
    stageEnteredAt: toDate(r.stage_entered_at),
    expectedCloseDate: r.expected_close_date,
    hasOpenTask: r.has_open_task === true,
  }));
};

export type OpenTaskRef = { id: string; companyId: string; title: string; dueAt: Date; plannedResult: string | null };

/** The seller's earliest open task per client. */
export const sellerNextTasks = async (ex: Executor, organizationId: string, sellerId: string): Promise<Map<string, OpenTaskRef>> => {
  const result = await ex.execute<{ id: string; company_id: string; title: string; due_at: Date | string; planned_result: string | null }>(sql`
    select distinct on (company_id) id, company_id, title, due_at, planned_result from tasks
    where organization_id = ${organizationId} and assignee_id = ${sellerId} and done_at is null and company_id is not null
    order by company_id, due_at, id`);
  return new Map(
    result.rows.map((r) => [r.company_id, { id: r.id, companyId: r.company_id, title: r.title, dueAt: toDate(r.due_at), plannedResult: r.planned_result }]),
  );
};

/** The seller's hot clients and those created after `since`. */
export const sellerHotOrNewClients = async (ex: Executor, organizationId: string, sellerId: string, since: Date): Promise<string[]> => {
  const result = await ex.execute<{ id: string }>(sql`
    select id from companies where organization_id = ${organizationId} and owner_id = ${sellerId}
      and (temperature = 'hot' or created_at > ${since.toISOString()}::timestamptz)`);
  return result.rows.map((r) => r.id);
};

export type QueueCompany = {
  id: string;
  name: string;
  status: string;
  temperature: "cold" | "warm" | "hot";
  createdAt: Date;
  lastReviewedAt: Date | null;
  reviewedSinceSlot: boolean;
};

const temperatureOf = (value: string): QueueCompany["temperature"] => (value === "hot" || value === "warm" ? value : "cold");

/** The clients by id with their last review, and whether the seller already reviewed them in the current slot. */
export const queueCompanies = async (
  ex: Executor,
  organizationId: string,
  sellerId: string,
  ids: readonly string[],
  slotStart: Date,
): Promise<QueueCompany[]> => {
  if (ids.length === 0) return [];
  const result = await ex.execute<{ id: string; name: string; status: string; temperature: string; created_at: Date | string; last_reviewed_at: Date | string | null; in_slot: boolean }>(sql`
    select c.id, c.name, c.status, c.temperature, c.created_at, r.last_reviewed_at, coalesce(r.in_slot, false) as in_slot
    from companies c
    left join lateral (
      select max(i.reviewed_at) as last_reviewed_at, bool_or(i.seller_id = ${sellerId} and i.reviewed_at >= ${slotStart.toISOString()}::timestamptz) as in_slot
      from review_items i where i.organization_id = ${organizationId} and i.company_id = c.id
    ) r on true
    where c.organization_id = ${organizationId} and c.id = any(${uuidArray(ids)})`);
  return result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    temperature: temperatureOf(r.temperature),
    createdAt: toDate(r.created_at),
    lastReviewedAt: r.last_reviewed_at === null ? null : toDate(r.last_reviewed_at),
    reviewedSinceSlot: r.in_slot === true,
  }));
};

/** When the seller was last reviewed (any client, any reviewer), and the last review before `before`. */
export const lastReviewsOfSeller = async (ex: Executor, organizationId: string, sellerId: string, before: Date): Promise<{ last: Date | null; lastBefore: Date | null }> => {
  const result = await ex.execute<{ last: Date | string | null; last_before: Date | string | null }>(sql`
    select max(reviewed_at) as last, max(reviewed_at) filter (where reviewed_at < ${before.toISOString()}::timestamptz) as last_before
    from review_items where organization_id = ${organizationId} and seller_id = ${sellerId}`);
  const row = result.rows[0];
  return { last: row?.last ? toDate(row.last) : null, lastBefore: row?.last_before ? toDate(row.last_before) : null };
};

/** The last review of each of these sellers. */
export const lastReviewBySeller = async (ex: Executor, organizationId: string, sellerIds: readonly string[]): Promise<Map<string, Date>> => {
  const result = await ex.execute<{ seller_id: string; last: Date | string }>(sql`
    select s.id as seller_id, r.last from unnest(${uuidArray(sellerIds)}) as s(id)
    cross join lateral (select max(reviewed_at) as last from review_items where organization_id = ${organizationId} and seller_id = s.id) r
    where r.last is not null`);
  return new Map(result.rows.map((r) => [r.seller_id, toDate(r.last)]));
};

/**
 * M2.2 progress: the seller's clients that are warm or hot now and either came in after `since` or turned warm or
 * hot after it (a temperature change in their history).
 */
export const warmedClientsSince = async (ex: Executor, organizationId: string, sellerId: string, since: Date): Promise<number> => {
  const at = since.toISOString();
  const result = await ex.execute<{ n: number }>(sql`
    select count(*)::integer as n from companies c
    where c.organization_id = ${organizationId} and c.owner_id = ${sellerId} and c.temperature in ('warm', 'hot')
      and (c.created_at >= ${at}::timestamptz or exists (
        select 1 from timeline_events e where e.organization_id = ${organizationId} and e.company_id = c.id and e.at >= ${at}::timestamptz
          and e.kind = 'field_changed' and e.field = 'temperature' and e.to_value in ('warm', 'hot')))`);
  return Number(result.rows[0]?.n ?? 0);
};

/** The seller's open deals with their client's temperature (M2.2: is money expected this month?). */
export const sellerDealsWithTemperature = async (
  ex: Executor,
  organizationId: string,
  sellerId: string,
  stageIds: readonly string[],
): Promise<Array<{ temperature: "cold" | "warm" | "hot"; expectedCloseDate: string | null }>> => {
  if (stageIds.length === 0) return [];
  const result = await ex.execute<{ temperature: string; expected_close_date: string | null }>(sql`
    select c.temperature, to_char(d.expected_close_date, 'YYYY-MM-DD') as expected_close_date
    from deals d join companies c on c.id = d.company_id
    where d.organization_id = ${organizationId} and d.owner_id = ${sellerId} and d.stage_id = any(${uuidArray(stageIds)})`);
  return result.rows.map((r) => ({ temperature: temperatureOf(r.temperature), expectedCloseDate: r.expected_close_date }));
};

/**
 * M2.2: the seller's deals closed since `since` that reached the warm stage or beyond (the first open stage of their
 * pipeline with at least `warmProbability`, by their stage visits; won deals count as beyond it), and how many of
 * those were won. Read per owner (`deals_owner_closed_idx`) and per deal (`deal_stage_visits_deal_idx`).
 */
export const warmFunnelOf = async (
  ex: Executor,
  organizationId: string,
  sellerId: string,
  since: Date,
  warmProbability: number,
): Promise<{ reachedWarm: number; wonOfThem: number }> => {
  const result = await ex.execute<{ reached: number; won: number }>(sql`
    with warm as (
      select s.pipeline_id, min(s.position) as position from pipeline_stages s
      where s.organization_id = ${organizationId} and s.kind = 'open' and s.probability >= ${warmProbability}
      group by s.pipeline_id
    )
    select count(*)::integer as reached, (count(*) filter (where s.kind = 'won'))::integer as won
    from deals d
    join pipeline_stages s on s.id = d.stage_id and s.organization_id = d.organization_id
    join warm w on w.pipeline_id = d.pipeline_id
    where d.organization_id = ${organizationId} and d.owner_id = ${sellerId}
      and d.closed_at is not null and d.closed_at >= ${since.toISOString()}::timestamptz and s.kind in ('won', 'lost')
      and (s.kind = 'won' or exists (
        select 1 from deal_stage_visits v join pipeline_stages vs on vs.id = v.stage_id and vs.organization_id = v.organization_id
        where v.organization_id = ${organizationId} and v.deal_id = d.id and vs.kind = 'open' and vs.position >= w.position))`);
  const row = result.rows[0];
  return { reachedWarm: Number(row?.reached ?? 0), wonOfThem: Number(row?.won ?? 0) };
};
