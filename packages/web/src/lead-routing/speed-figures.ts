import type { Locale, SpeedRow } from "@conveyor/contracts";

/** M5.5: a row whose median time to the first touch is over the SLA is highlighted. No touch yet is not "slow" by this measure. */
export const isSlowRow = (row: SpeedRow, slaMinutes: number): boolean => row.medianMinutes !== null && row.medianMinutes > slaMinutes;

/** The share of leads touched within the SLA (0…1); a lead never touched counts against it. null without leads. */
export const withinSlaShare = (row: SpeedRow): number | null => (row.leads > 0 ? row.withinSla / row.leads : null);

/**
 * The width of a row's median bar (0…1) on one scale for the whole table: the slowest median, or the SLA when
 * everyone is faster, so the SLA mark stays on the chart.
 */
export const medianBarShare = (row: SpeedRow, rows: readonly SpeedRow[], slaMinutes: number): number => {
  const scale = Math.max(slaMinutes, ...rows.map((r) => r.medianMinutes ?? 0));
  if (row.medianMinutes === null || scale <= 0) return 0;
  return Math.min(1, row.medianMinutes / scale);
};

/** Where the SLA falls on that scale (0…1). */
export const slaMarkShare = (rows: readonly SpeedRow[], slaMinutes: number): number => {
  const scale = Math.max(slaMinutes, ...rows.map((r) => r.medianMinutes ?? 0));
  return scale > 0 ? slaMinutes / scale : 0;
};

/** A period of calendar days, "YYYY-MM-DD" both included (Gregorian keys, as the API takes them). */
export type Period = { from: string; to: string };

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const utcOf = (key: string): Date | null => {
  const match = dayPattern.exec(key);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
};

const keyOf = (date: Date): string => date.toISOString().slice(0, 10);

const addDays = (key: string, days: number): string => {
  const date = utcOf(key);
  if (!date) return key;
  date.setUTCDate(date.getUTCDate() + days);
  return keyOf(date);
};

const persianDay = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", { day: "numeric", timeZone: "UTC" });

/** The day of the month `key` falls on in the reader's calendar: Solar Hijri for Persian, Gregorian otherwise. */
const dayOfMonth = (key: string, locale: Locale): number => {
  const date = utcOf(key);
  if (!date) return 1;
  if (locale !== "fa") return date.getUTCDate();
  return Number(persianDay.formatToParts(date).find((part) => part.type === "day")?.value ?? 1);
};

/** The first day of the month holding `key`, in the reader's calendar (1 Farvardin is 21 March in 2025). */
export const monthStart = (key: string, locale: Locale): string => addDays(key, 1 - dayOfMonth(key, locale));

/** The default period of the speed report: from the first of the reader's current month to today. */
export const thisMonth = (today: string, locale: Locale): Period => ({ from: monthStart(today, locale), to: today });

/** The whole month before the current one, in the reader's calendar. */
export const lastMonth = (today: string, locale: Locale): Period => {
  const lastDay = addDays(monthStart(today, locale), -1);
  return { from: monthStart(lastDay, locale), to: lastDay };
};

/** A period the API accepts: both days well formed and in order. */
export const isValidPeriod = (period: Period): boolean => {
  const from = utcOf(period.from);
  const to = utcOf(period.to);
  return from !== null && to !== null && from.getTime() <= to.getTime() && keyOf(from) === period.from && keyOf(to) === period.to;
};
