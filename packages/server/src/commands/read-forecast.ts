import type { Forecast } from "@conveyor/contracts";
import { clientTypes } from "@conveyor/contracts";
import { addDays, forecastBuckets, forecastSplit, type ForecastDeal } from "@conveyor/domain";
import type { z } from "zod";
import type { forecastQuerySchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { loadKpiContext } from "../kpi/kpi-context";
import { resolveKpiScope } from "../kpi/kpi-scope";
import {
  ensureForecastSnapshot,
  forecastHistory,
  openDealsByMonth,
  openDealsByWeek,
  repeatRunRateOf,
  revenueBy,
} from "../repositories/kpi-rollup.repository";
import type { Viewer } from "../scope";

type ClientType = (typeof clientTypes)[number];
const clientTypeOf = (status: string): ClientType => (status === "current" || status === "permanent" ? status : "new");

/** Segments past this many fold into "other": a chart stays readable. */
const maxForecastGroups = 8;

const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;
const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 10);
};
const monthEnd = (month: string): string => addDays(shiftMonth(month, 1), -1);
const mondayOf = (date: string): string => {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
};

/**
 * M2.4 When and how much money will come, per week or month: open deals × stage probability by
 * client type (new / current / permanent), plus current and permanent clients' repeat payments
 * (their average month over the last three), against what has come in; and, for closed months,
 * what the forecast said when the month began.
 */
export const readForecast = async (context: AppContext, viewer: Viewer, query: z.infer<typeof forecastQuerySchema>): Promise<Forecast> => {
  const { db } = context.database;
  const org = viewer.organizationId;
  const { cal, people } = await loadKpiContext(db, org, context.now());
  const scope = resolveKpiScope(viewer, query.scope, people.members, people.teams);
  const today = cal.today;
  const thisMonth = monthStart(today);
  await ensureForecastSnapshot(db, org, thisMonth);

  const ranges =
    query.by === "month"
      ? Array.from({ length: query.count }, (_, i) => ({ start: shiftMonth(thisMonth, i), end: monthEnd(shiftMonth(thisMonth, i)) }))
      : Array.from({ length: query.count }, (_, i) => {
          const start = addDays(mondayOf(today), 7 * i);
          return { start, end: addDays(start, 6) };
        });
  const last = ranges[ranges.length - 1]?.end ?? today;

  const first = ranges[0]?.start ?? today;
  const [openRows, repeatMonthly, actualByMonth, actualByDay, history] = await Promise.all([
    query.by === "month"
      ? openDealsByMonth(db, org, scope.userIds).then((rows) =>
          // Overdue and undated deals are due now: they land in the first month.
          rows.map((row) => ({ ...row, expectedCloseDate: row.expectedMonth === "0001-01-01" || row.expectedMonth < thisMonth ? null : row.expectedMonth })),
        )
      : openDealsByWeek(db, org, scope.userIds, first, last).then((rows) => rows.map((row) => ({ ...row, expectedCloseDate: row.expectedWeek }))),
    repeatRunRateOf(db, org, scope.userIds, thisMonth),
    revenueBy(db, org, scope.userIds, "month", shiftMonth(thisMonth, -6), last),
    query.by === "week" ? revenueBy(db, org, scope.userIds, "day", first, last) : Promise.resolve(new Map<string, number>()),
    forecastHistory(db, org, scope.userIds, shiftMonth(thisMonth, -6), thisMonth),
  ]);

  // Deals as the forecast sees them, from the month or the week rollup: groups of one date, probability and client facts.
  type Deal = ForecastDeal & { clientType: ClientType; level: string; segment: string };
  const deals: Deal[] = openRows.map((row) => ({
    amountMinor: row.amountMinor,
    probability: row.probability,
    expectedCloseDate: row.expectedCloseDate,
    deals: row.count,
    clientType: clientTypeOf(row.clientType),
    level: row.level,
    segment: row.segment,
  }));

  const groupOf = (deal: Deal): string => {
    switch (query.split) {
      case "client_type":
        return deal.clientType;
      case "level":
        return deal.level;
      case "segment":
        return deal.segment;
    }
  };
  const split = forecastSplit(
    deals.map((d) => ({ ...d, group: groupOf(d) })),
    ranges,
    ranges[0]?.start ?? today,
    maxForecastGroups,
  );

  const perType = new Map(clientTypes.map((type) => [type, forecastBuckets(deals.filter((d) => d.clientType === type), ranges, ranges[0]?.start ?? today)]));
  const all = forecastBuckets(deals, ranges, ranges[0]?.start ?? today);

  const buckets = all.map((bucket, index) => {
    const days = (Date.parse(`${bucket.end}T00:00:00Z`) - Date.parse(`${bucket.start}T00:00:00Z`)) / 86_400_000 + 1;
    const repeatMinor = query.by === "month" ? repeatMonthly : Math.round((repeatMonthly * days) / 30.4);
    const weighted = Object.fromEntries(clientTypes.map((type) => [type, perType.get(type)?.[index]?.weightedMinor ?? 0])) as Record<ClientType, number>;
    let actualMinor = actualByMonth.get(bucket.start) ?? 0;
    if (query.by === "week") {
      actualMinor = 0;
      for (let day = bucket.start; day <= bucket.end; day = addDays(day, 1)) actualMinor += actualByDay.get(day) ?? 0;
    }
    return {
      start: bucket.start,
      end: bucket.end,
      weighted,
      byGroup: split.values[index] ?? [],
      openMinor: bucket.openMinor,
      deals: bucket.deals,
      repeatMinor,
      totalMinor: bucket.weightedMinor + repeatMinor,
      actualMinor,
    };
  });

  const historyRows: Forecast["history"] = [];
  for (let i = 6; i >= 1; i -= 1) {
    const month = shiftMonth(thisMonth, -i);
    const forecast = history.get(month);
    if (forecast === undefined) continue;
    historyRows.push({ month, forecastMinor: forecast, actualMinor: actualByMonth.get(month) ?? 0 });
  }
  return { currency: cal.currency, by: query.by, split: query.split, groups: split.groups, buckets, history: historyRows };
};
