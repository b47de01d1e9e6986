import type { plans } from "@conveyor/server/schema";

/*
 * The demo department's plans (M2.3, M5.9): for this month and the last, per seller and for the whole department,
 * set around each seller's recent monthly pace — so the dashboard and the plans
 * grid show a real % of plan to date on first start, some sellers ahead and some behind. Deterministic: the same
 * facts and `now` give the same plans.
 */

export type DemoPlanMetric = "revenue" | "deals_won" | "calls" | "meetings";
export const demoPlanMetrics: readonly DemoPlanMetric[] = ["revenue", "deals_won", "calls", "meetings"];

/** One counted event: a payment credited to the deal's owner, a won deal, a call or a meeting, on a local day. */
export type DemoFact = { userId: string; day: string; metric: DemoPlanMetric; value: number };

const pad = (n: number): string => String(n).padStart(2, "0");
const shiftMonth = (key: string, months: number): string => {
  const [y = 0, m = 1] = key.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};
const lastDay = (key: string): string => {
  const [y = 0, m = 1] = key.split("-").map(Number);
  return `${key}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};

/** The local day of an instant, for a zone's offset at the demo's `now` (the demo's zones keep no summer time). */
export const localDayOf = (at: Date, offsetMs: number): string => new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);

/** How far the zone's wall clock runs ahead of UTC at `now`. */
export const zoneOffsetMs = (now: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wall - Math.floor(now.getTime() / 1000) * 1000;
};

/** Money to a round 10 000 (in minor units of a two-digit currency), counts to whole ones, and activity to tens. */
const roundTarget = (metric: DemoPlanMetric, value: number): number => {
  switch (metric) {
    case "revenue":
      return value >= 1_000_000 ? Math.round(value / 1_000_000) * 1_000_000 : Math.round(value / 10_000) * 10_000;
    case "calls":
      return value >= 20 ? Math.round(value / 10) * 10 : Math.round(value);
    case "deals_won":
    case "meetings":
      return Math.max(1, Math.round(value));
  }
};

/** A stretch a head would set: from 10 % below to 35 % above the recent pace, different per seller and month, never random. */
const stretch = (sellerIndex: number, monthIndex: number, metricIndex: number): number => 0.9 + ((sellerIndex * 7 + monthIndex * 3 + metricIndex * 5) % 10) * 0.05;

const dayMs = 24 * 3600_000;
const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** Days of record a plan is set from: the demo's activity grows over its year, so the recent pace, not a year's average. */
const recordDays = 30;
const daysPerMonth = 30.44;

export type DemoPlanRow = typeof plans.$inferInsert;

/**
 * The plans of the month holding `today` and of the one before, for each seller with a recent record in a metric
 * (a hunter who brought no money gets no revenue plan) and for the department as their sum.
 */
export const demoPlanRows = (options: {
  organizationId: string;
  today: string;
  sellerIds: readonly string[];
  facts: readonly DemoFact[];
  setById: string;
  at: Date;
}): DemoPlanRow[] => {
  const { organizationId, today, sellerIds, facts, setById, at } = options;
  const current = today.slice(0, 7);
  const rows: DemoPlanRow[] = [];
  [shiftMonth(current, -1), current].forEach((month, monthIndex) => {
    // This month's plan from the pace up to today; last month's from the pace up to its end.
    const to = month === current ? today : lastDay(month);
    const from = addDays(to, -(recordDays - 1));
    const record = new Map<string, number>();
    for (const fact of facts) {
      if (fact.day < from || fact.day > to) continue;
      const key = `${fact.userId}|${fact.metric}`;
      record.set(key, (record.get(key) ?? 0) + fact.value);
    }
    const period = { organizationId, periodKind: "month", periodStart: `${month}-01`, periodEnd: lastDay(month), updatedById: setById, createdAt: at, updatedAt: at };
    demoPlanMetrics.forEach((metric, metricIndex) => {
      let department = 0;
      sellerIds.forEach((userId, sellerIndex) => {
        const monthly = ((record.get(`${userId}|${metric}`) ?? 0) / recordDays) * daysPerMonth;
        if (monthly <= 0) return;
        const target = roundTarget(metric, monthly * stretch(sellerIndex, monthIndex, metricIndex));
        department += target;
        rows.push({ ...period, scopeKind: "seller", scopeId: userId, metric, target });
      });
      if (department > 0) rows.push({ ...period, scopeKind: "department", scopeId: "", metric, target: department });
    });
  });
  return rows;
};
