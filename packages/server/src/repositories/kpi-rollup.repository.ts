import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { kpiSettingsOf, kpiSettingsQuery, type KpiSettingsValue, type RawKpiSettings } from "./kpi-settings.repository";
import { planRowsOf, plansOfPeriodQuery, type PlanPeriodKey, type PlanRow, type RawPlan } from "./plan.repository";

/*
 * Reads of the KPI rollups (migration 0008): every figure of the dashboard is a sum over a few
 * thousand rollup rows — sellers × days of the period — never a scan of deals or activities.
 */

const uuidArray = (values: readonly string[]): SQL =>
  values.length === 0 ? sql`array[]::uuid[]` : sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::uuid[]`;

export type DayCounters = {
  callsNew: number;
  callsCurrent: number;
  meetingsNew: number;
  meetingsCurrent: number;
  emails: number;
  proposals: number;
  revenueMinor: number;
  refundsMinor: number;
  payments: number;
  dealsWon: number;
  wonAmountMinor: number;
  newClients: number;
  dealsLost: number;
  closeSeconds: number;
};

export const emptyCounters = (): DayCounters => ({
  callsNew: 0,
  callsCurrent: 0,
  meetingsNew: 0,
  meetingsCurrent: 0,
  emails: 0,
  proposals: 0,
  revenueMinor: 0,
  refundsMinor: 0,
  payments: 0,
  dealsWon: 0,
  wonAmountMinor: 0,
  newClients: 0,
  dealsLost: 0,
  closeSeconds: 0,
});

export const addCounters = (into: DayCounters, add: DayCounters): DayCounters => {
  for (const key of Object.keys(into) as Array<keyof DayCounters>) into[key] += add[key];
  return into;
};

export type SellerDayRow = DayCounters & { userId: string; day: string };

/** Each seller's days summed: the per-person totals every KPI read starts from. */
export const countersByUser = (rows: readonly SellerDayRow[]): Map<string, DayCounters> => {
  const byUser = new Map<string, DayCounters>();
  for (const row of rows) {
    const total = byUser.get(row.userId) ?? emptyCounters();
    byUser.set(row.userId, addCounters(total, row));
  }
  return byUser;
};

type RawDay = {
  user_id: string;
  day: string;
  calls_new: number;
  calls_current: number;
  meetings_new: number;
  meetings_current: number;
  emails: number;
  proposals: number;
  revenue_minor: string | number;
  refunds_minor: string | number;
  payments: number;
  deals_won: number;
  won_amount_minor: string | number;
  new_clients: number;
  deals_lost: number;
  close_seconds: string | number;
};

/** `seller_day_rollup`: every seller's day in [from, to] of the organization (index on the primary key's day filter). */
export const sellerDays = async (ex: Executor, organizationId: string, from: string, to: string): Promise<SellerDayRow[]> => {
  const result = await ex.execute<RawDay>(sql`
    select user_id, to_char(day, 'YYYY-MM-DD') as day, calls_new, calls_current, meetings_new, meetings_current, emails, proposals,
      revenue_minor, refunds_minor, payments, deals_won, won_amount_minor, new_clients, deals_lost, close_seconds
    from seller_day_rollup
    where organization_id = ${organizationId} and day between ${from}::date and ${to}::date`);
  return result.rows.map((r) => ({
    userId: r.user_id,
    day: r.day,
    callsNew: Number(r.calls_new),
    callsCurrent: Number(r.calls_current),
    meetingsNew: Number(r.meetings_new),
    meetingsCurrent: Number(r.meetings_current),
    emails: Number(r.emails),
    proposals: Number(r.proposals),
    revenueMinor: Number(r.revenue_minor),
    refundsMinor: Number(r.refunds_minor),
    payments: Number(r.payments),
    dealsWon: Number(r.deals_won),
    wonAmountMinor: Number(r.won_amount_minor),
    newClients: Number(r.new_clients),
    dealsLost: Number(r.deals_lost),
    closeSeconds: Number(r.close_seconds),
  }));
};

const counterSums = sql.raw(`sum(calls_new) as calls_new, sum(calls_current) as calls_current, sum(meetings_new) as meetings_new,
      sum(meetings_current) as meetings_current, sum(emails) as emails, sum(proposals) as proposals, sum(revenue_minor) as revenue_minor,
      sum(refunds_minor) as refunds_minor, sum(payments) as payments, sum(deals_won) as deals_won, sum(won_amount_minor) as won_amount_minor,
      sum(new_clients) as new_clients, sum(deals_lost) as deals_lost, sum(close_seconds) as close_seconds`);

type RawSums = { [K in Exclude<keyof RawDay, "user_id" | "day">]: string | number | null };

const countersOf = (r: RawSums): DayCounters => ({
  callsNew: Number(r.calls_new ?? 0),
  callsCurrent: Number(r.calls_current ?? 0),
  meetingsNew: Number(r.meetings_new ?? 0),
  meetingsCurrent: Number(r.meetings_current ?? 0),
  emails: Number(r.emails ?? 0),
  proposals: Number(r.proposals ?? 0),
  revenueMinor: Number(r.revenue_minor ?? 0),
  refundsMinor: Number(r.refunds_minor ?? 0),
  payments: Number(r.payments ?? 0),
  dealsWon: Number(r.deals_won ?? 0),
  wonAmountMinor: Number(r.won_amount_minor ?? 0),
  newClients: Number(r.new_clients ?? 0),
  dealsLost: Number(r.deals_lost ?? 0),
  closeSeconds: Number(r.close_seconds ?? 0),
});

type SellerSums = RawSums & { user_id: string };
/** Each seller's days of [from, to] summed in the database (at 100 sellers a month's 3k rows cost more to decode than the sums). */
const sellerTotalsQuery = (organizationId: string, from: string, to: string): SQL => sql`
    select user_id, ${counterSums} from seller_day_rollup
    where organization_id = ${organizationId} and day between ${from}::date and ${to}::date
    group by user_id`;
const sellerTotalsOf = (rows: readonly SellerSums[]): Map<string, DayCounters> => new Map(rows.map((r) => [r.user_id, countersOf(r)]));

/** Every rollup row of [from, to] summed: the organization's totals for the period. */
const organizationTotalsQuery = (organizationId: string, from: string, to: string): SQL => sql`
    select ${counterSums} from seller_day_rollup
    where organization_id = ${organizationId} and day between ${from}::date and ${to}::date`;

/** Money received per day of [from, to] by these sellers (days without money left out). */
type DayRevenue = { day: string; revenue_minor: string | number };
const revenuePerDayQuery = (organizationId: string, userIds: readonly string[], from: string, to: string): SQL => sql`
    select to_char(day, 'YYYY-MM-DD') as day, sum(revenue_minor) as revenue_minor from seller_day_rollup
    where organization_id = ${organizationId} and day between ${from}::date and ${to}::date and user_id = any(${uuidArray(userIds)})
    group by day`;
const revenuePerDayOf = (rows: readonly DayRevenue[]): Map<string, number> => new Map(rows.map((r) => [r.day, Number(r.revenue_minor)]));

/** Distinct clients who paid (net positive) in the months touching [from, to], credited to these sellers. */
const payingClientsQuery = (organizationId: string, userIds: readonly string[], from: string, to: string): SQL => sql`
    select count(distinct company_id)::integer as n from client_month_revenue
    where organization_id = ${organizationId} and user_id = any(${uuidArray(userIds)})
      and month between date_trunc('month', ${from}::date)::date and ${to}::date and amount_minor > 0`;

export type OpenMoneyRow = { userId: string; temperature: string; count: number; amountMinor: number };

/** `open_deal_totals`: open deals per owner and client temperature. */
type OpenMoneyRaw = { owner_id: string; temperature: string; count: number; amount_minor: string | number };
const openMoneyQuery = (organizationId: string): SQL => sql`
    select owner_id, temperature, count, amount_minor from open_deal_totals where organization_id = ${organizationId} and count <> 0`;
const openMoneyOf = (rows: readonly OpenMoneyRaw[]): OpenMoneyRow[] =>
  rows.map((r) => ({ userId: r.owner_id, temperature: r.temperature, count: Number(r.count), amountMinor: Number(r.amount_minor) }));

/** Hot clients per owner, from the segment counts kept on companies (`company_facet_counts`). */
type OwnerCount = { owner_id: string; count: number };
const hotClientsQuery = (organizationId: string): SQL => sql`
    select owner_id, count from company_facet_counts
    where organization_id = ${organizationId} and field = 'temperature' and value = 'hot'`;
const hotClientsOf = (rows: readonly OwnerCount[]): Map<string, number> => new Map(rows.map((r) => [r.owner_id, Number(r.count)]));

/** A query's rows as one JSON column of a larger select. */
const jsonRows = (query: SQL): SQL => sql`(select coalesce(json_agg(t), '[]'::json) from (${query}) t)`;

export type DashboardSources = {
  byUser: Map<string, DayCounters>;
  revenueByDate: Map<string, number>;
  open: OpenMoneyRow[];
  hot: Map<string, number>;
  paying: number;
  /** The organization's totals of the period before (the department's reference), when asked for. */
  previousTotals: DayCounters;
  plans: PlanRow[];
  settings: KpiSettingsValue;
};

/**
 * Everything the dashboard reads after its context, in one statement: each seller's sums for the period, the scope's
 * money per day and paying clients, the open money and hot clients per owner, the department's previous period, the
 * period's plans and the widgets chosen. The embedded
 * database answers one query at a time; one round trip instead of eight is most of a dashboard's wait there.
 */
export const dashboardSources = async (
  ex: Executor,
  organizationId: string,
  input: { period: PlanPeriodKey; userIds: readonly string[]; previous: { from: string; to: string } | null },
): Promise<DashboardSources> => {
  const { period, userIds, previous } = input;
  const from = period.periodStart;
  const to = period.periodEnd;
  const result = await ex.execute<{
    by_user: SellerSums[];
    revenue_by_day: DayRevenue[];
    open_money: OpenMoneyRaw[];
    hot: OwnerCount[];
    paying: number;
    previous_totals: RawSums | null;
    plans: RawPlan[];
    settings: RawKpiSettings | null;
  }>(sql`
    select ${jsonRows(sellerTotalsQuery(organizationId, from, to))} as by_user,
      ${jsonRows(revenuePerDayQuery(organizationId, userIds, from, to))} as revenue_by_day,
      ${jsonRows(openMoneyQuery(organizationId))} as open_money,
      ${jsonRows(hotClientsQuery(organizationId))} as hot,
      (${payingClientsQuery(organizationId, userIds, from, to)}) as paying,
      ${previous ? sql`(select row_to_json(t) from (${organizationTotalsQuery(organizationId, previous.from, previous.to)}) t)` : sql`null::json`} as previous_totals,
      ${jsonRows(plansOfPeriodQuery(organizationId, period))} as plans,
      (select row_to_json(t) from (${kpiSettingsQuery(organizationId)}) t) as settings`);
  const row = result.rows[0];
  if (!row) throw new Error("The dashboard's statement returned no row");
  return {
    byUser: sellerTotalsOf(row.by_user),
    revenueByDate: revenuePerDayOf(row.revenue_by_day),
    open: openMoneyOf(row.open_money),
    hot: hotClientsOf(row.hot),
    paying: Number(row.paying),
    previousTotals: row.previous_totals ? countersOf(row.previous_totals) : emptyCounters(),
    plans: planRowsOf(row.plans),
    settings: kpiSettingsOf(row.settings),
  };
};

export type StageDayRow = { stageId: string; entered: number; exited: number; exitedSeconds: number; lostAfter: number };

/** `stage_day_rollup` summed per stage over [from, to], for these owners (all of them when null). */
export const stageTotals = async (
  ex: Executor,
  organizationId: string,
  userIds: readonly string[] | null,
  from: string,
  to: string,
  /** Only the visits of deals of this channel ('' for none); all when undefined. */
  channel?: string,
): Promise<StageDayRow[]> => {
  const owners = userIds === null ? sql`` : sql`and owner_id = any(${uuidArray(userIds)})`;
  // One channel's visits are counted in their own rollup; the whole funnel reads the one without channels.
  const rollup = channel === undefined ? sql`stage_day_rollup` : sql`stage_channel_day_rollup`;
  const channels = channel === undefined ? sql`` : sql`and channel = ${channel}`;
  const result = await ex.execute<{ stage_id: string; entered: number; exited: number; exited_seconds: string | number; lost_after: number }>(sql`
    select stage_id, sum(entered)::integer as entered, sum(exited)::integer as exited, sum(exited_seconds)::bigint as exited_seconds,
      sum(lost_after)::integer as lost_after
    from ${rollup}
    where organization_id = ${organizationId} and day between ${from}::date and ${to}::date ${owners} ${channels}
    group by stage_id`);
  return result.rows.map((r) => ({
    stageId: r.stage_id,
    entered: Number(r.entered),
    exited: Number(r.exited),
    exitedSeconds: Number(r.exited_seconds),
    lostAfter: Number(r.lost_after),
  }));
};

/** Why deals were lost in [from, to], for these owners (all when null), most frequent first. */
export const lostReasons = async (
  ex: Executor,
  organizationId: string,
  userIds: readonly string[] | null,
  from: string,
  to: string,
  /** Only the deals of this channel ('' for none), from the channel rollup; all when undefined. */
  channel?: string,
): Promise<Array<{ reason: string; count: number }>> => {
  const owners = userIds === null ? sql`` : sql`and owner_id = any(${uuidArray(userIds)})`;
  const rollup = channel === undefined ? sql`lost_reason_day_rollup` : sql`lost_reason_channel_day_rollup`;
  const channels = channel === undefined ? sql`` : sql`and channel = ${channel}`;
  const result = await ex.execute<{ reason: string; count: number }>(sql`
    select reason, sum(count)::integer as count from ${rollup}
    where organization_id = ${organizationId} ${channels} and day between ${from}::date and ${to}::date ${owners}
    group by reason having sum(count) > 0 order by 2 desc, 1 limit 20`);
  return result.rows.map((r) => ({ reason: r.reason, count: Number(r.count) }));
};

/** The rollups and the views that compute what each must hold from the raw tables. */
const rollups = [
  { name: "seller_day_rollup", expected: "seller_day_expected", key: ["user_id", "day"], values: ["calls_new", "calls_current", "meetings_new", "meetings_current", "emails", "proposals", "revenue_minor", "refunds_minor", "payments", "deals_won", "won_amount_minor", "new_clients", "deals_lost", "close_seconds"] },
  { name: "client_month_revenue", expected: "client_month_expected", key: ["user_id", "month", "company_id"], values: ["amount_minor", "payments"] },
  { name: "open_deal_totals", expected: "open_deal_expected", key: ["owner_id", "temperature"], values: ["count", "amount_minor"] },
  { name: "open_deal_forecast", expected: "open_deal_forecast_expected", key: ["owner_id", "stage_id", "client_type", "expected_month", "level", "audience"], values: ["count", "amount_minor"] },
  { name: "open_deal_forecast_week", expected: "open_deal_forecast_week_expected", key: ["owner_id", "stage_id", "client_type", "expected_week", "level", "audience"], values: ["count", "amount_minor"] },
  { name: "lost_reason_channel_day_rollup", expected: "lost_reason_channel_expected", key: ["owner_id", "day", "channel", "reason"], values: ["count"] },
  { name: "lost_reason_day_rollup", expected: "lost_reason_expected", key: ["owner_id", "day", "reason"], values: ["count"] },
  { name: "stage_channel_day_rollup", expected: "stage_channel_day_expected", key: ["owner_id", "stage_id", "day", "channel"], values: ["entered", "exited", "exited_seconds", "lost_after"] },
  { name: "stage_day_rollup", expected: "stage_day_expected", key: ["owner_id", "stage_id", "day"], values: ["entered", "exited", "exited_seconds", "lost_after"] },
] as const;

export type RollupCheck = { name: string; rows: number; mismatches: number };

/**
 * The consistency check: each rollup of one organization against the same figures rebuilt from
 * the raw tables. A row all of whose values are zero counts as absent on either side.
 */
export const checkRollups = async (ex: Executor, organizationId: string): Promise<RollupCheck[]> => {
  const checks: RollupCheck[] = [];
  for (const rollup of rollups) {
    const join = sql.raw(rollup.key.map((k) => `r.${k} = e.${k}`).join(" and "));
    const differs = sql.raw(rollup.values.map((v) => `coalesce(r.${v}, 0) <> coalesce(e.${v}, 0)`).join(" or "));
    const nonZero = (alias: string) => sql.raw(rollup.values.map((v) => `${alias}.${v} <> 0`).join(" or "));
    const result = await ex.execute<{ rows: number; mismatches: number }>(sql`
      with r as (select * from ${sql.raw(rollup.name)} r where r.organization_id = ${organizationId} and (${nonZero("r")})),
           e as (select * from ${sql.raw(rollup.expected)} e where e.organization_id = ${organizationId} and (${nonZero("e")}))
      select (select count(*) from r)::integer as rows,
        (select count(*) from r full join e on ${join} where ${differs})::integer as mismatches`);
    checks.push({ name: rollup.name, rows: Number(result.rows[0]?.rows ?? 0), mismatches: Number(result.rows[0]?.mismatches ?? 0) });
  }
  return checks;
};

/** Rebuilds one organization's rollups from the raw tables (the admin command, after a check found drift). */
export const rebuildRollups = async (ex: Executor, organizationId: string): Promise<void> => {
  for (const rollup of rollups) {
    await ex.execute(sql`delete from ${sql.raw(rollup.name)} where organization_id = ${organizationId}`);
    await ex.execute(sql`insert into ${sql.raw(rollup.name)} select * from ${sql.raw(rollup.expected)} where organization_id = ${organizationId}`);
  }
};

export type ForecastRow = {
  probability: number;
  clientType: string;
  /** The client's conveyor level and segment (audience); '' for none. */
  level: string;
  segment: string;
  expectedMonth: string;
  count: number;
  amountMinor: number;
};

type ForecastGroupRow = { probability: number; client_type: string; level: string; audience: string; count: string | number; amount_minor: string | number };
const forecastFacts = (r: ForecastGroupRow) => ({
  probability: Number(r.probability),
  clientType: r.client_type,
  level: r.level,
  segment: r.audience,
  count: Number(r.count),
  amountMinor: Number(r.amount_minor),
});

/**
 * `open_deal_forecast` with each stage's probability: the open money by expected month, client type, level and
 * segment, summed over the owners and stages in the database (a few hundred rows however many sellers).
 */
export const openDealsByMonth = async (ex: Executor, organizationId: string, userIds: readonly string[]): Promise<ForecastRow[]> => {
  if (userIds.length === 0) return [];
  const result = await ex.execute<ForecastGroupRow & { expected_month: string }>(sql`
    select s.probability, f.client_type, f.level, f.audience, to_char(f.expected_month, 'YYYY-MM-DD') as expected_month,
           sum(f.count) as count, sum(f.amount_minor) as amount_minor
    from open_deal_forecast f join pipeline_stages s on s.id = f.stage_id
    where f.organization_id = ${organizationId} and f.owner_id = any(${uuidArray(userIds)}) and f.count <> 0
    group by s.probability, f.client_type, f.level, f.audience, f.expected_month`);
  return result.rows.map((r) => ({ ...forecastFacts(r), expectedMonth: r.expected_month }));
};

/**
 * The weekly forecast's open money from `open_deal_forecast_week`: per Monday of the expected week from `firstWeek`
 * to `last`, and in one group (week null) the deals expected before `firstWeek` together with the undated ones
 * (month 0001-01 of `open_deal_forecast`): all of them are due now.
 */
export const openDealsByWeek = async (
  ex: Executor,
  organizationId: string,
  userIds: readonly string[],
  firstWeek: string,
  last: string,
): Promise<Array<Omit<ForecastRow, "expectedMonth"> & { expectedWeek: string | null }>> => {
  if (userIds.length === 0) return [];
  const owners = uuidArray(userIds);
  const result = await ex.execute<ForecastGroupRow & { expected_week: string | null }>(sql`
    select s.probability, f.client_type, f.level, f.audience, f.expected_week, sum(f.count) as count, sum(f.amount_minor) as amount_minor
    from (
      select w.stage_id, w.client_type, w.level, w.audience, w.count, w.amount_minor,
             case when w.expected_week < ${firstWeek}::date then null else to_char(w.expected_week, 'YYYY-MM-DD') end as expected_week
      from open_deal_forecast_week w
      where w.organization_id = ${organizationId} and w.owner_id = any(${owners}) and w.expected_week <= ${last}::date and w.count <> 0
      union all
      select m.stage_id, m.client_type, m.level, m.audience, m.count, m.amount_minor, null
      from open_deal_forecast m
      where m.organization_id = ${organizationId} and m.owner_id = any(${owners}) and m.expected_month = '0001-01-01' and m.count <> 0
    ) f join pipeline_stages s on s.id = f.stage_id
    group by s.probability, f.client_type, f.level, f.audience, f.expected_week`);
  return result.rows.map((r) => ({ ...forecastFacts(r), expectedWeek: r.expected_week }));
};

/** Money received per month (`unit` "month", keyed by its first day) or per day, from the per-seller day rollup. */
export const revenueBy = async (
  ex: Executor,
  organizationId: string,
  userIds: readonly string[],
  unit: "month" | "day",
  from: string,
  to: string,
): Promise<Map<string, number>> => {
  if (userIds.length === 0) return new Map();
  const bucket = unit === "month" ? sql`date_trunc('month', day)` : sql`day`;
  const result = await ex.execute<{ bucket: string; amount: string | number }>(sql`
    select to_char(${bucket}, 'YYYY-MM-DD') as bucket, sum(revenue_minor) as amount from seller_day_rollup
    where organization_id = ${organizationId} and user_id = any(${uuidArray(userIds)}) and day between ${from}::date and ${to}::date
    group by 1`);
  return new Map(result.rows.map((r) => [r.bucket, Number(r.amount)]));
};

/**
 * The repeat-payment run-rate of these sellers' current and permanent clients: their average month over the three
 * before `month`, as the month's forecast snapshot took it when the month began (`ensureForecastSnapshot`).
 */
export const repeatRunRateOf = async (ex: Executor, organizationId: string, userIds: readonly string[], month: string): Promise<number> => {
  if (userIds.length === 0) return 0;
  const result = await ex.execute<{ amount: string | number | null }>(sql`
    select sum(repeat_minor) as amount from forecast_snapshots
    where organization_id = ${organizationId} and month = ${month}::date and owner_id = any(${uuidArray(userIds)})`);
  return Number(result.rows[0]?.amount ?? 0);
};

/**
 * The forecast as it stands when a month begins, per owner, kept once (M2.4 forecast vs actual):
 * open deals expected this month or earlier (or undated) × probability, plus the repeat run-rate.
 * A month already taken is not computed again.
 */
export const ensureForecastSnapshot = async (ex: Executor, organizationId: string, month: string): Promise<void> => {
  await ex.execute(sql`
    insert into forecast_snapshots (organization_id, owner_id, month, weighted_minor, repeat_minor)
    select ${organizationId}::uuid, owner_id, ${month}::date, sum(weighted)::bigint, sum(repeat)::bigint from (
      select f.owner_id, round(f.amount_minor * s.probability / 100.0) as weighted, 0 as repeat
      from open_deal_forecast f join pipeline_stages s on s.id = f.stage_id
      where f.organization_id = ${organizationId} and f.expected_month <= ${month}::date and f.count <> 0
      union all
      select r.user_id, 0, round(sum(r.amount_minor) / 3.0)
      from client_month_revenue r join companies c on c.id = r.company_id
      where r.organization_id = ${organizationId} and c.status in ('current', 'permanent')
        and r.month between (${month}::date - interval '3 months')::date and (${month}::date - interval '1 day')::date
      group by r.user_id
    ) x
    where not exists (select 1 from forecast_snapshots t where t.organization_id = ${organizationId} and t.month = ${month}::date)
    group by owner_id
    on conflict do nothing`);
};

export const forecastHistory = async (
  ex: Executor,
  organizationId: string,
  userIds: readonly string[],
  fromMonth: string,
  beforeMonth: string,
): Promise<Map<string, number>> => {
  if (userIds.length === 0) return new Map();
  const result = await ex.execute<{ month: string; total: string | number }>(sql`
    select to_char(month, 'YYYY-MM-DD') as month, sum(weighted_minor + repeat_minor) as total from forecast_snapshots
    where organization_id = ${organizationId} and owner_id = any(${uuidArray(userIds)}) and month >= ${fromMonth}::date and month < ${beforeMonth}::date
    group by 1`);
  return new Map(result.rows.map((r) => [r.month, Number(r.total)]));
};

/**
 * M2.2: what the prospecting target is computed from, for one seller on `today`: their revenue plan of the month
 * holding today (null without one) less the money received so far, and over the last 180 days their average won
 * deal and the share of their closed deals that were won.
 */
export const prospectingFigures = async (
  ex: Executor,
  organizationId: string,
  sellerId: string,
  month: { from: string; to: string },
  today: string,
): Promise<{ gapMinor: number | null; averageDealMinor: number | null; warmToWonRate: number | null }> => {
  const result = await ex.execute<{ plan: string | number | null; fact: string | number | null; won_amount: string | number | null; won: string | number | null; lost: string | number | null }>(sql`
    select
      (select p.target from plans p where p.organization_id = ${organizationId} and p.scope_kind = 'seller' and p.scope_id = ${sellerId}
         and p.metric = 'revenue' and p.period_start <= ${today}::date and p.period_end >= ${today}::date
         order by (p.period_kind = 'month') desc limit 1) as plan,
      (select sum(f.revenue_minor) from seller_day_rollup f where f.organization_id = ${organizationId} and f.user_id = ${sellerId}
         and f.day between ${month.from}::date and ${month.to}::date) as fact,
      sum(r.won_amount_minor) as won_amount, sum(r.deals_won) as won, sum(r.deals_lost) as lost
    from seller_day_rollup r
    where r.organization_id = ${organizationId} and r.user_id = ${sellerId} and r.day between (${today}::date - 180) and ${today}::date`);
  const row = result.rows[0];
  const won = Number(row?.won ?? 0);
  const lost = Number(row?.lost ?? 0);
  const plan = row?.plan === null || row?.plan === undefined ? null : Number(row.plan);
  return {
    gapMinor: plan === null ? null : plan - Number(row?.fact ?? 0),
    averageDealMinor: won > 0 ? Number(row?.won_amount ?? 0) / won : null,
    warmToWonRate: won + lost > 0 ? won / (won + lost) : null,
  };
};
