import type { Dashboard, DashboardQuery, KpiFigures, PlanLine, PlanMetric, SellerRow } from "@conveyor/contracts";
import { planMetrics } from "@conveyor/contracts";
import {
  paceStatus,
  periodEndProjection,
  planCompletion,
  planCompletionToDate,
  planToDate,
  runRateNeeded,
  salesEffectiveness,
  weakestEffectivenessFactor,
  addDays,
} from "@conveyor/domain";
import type { AppContext } from "../context";
import { loadKpiContext } from "../kpi/kpi-context";
import { resolvePeriod, shiftPeriodKey } from "../kpi/org-calendar";
import { isSeller, resolveKpiScope, visibleSellerIds, type KpiScope } from "../kpi/kpi-scope";
import type { KpiMember } from "../repositories/kpi-people.repository";
import { addCounters, dashboardSources, emptyCounters, type DayCounters } from "../repositories/kpi-rollup.repository";
import type { PlanRow } from "../repositories/plan.repository";
import type { Viewer } from "../scope";

/*
 * The KPI dashboard (M2.3, M5.1, M5.2, M5.11): the period's seller-day rollup summed per seller
 * and per day in the database (a hundred rows and a month's days), the plans, and the open-money
 * and hot-client counters.
 */

export const factOf = (metric: PlanMetric, c: DayCounters): number => {
  switch (metric) {
    case "revenue":
      return c.revenueMinor;
    case "deals_won":
      return c.dealsWon;
    case "new_clients":
      return c.newClients;
    case "calls":
      return c.callsNew + c.callsCurrent;
    case "meetings":
      return c.meetingsNew + c.meetingsCurrent;
  }
};

/** A scope's plan: its own, or the sum of its sellers' plans when it has none. */
export const planOf = (scope: KpiScope, metric: PlanMetric, plans: readonly PlanRow[]): number | null => {
  const scopeKind = scope.kind === "department" ? "department" : scope.kind;
  const own = plans.find((p) => p.scopeKind === scopeKind && p.scopeId === scope.id && p.metric === metric);
  if (own) return own.target;
  if (scope.kind === "seller") return null;
  const ids = new Set(scope.userIds);
  const sellers = plans.filter((p) => p.scopeKind === "seller" && p.metric === metric && ids.has(p.scopeId));
  return sellers.length === 0 ? null : sellers.reduce((sum, p) => sum + p.target, 0);
};

export const planLine = (metric: PlanMetric, plan: number | null, fact: number, days: { workingDays: number; workingDaysElapsed: number }): PlanLine => {
  const pace = { plan: plan ?? 0, fact, workingDaysInPeriod: days.workingDays, workingDaysElapsed: days.workingDaysElapsed };
  const completionToDate = plan === null ? null : planCompletionToDate(pace);
  return {
    metric,
    plan,
    fact,
    planToDate: plan === null ? null : planToDate(pace),
    completionToDate,
    completion: plan === null ? null : planCompletion(pace),
    runRatePerDay: plan === null ? null : runRateNeeded(pace),
    projection: periodEndProjection(pace),
    status: paceStatus(completionToDate),
  };
};

const sumOver = (byUser: ReadonlyMap<string, DayCounters>, userIds: Iterable<string>): DayCounters => {
  const total = emptyCounters();
  for (const id of userIds) {
    const c = byUser.get(id);
    if (c) addCounters(total, c);
  }
  return total;
};

const ratioOrNull = (a: number, b: number): number | null => (b > 0 ? a / b : null);

const figuresOf = (c: DayCounters, paying: number): KpiFigures => ({
  ...{
    callsNew: c.callsNew,
    callsCurrent: c.callsCurrent,
    meetingsNew: c.meetingsNew,
    meetingsCurrent: c.meetingsCurrent,
    emails: c.emails,
    proposals: c.proposals,
    revenueMinor: c.revenueMinor,
    refundsMinor: c.refundsMinor,
    payments: c.payments,
    dealsWon: c.dealsWon,
    wonAmountMinor: c.wonAmountMinor,
    newClients: c.newClients,
    dealsLost: c.dealsLost,
  },
  payingClients: paying,
  averageClientTurnoverMinor: paying > 0 ? Math.round(c.revenueMinor / paying) : null,
  averageCheckMinor: c.payments > 0 ? Math.round(c.revenueMinor / c.payments) : null,
  averageDaysToClose: c.dealsWon > 0 ? c.closeSeconds / c.dealsWon / 86_400 : null,
  // How many proposals it takes to win a deal.
  proposalsPerClient: ratioOrNull(c.proposals, c.dealsWon),
});

export const readDashboard = async (context: AppContext, viewer: Viewer, query: DashboardQuery): Promise<Dashboard> => {
  const { db } = context.database;
  const now = context.now();
  const org = viewer.organizationId;
  const { cal, people } = await loadKpiContext(db, org, now);
  const period = resolvePeriod(cal, query.periodKind, query.period);
  const { members, teams } = people;
  const scope = resolveKpiScope(viewer, query.scope, members, teams);
  const previous = resolvePeriod(cal, query.periodKind, shiftPeriodKey(period.key, -1));

  const { byUser, revenueByDate, open, hot, paying, previousTotals, plans, settings } = await dashboardSources(db, org, {
    period: { periodKind: period.kind, periodStart: period.start, periodEnd: period.end },
    userIds: scope.userIds,
    previous: scope.kind === "department" ? { from: previous.start, to: previous.end } : null,
  });

  const scopeIds = new Set(scope.userIds);
  const total = sumOver(byUser, scope.userIds);

  const plan = planMetrics.map((metric) => planLine(metric, planOf(scope, metric, plans), factOf(metric, total), period));

  const pipeline = { hot: { count: 0, amountMinor: 0 }, warm: { count: 0, amountMinor: 0 }, potential: { count: 0, amountMinor: 0 }, hotClients: 0 };
  for (const row of open) {
    if (!scopeIds.has(row.userId)) continue;
    const bucket = row.temperature === "hot" ? pipeline.hot : row.temperature === "warm" ? pipeline.warm : pipeline.potential;
    bucket.count += row.count;
    bucket.amountMinor += row.amountMinor;
  }
  for (const id of scopeIds) pipeline.hotClients += hot.get(id) ?? 0;

  const revenueByDay: Dashboard["revenueByDay"] = [];
  for (let date = period.start; date <= period.end; date = addDays(date, 1)) revenueByDay.push({ date, revenueMinor: revenueByDate.get(date) ?? 0 });

  const { sellers, rank } = sellerTable(viewer, members, teams, byUser, plans, hot, period);

  const sellerCount = (ids: Iterable<string>): number => {
    const set = new Set(ids);
    return members.filter((m) => set.has(m.userId) && isSeller(m)).length;
  };
  const actual = salesEffectiveness({
    sellers: scope.kind === "seller" ? 1 : sellerCount(scope.userIds),
    meetings: total.meetingsNew + total.meetingsCurrent,
    dealsWon: total.dealsWon,
  });
  const referenceCounters =
    scope.kind === "department" ? previousTotals : sumOver(byUser, members.map((m) => m.userId));
  const departmentSellers = sellerCount(members.map((m) => m.userId));
  const reference = salesEffectiveness({
    sellers: departmentSellers,
    meetings: referenceCounters.meetingsNew + referenceCounters.meetingsCurrent,
    dealsWon: referenceCounters.dealsWon,
  });
  // Per seller, a team or a seller compares with the department's average seller; sellers themselves are not a factor then.
  const perSeller = scope.kind === "department" ? reference : { ...reference, sellers: actual.sellers };
  const weakest = weakestEffectivenessFactor(actual, perSeller);

  return {
    period,
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    currency: cal.currency,
    widgets: settings.widgets,
    tvRefreshSeconds: settings.tvRefreshSeconds,
    plan,
    figures: figuresOf(total, paying),
    pipeline,
    revenueByDay,
    sellers,
    rank,
    effectiveness: {
      sellers: actual.sellers,
      meetings: total.meetingsNew + total.meetingsCurrent,
      meetingsPerSeller: actual.meetingsPerSeller,
      winsPerMeeting: actual.winsPerMeeting,
      dealsWon: total.dealsWon,
      weakest: weakest?.factor ?? null,
      reference: { meetingsPerSeller: perSeller.meetingsPerSeller, winsPerMeeting: perSeller.winsPerMeeting, sellers: perSeller.sellers },
    },
    generatedAt: now.toISOString(),
  };
};

/** Every seller ranked by money received; the viewer gets the rows their scope allows, and a seller their rank. */
const sellerTable = (
  viewer: Viewer,
  members: readonly KpiMember[],
  teams: Parameters<typeof visibleSellerIds>[2],
  byUser: ReadonlyMap<string, DayCounters>,
  plans: readonly PlanRow[],
  hot: ReadonlyMap<string, number>,
  period: { workingDays: number; workingDaysElapsed: number },
): { sellers: SellerRow[]; rank: Dashboard["rank"] } => {
  const all = members.filter(isSeller).map((m) => {
    const c = byUser.get(m.userId) ?? emptyCounters();
    const plan = plans.find((p) => p.scopeKind === "seller" && p.scopeId === m.userId && p.metric === "revenue")?.target ?? null;
    return {
      userId: m.userId,
      name: m.name,
      level: m.level,
      rank: 0,
      revenueMinor: c.revenueMinor,
      revenuePlanMinor: plan,
      completionToDate:
        plan === null ? null : planCompletionToDate({ plan, fact: c.revenueMinor, workingDaysInPeriod: period.workingDays, workingDaysElapsed: period.workingDaysElapsed }),
      calls: c.callsNew + c.callsCurrent,
      meetings: c.meetingsNew + c.meetingsCurrent,
      dealsWon: c.dealsWon,
      hotClients: hot.get(m.userId) ?? 0,
    };
  });
  all.sort((a, b) => b.revenueMinor - a.revenueMinor || b.dealsWon - a.dealsWon || a.name.localeCompare(b.name));
  all.forEach((row, index) => (row.rank = index + 1));
  const visible = visibleSellerIds(viewer, members, teams);
  const own = all.find((row) => row.userId === viewer.userId);
  return {
    sellers: all.filter((row) => visible.has(row.userId)),
    rank: own ? { position: own.rank, of: all.length } : null,
  };
};
