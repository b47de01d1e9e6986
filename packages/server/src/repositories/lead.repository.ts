import type { LeadQueue } from "@conveyor/contracts";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import type { Viewer } from "../scope";
import { overseenUserIds, seesEverything, visibleCompanyIds } from "./visibility";

/** A lead as the queue and the card show it, joined with the names a person reads. */
export type LeadRow = {
  id: string;
  sourceId: string;
  sourceName: string;
  sourceKind: string;
  receivedAt: Date;
  personName: string | null;
  companyName: string | null;
  phone: string | null;
  email: string | null;
  message: string | null;
  utm: Record<string, string>;
  referrer: string | null;
  pageUrl: string | null;
  channel: string | null;
  productInterest: string | null;
  region: string | null;
  audience: string | null;
  temperature: string;
  amountMinor: number | null;
  companyId: string;
  clientName: string;
  dealId: string | null;
  knownClient: boolean;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assignedAt: Date | null;
  route: string;
  ruleName: string | null;
  remindAt: Date | null;
  reassignAt: Date | null;
  remindedAt: Date | null;
  reassignCount: number;
  escalatedAt: Date | null;
  firstTouchAt: Date | null;
  businessMinutesToTouch: number | null;
  previousAssigneeIds: string[];
};

/*
 * Who sees a lead: heads and admins every one; everyone else the leads assigned to them (a team lead:
 * to the people they oversee) and the leads of clients they may see.
 */
export const visibleLeads = (viewer: Viewer): SQL => {
  const inOrganization = sql`l.organization_id = ${viewer.organizationId}`;
  if (seesEverything(viewer)) return inOrganization;
  const assigned = viewer.role === "team_lead" ? sql`l.assignee_id = any(array${overseenUserIds(viewer)})` : sql`l.assignee_id = ${viewer.userId}`;
  return sql`${inOrganization} and (${assigned} or l.company_id = any(array${visibleCompanyIds(viewer)}))`;
};

const queueCondition = (queue: LeadQueue): SQL => {
  switch (queue) {
    case "unassigned":
      return sql`l.status = 'unassigned'`;
    case "waiting":
      return sql`l.status = 'waiting' and l.escalated_at is null`;
    case "escalated":
      return sql`l.status = 'waiting' and l.escalated_at is not null`;
    case "touched":
      return sql`l.status = 'touched'`;
    case "all":
      return sql`true`;
  }
};

const selectLead = sql`
  select l.id, l.source_id, s.name as source_name, s.kind as source_kind, l.received_at, l.person_name, l.company_name, l.phone, l.email,
         l.message, l.utm, l.referrer, l.page_url, l.channel, l.product_interest, l.region, l.audience, l.temperature, l.amount_minor,
         l.company_id, c.name as client_name, l.deal_id, l.known_client, l.status, l.assignee_id, u.name as assignee_name, l.assigned_at,
         l.route, r.name as rule_name, l.remind_at, l.reassign_at, l.reminded_at, l.reassign_count, l.escalated_at, l.first_touch_at,
         l.business_minutes_to_touch, l.previous_assignee_ids
    from leads l
    join lead_sources s on s.id = l.source_id and s.organization_id = l.organization_id
    join companies c on c.id = l.company_id and c.organization_id = l.organization_id
    left join users u on u.id = l.assignee_id
    left join lead_routing_rules r on r.id = l.rule_id and r.organization_id = l.organization_id`;

const date = (value: unknown): Date | null => (value instanceof Date ? value : typeof value === "string" ? new Date(value) : null);
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : null);
const strings = (value: unknown): Record<string, string> =>
  typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : {};

export const leadOf = (row: Record<string, unknown>): LeadRow => ({
  id: String(row["id"]),
  sourceId: String(row["source_id"]),
  sourceName: String(row["source_name"]),
  sourceKind: String(row["source_kind"]),
  receivedAt: date(row["received_at"]) ?? new Date(0),
  personName: text(row["person_name"]),
  companyName: text(row["company_name"]),
  phone: text(row["phone"]),
  email: text(row["email"]),
  message: text(row["message"]),
  utm: strings(row["utm"]),
  referrer: text(row["referrer"]),
  pageUrl: text(row["page_url"]),
  channel: text(row["channel"]),
  productInterest: text(row["product_interest"]),
  region: text(row["region"]),
  audience: text(row["audience"]),
  temperature: String(row["temperature"]),
  amountMinor: num(row["amount_minor"]),
  companyId: String(row["company_id"]),
  clientName: String(row["client_name"]),
  dealId: text(row["deal_id"]),
  knownClient: row["known_client"] === true,
  status: String(row["status"]),
  assigneeId: text(row["assignee_id"]),
  assigneeName: text(row["assignee_name"]),
  assignedAt: date(row["assigned_at"]),
  route: String(row["route"]),
  ruleName: text(row["rule_name"]),
  remindAt: date(row["remind_at"]),
  reassignAt: date(row["reassign_at"]),
  remindedAt: date(row["reminded_at"]),
  reassignCount: num(row["reassign_count"]) ?? 0,
  escalatedAt: date(row["escalated_at"]),
  firstTouchAt: date(row["first_touch_at"]),
  businessMinutesToTouch: num(row["business_minutes_to_touch"]),
  previousAssigneeIds: Array.isArray(row["previous_assignee_ids"]) ? row["previous_assignee_ids"].map(String) : [],
});

export type LeadListFilter = { queue: LeadQueue; sourceId?: string; assigneeId?: string };

export const listLeads = async (
  ex: Executor,
  viewer: Viewer,
  filter: LeadListFilter,
  page: { limit: number; after?: { receivedAt: string; id: string } },
): Promise<LeadRow[]> => {
  const conditions: SQL[] = [visibleLeads(viewer), queueCondition(filter.queue)];
  if (filter.sourceId) conditions.push(sql`l.source_id = ${filter.sourceId}`);
  if (filter.assigneeId) conditions.push(sql`l.assignee_id = ${filter.assigneeId}`);
  if (page.after) conditions.push(sql`(l.received_at, l.id) < (${page.after.receivedAt}::timestamptz, ${page.after.id}::uuid)`);
  const result = await ex.execute(
    sql`${selectLead} where ${sql.join(conditions, sql` and `)} order by l.received_at desc, l.id desc limit ${page.limit}`,
  );
  return result.rows.map(leadOf);
};

/** Counts per queue within the viewer's scope; the touched count stops at 10,000 (the tab says "10,000+"). */
export const countLeadQueues = async (
  ex: Executor,
  viewer: Viewer,
  filter: Omit<LeadListFilter, "queue">,
): Promise<{ unassigned: number; waiting: number; escalated: number; touched: number }> => {
  const conditions: SQL[] = [visibleLeads(viewer)];
  if (filter.sourceId) conditions.push(sql`l.source_id = ${filter.sourceId}`);
  if (filter.assigneeId) conditions.push(sql`l.assignee_id = ${filter.assigneeId}`);
  const where = sql.join(conditions, sql` and `);
  const result = await ex.execute(sql`
    select (select count(*)::int from leads l where ${where} and l.status = 'unassigned') as unassigned,
           (select count(*)::int from leads l where ${where} and l.status = 'waiting' and l.escalated_at is null) as waiting,
           (select count(*)::int from leads l where ${where} and l.status = 'waiting' and l.escalated_at is not null) as escalated,
           (select count(*)::int from (select 1 from leads l where ${where} and l.status = 'touched' limit 10000) t) as touched`);
  const row = result.rows[0] ?? {};
  return {
    unassigned: num(row["unassigned"]) ?? 0,
    waiting: num(row["waiting"]) ?? 0,
    escalated: num(row["escalated"]) ?? 0,
    touched: num(row["touched"]) ?? 0,
  };
};

export const findLead = async (ex: Executor, viewer: Viewer, id: string): Promise<LeadRow | undefined> => {
  const result = await ex.execute(sql`${selectLead} where ${visibleLeads(viewer)} and l.id = ${id}`);
  const row = result.rows[0];
  return row ? leadOf(row) : undefined;
};

/** A lead for a change, its row locked: the SLA job and a person assigning it serialize here. */
export const findLeadForUpdate = async (ex: Executor, organizationId: string, id: string): Promise<LeadRow | undefined> => {
  await ex.execute(sql`select 1 from leads where organization_id = ${organizationId} and id = ${id} for update`);
  const result = await ex.execute(sql`${selectLead} where l.organization_id = ${organizationId} and l.id = ${id}`);
  const row = result.rows[0];
  return row ? leadOf(row) : undefined;
};

export type SpeedRowData = {
  key: string;
  name: string;
  leads: number;
  touched: number;
  withinSla: number;
  medianMinutes: number | null;
  averageMinutes: number | null;
  reassigned: number;
  escalated: number;
};

/**
 * Speed to lead (M5.5) over the leads received in [from, to): per seller holding them and per source — how many,
 * how many touched, within the SLA, the median and average business minutes to the first touch. A seller sees
 * only their own leads; a team lead their team's.
 */
export const speedToLead = async (
  ex: Executor,
  viewer: Viewer,
  range: { from: Date; to: Date; slaMinutes: number },
): Promise<{ bySeller: SpeedRowData[]; bySource: SpeedRowData[] }> => {
  const scope =
    viewer.role === "seller"
      ? sql`l.organization_id = ${viewer.organizationId} and l.assignee_id = ${viewer.userId}`
      : viewer.role === "team_lead"
        ? sql`l.organization_id = ${viewer.organizationId} and l.assignee_id = any(array${overseenUserIds(viewer)})`
        : sql`l.organization_id = ${viewer.organizationId}`;
  const figures = sql`count(*)::int as leads,
         count(l.first_touch_at)::int as touched,
         count(*) filter (where l.business_minutes_to_touch <= ${range.slaMinutes})::int as within_sla,
         percentile_cont(0.5) within group (order by l.business_minutes_to_touch) as median_minutes,
         avg(l.business_minutes_to_touch)::float8 as average_minutes,
         count(*) filter (where l.reassign_count > 0)::int as reassigned,
         count(l.escalated_at)::int as escalated`;
  const where = sql`${scope} and l.received_at >= ${range.from} and l.received_at < ${range.to}`;
  const [bySeller, bySource] = await Promise.all([
    ex.execute(sql`select l.assignee_id::text as key, coalesce(u.name, '') as name, ${figures}
                     from leads l left join users u on u.id = l.assignee_id
                    where ${where} and l.assignee_id is not null group by l.assignee_id, u.name order by leads desc, name`),
    ex.execute(sql`select l.source_id::text as key, s.name, ${figures}
                     from leads l join lead_sources s on s.id = l.source_id and s.organization_id = l.organization_id
                    where ${where} group by l.source_id, s.name order by leads desc, s.name`),
  ]);
  const rowOf = (row: Record<string, unknown>): SpeedRowData => ({
    key: String(row["key"]),
    name: String(row["name"]),
    leads: num(row["leads"]) ?? 0,
    touched: num(row["touched"]) ?? 0,
    withinSla: num(row["within_sla"]) ?? 0,
    medianMinutes: num(row["median_minutes"]),
    averageMinutes: num(row["average_minutes"]),
    reassigned: num(row["reassigned"]) ?? 0,
    escalated: num(row["escalated"]) ?? 0,
  });
  return { bySeller: bySeller.rows.map(rowOf), bySource: bySource.rows.map(rowOf) };
};
