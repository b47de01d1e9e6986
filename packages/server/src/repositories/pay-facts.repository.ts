import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import type { Viewer } from "../scope";
import { overseenIds, uuidArray } from "./review-people.repository";

/*
 * [pay] the month's facts behind each seller's payroll, read for a set of sellers at once: money received
 * (with its product group and whether it is a first deal), handovers L1 → L2, first deals with a signed
 * acceptance act, activity and review counts, absences, revenue plans. Every query filters on the organization.
 */

export type PaySeller = { id: string; name: string; role: string; level: string | null; salesRole: string | null; departmentKind: string | null; email: string };

/**
 * The people whose pay the viewer sees: a seller only themselves; a team lead the members of their teams and
 * themselves; heads of sales and admins every active seller and team lead of the organization.
 */
export const paySellersInScope = async (ex: Executor, viewer: Viewer, onlyId?: string): Promise<PaySeller[]> => {
  const scope =
    viewer.role === "seller"
      ? sql`and m.user_id = ${viewer.userId}`
      : viewer.role === "team_lead"
        ? sql`and m.user_id = any(${uuidArray(await overseenIds(ex, viewer))})`
        : sql`and m.role in ('seller', 'team_lead')`;
  const one = onlyId ? sql`and m.user_id = ${onlyId}` : sql``;
  const result = await ex.execute<{ id: string; name: string; email: string; role: string; level: string | null; sales_role: string | null; department_kind: string | null }>(sql`
    select u.id, u.name, u.email, m.role, m.level, m.sales_role,
      (select d.kind from team_members tm join teams t on t.id = tm.team_id and t.organization_id = tm.organization_id
         join departments d on d.id = t.department_id and d.organization_id = t.organization_id
       where tm.organization_id = m.organization_id and tm.user_id = m.user_id order by t.name, t.id limit 1) as department_kind
    from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${viewer.organizationId} and m.status = 'active' ${scope} ${one}
    order by u.name, u.id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, level: r.level, salesRole: r.sales_role, departmentKind: r.department_kind }));
};

export type PaymentRow = {
  id: string;
  userId: string;
  dealId: string;
  dealTitle: string;
  companyId: string;
  companyName: string;
  amountMinor: number;
  paidOn: string;
  productGroupId: string | null;
  firstDeal: boolean;
  createdAt: Date;
};

type RawPayment = { id: string; user_id: string; deal_id: string; deal_title: string; company_id: string; company_name: string; amount_minor: string | number; paid_on: string; group_id: string | null; first_win: boolean; created_at: Date | string };
const paymentOf = (r: RawPayment): PaymentRow => ({
  id: r.id,
  userId: r.user_id,
  dealId: r.deal_id,
  dealTitle: r.deal_title,
  companyId: r.company_id,
  companyName: r.company_name,
  amountMinor: Number(r.amount_minor),
  paidOn: r.paid_on,
  productGroupId: r.group_id,
  firstDeal: r.first_win,
  createdAt: new Date(r.created_at),
});

const paymentColumns = sql`p.id, p.credited_user_id as user_id, p.deal_id, d.title as deal_title, p.company_id, c.name as company_name, p.amount_minor,
  p.paid_on::text as paid_on, pr.group_id, d.first_win, p.created_at
  from payments p
  join deals d on d.id = p.deal_id and d.organization_id = p.organization_id
  join companies c on c.id = p.company_id and c.organization_id = p.organization_id
  join orders o on o.id = p.order_id and o.organization_id = p.organization_id
  left join products pr on pr.id = o.product_id and pr.organization_id = o.organization_id`;

/** Money credited to the sellers with paid_on in [from, to], refunds included. */
export const paymentsOf = async (ex: Executor, organizationId: string, userIds: readonly string[], from: string, to: string): Promise<PaymentRow[]> => {
  const result = await ex.execute<RawPayment>(sql`
    select ${paymentColumns}
    where p.organization_id = ${organizationId} and p.credited_user_id = any(${uuidArray(userIds)}) and p.paid_on between ${from}::date and ${to}::date
    order by p.paid_on, p.created_at, p.id`);
  return result.rows.map(paymentOf);
};

/**
 * Money dated in a closed period but entered after it was closed — refunds and late payments alike: candidates
 * for a later month's `late_clawback` or `late_payment` line. A period spans [month, ends_on] (Jalali months too).
 */
export const latePaymentsOf = async (ex: Executor, organizationId: string, userIds: readonly string[], before: string): Promise<PaymentRow[]> => {
  const result = await ex.execute<RawPayment>(sql`
    select ${paymentColumns}
    join pay_periods pp on pp.organization_id = p.organization_id and p.paid_on between pp.month and pp.ends_on
    where p.organization_id = ${organizationId} and p.credited_user_id = any(${uuidArray(userIds)}) and p.amount_minor <> 0
      and p.paid_on < ${before}::date and p.created_at > pp.closed_at
    order by p.paid_on, p.created_at, p.id`);
  return result.rows.map(paymentOf);
};

export type PaymentRef = { id: string; dealId: string; dealTitle: string; companyId: string; companyName: string; amountMinor: number; paidOn: string };

/** Payments by id (the sources of a closed month's lines). */
export const paymentsByIds = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<PaymentRef[]> => {
  if (ids.length === 0) return [];
  const result = await ex.execute<RawPayment>(sql`select ${paymentColumns} where p.organization_id = ${organizationId} and p.id = any(${uuidArray(ids)})`);
  return result.rows.map(paymentOf);
};

export type HandoverRow = { id: string; userId: string; companyId: string; companyName: string; at: Date };

/** M1.3: clients the sellers handed from L1 to L2 in the month (local dates of the organization). */
export const acceptedHandoversOf = async (ex: Executor, organizationId: string, userIds: readonly string[], from: string, to: string, timeZone: string): Promise<HandoverRow[]> => {
  const result = await ex.execute<{ id: string; from_user_id: string; company_id: string; company_name: string; at: Date | string }>(sql`
    select h.id, h.from_user_id, h.company_id, c.name as company_name, h.at
    from handovers h join companies c on c.id = h.company_id and c.organization_id = h.organization_id
    where h.organization_id = ${organizationId} and h.from_user_id = any(${uuidArray(userIds)}) and h.from_level = 'L1' and h.to_level = 'L2'
      and (h.at at time zone ${timeZone})::date between ${from}::date and ${to}::date
    order by h.at, h.id`);
  return result.rows.map((r) => ({ id: r.id, userId: r.from_user_id, companyId: r.company_id, companyName: r.company_name, at: new Date(r.at) }));
};

export const handoversByIds = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<HandoverRow[]> => {
  if (ids.length === 0) return [];
  const result = await ex.execute<{ id: string; from_user_id: string; company_id: string; company_name: string; at: Date | string }>(sql`
    select h.id, h.from_user_id, h.company_id, c.name as company_name, h.at
    from handovers h join companies c on c.id = h.company_id and c.organization_id = h.organization_id
    where h.organization_id = ${organizationId} and h.id = any(${uuidArray(ids)})`);
  return result.rows.map((r) => ({ id: r.id, userId: r.from_user_id, companyId: r.company_id, companyName: r.company_name, at: new Date(r.at) }));
};

export type DealRef = { id: string; userId: string; title: string; companyId: string };

/** M1.4: first deals of the sellers whose acceptance act was signed in the month. */
export const firstDealsOf = async (ex: Executor, organizationId: string, userIds: readonly string[], from: string, to: string): Promise<DealRef[]> => {
  const result = await ex.execute<{ id: string; owner_id: string; title: string; company_id: string }>(sql`
    select id, owner_id, title, company_id from deals
    where organization_id = ${organizationId} and owner_id = any(${uuidArray(userIds)}) and first_win and acceptance_signed_on between ${from}::date and ${to}::date
    order by acceptance_signed_on, id`);
  return result.rows.map((r) => ({ id: r.id, userId: r.owner_id, title: r.title, companyId: r.company_id }));
};

export const dealsByIds = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<DealRef[]> => {
  if (ids.length === 0) return [];
  const result = await ex.execute<{ id: string; owner_id: string; title: string; company_id: string }>(sql`
    select id, owner_id, title, company_id from deals where organization_id = ${organizationId} and id = any(${uuidArray(ids)})`);
  return result.rows.map((r) => ({ id: r.id, userId: r.owner_id, title: r.title, companyId: r.company_id }));
};

export type OpenDealRow = { id: string; ownerId: string; companyId: string; amountMinor: number; closed: boolean; productGroupId: string | null; clientHasWon: boolean };

/** Deals for a what-if: the deal, its first product's group, whether its client already has a won deal. */
export const dealsForWhatIf = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<OpenDealRow[]> => {
  if (ids.length === 0) return [];
  const result = await ex.execute<{ id: string; owner_id: string; company_id: string; amount_minor: string | number; closed: boolean; group_id: string | null; client_has_won: boolean }>(sql`
    select d.id, d.owner_id, d.company_id, d.amount_minor, d.closed_at is not null as closed,
      (select pr.group_id from deal_items di join products pr on pr.id = di.product_id and pr.organization_id = di.organization_id
       where di.organization_id = d.organization_id and di.deal_id = d.id and pr.group_id is not null limit 1) as group_id,
      exists (select 1 from deals w where w.organization_id = d.organization_id and w.company_id = d.company_id and w.first_win) as client_has_won
    from deals d where d.organization_id = ${organizationId} and d.id = any(${uuidArray(ids)})`);
  return result.rows.map((r) => ({ id: r.id, ownerId: r.owner_id, companyId: r.company_id, amountMinor: Number(r.amount_minor), closed: r.closed, productGroupId: r.group_id, clientHasWon: r.client_has_won }));
};

export type MonthActivity = { userId: string; calls: number; meetings: number; dealsWon: number; dealsLost: number; newClients: number; revenueMinor: number };

/** The month's sums of the per-seller day rollup. */
export const monthRollupOf = async (ex: Executor, organizationId: string, userIds: readonly string[], from: string, to: string): Promise<Map<string, MonthActivity>> => {
  const result = await ex.execute<{ user_id: string; calls: number; meetings: number; deals_won: number; deals_lost: number; new_clients: number; revenue_minor: string | number }>(sql`
    select user_id, sum(calls_new + calls_current)::int as calls, sum(meetings_new + meetings_current)::int as meetings,
      sum(deals_won)::int as deals_won, sum(deals_lost)::int as deals_lost, sum(new_clients)::int as new_clients, sum(revenue_minor)::bigint as revenue_minor
    from seller_day_rollup where organization_id = ${organizationId} and user_id = any(${uuidArray(userIds)}) and day between ${from}::date and ${to}::date
    group by user_id`);
  const map = new Map<string, MonthActivity>();
  for (const r of result.rows) {
    map.set(r.user_id, { userId: r.user_id, calls: Number(r.calls), meetings: Number(r.meetings), dealsWon: Number(r.deals_won), dealsLost: Number(r.deals_lost), newClients: Number(r.new_clients), revenueMinor: Number(r.revenue_minor) });
  }
  return map;
};

export type ClientCoverage = { userId: string; clients: number; contacted: number; reviewed: number };

/** M5.16 and M2: of each seller's clients, how many they contacted (call, meeting, email) and how many were reviewed in the month. */
export const clientCoverageOf = async (ex: Executor, organizationId: string, userIds: readonly string[], from: string, to: string, timeZone: string): Promise<Map<string, ClientCoverage>> => {
  const result = await ex.execute<{ owner_id: string; clients: number; contacted: number; reviewed: number }>(sql`
    select c.owner_id, count(*)::int as clients,
      count(*) filter (where exists (select 1 from activities a where a.organization_id = c.organization_id and a.company_id = c.id and a.author_id = c.owner_id
        and a.type in ('call', 'meeting', 'email') and (a.occurred_at at time zone ${timeZone})::date between ${from}::date and ${to}::date))::int as contacted,
      count(*) filter (where exists (select 1 from review_items r where r.organization_id = c.organization_id and r.company_id = c.id and r.seller_id = c.owner_id
        and (r.reviewed_at at time zone ${timeZone})::date between ${from}::date and ${to}::date))::int as reviewed
    from companies c where c.organization_id = ${organizationId} and c.owner_id = any(${uuidArray(userIds)})
    group by c.owner_id`);
  const map = new Map<string, ClientCoverage>();
  for (const r of result.rows) map.set(r.owner_id, { userId: r.owner_id, clients: Number(r.clients), contacted: Number(r.contacted), reviewed: Number(r.reviewed) });
  return map;
};

export type AbsenceRow = { id: string; userId: string; startsOn: string; endsOn: string };

export const absencesOf = async (ex: Executor, organizationId: string, userIds: readonly string[], from: string, to: string): Promise<AbsenceRow[]> => {
  const result = await ex.execute<{ id: string; user_id: string; starts_on: string; ends_on: string }>(sql`
    select id, user_id, starts_on::text as starts_on, ends_on::text as ends_on from absences
    where organization_id = ${organizationId} and user_id = any(${uuidArray(userIds)}) and starts_on <= ${to}::date and ends_on >= ${from}::date
    order by starts_on, id`);
  return result.rows.map((r) => ({ id: r.id, userId: r.user_id, startsOn: r.starts_on, endsOn: r.ends_on }));
};

/** The sellers' revenue plans for the pay period (a Gregorian or a Jalali month) starting `from`. */
export const revenuePlansOf = async (ex: Executor, organizationId: string, userIds: readonly string[], periodKind: string, from: string): Promise<Map<string, number>> => {
  const result = await ex.execute<{ scope_id: string; target: string | number }>(sql`
    select scope_id, target from plans
    where organization_id = ${organizationId} and period_kind = ${periodKind} and period_start = ${from}::date and scope_kind = 'seller' and metric = 'revenue'
      and scope_id = any(array[${sql.join(userIds.length === 0 ? [sql`''`] : userIds.map((id) => sql`${id}`), sql`, `)}]::text[])`);
  return new Map(result.rows.map((r) => [r.scope_id, Number(r.target)]));
};

/** The organization's money received in [from, to] by product group: the gross profit behind the payroll warning. */
export const moneyByProductGroupOf = async (ex: Executor, organizationId: string, from: string, to: string): Promise<Array<{ productGroupId: string | null; amountMinor: number }>> => {
  const result = await ex.execute<{ group_id: string | null; amount_minor: string | number }>(sql`
    select pr.group_id, sum(p.amount_minor)::bigint as amount_minor
    from payments p join orders o on o.id = p.order_id and o.organization_id = p.organization_id
    left join products pr on pr.id = o.product_id and pr.organization_id = o.organization_id
    where p.organization_id = ${organizationId} and p.paid_on between ${from}::date and ${to}::date
    group by pr.group_id`);
  return result.rows.map((r) => ({ productGroupId: r.group_id, amountMinor: Number(r.amount_minor) }));
};
