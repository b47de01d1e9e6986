import { addDays, monthRange } from "../calendars/calendar-date";
import { jalaliMonthOf, jalaliMonthRange } from "../calendars/jalali";
import { periodWorkingDays, type Absence } from "../calendars/working-days";
import type { ProductionCalendar } from "../calendars/production-calendar";
import { proRatedBase, type BaseProRating } from "./pro-rating";

/*
 * M1.6 with M5.2's calendars: the pay period. An organization in Iran whose plans are by Jalali month is paid by
 * the Jalali month (1 Farvardin … 29/30 Esfand), so pay, the plan it is measured against and the month a late
 * payment lands in share one period; everyone else is paid by the Gregorian month.
 */

export type PayPeriodKind = "month" | "jalali_month";

/** A pay period: its key ("2026-11" or "1405-12"), its first and last local dates. */
export type PayPeriod = { kind: PayPeriodKind; key: string; start: string; end: string; year: number; month: number };

const pad = (n: number): string => String(n).padStart(2, "0");

/** The period of a key in its calendar. */
export const payPeriodOf = (kind: PayPeriodKind, key: string): PayPeriod => {
  const [year, month] = key.split("-").map(Number) as [number, number];
  const range = kind === "jalali_month" ? jalaliMonthRange(year, month) : monthRange(year, month);
  return { kind, key: `${year}-${pad(month)}`, start: range.from, end: range.to, year, month };
};

/** The period holding a local date. */
export const payPeriodHolding = (kind: PayPeriodKind, date: string): PayPeriod => {
  if (kind === "jalali_month") {
    const j = jalaliMonthOf(date);
    return payPeriodOf(kind, `${j.year}-${pad(j.month)}`);
  }
  return payPeriodOf(kind, date.slice(0, 7));
};

/** The period after: Esfand 1405 → Farvardin 1406, December → January. */
export const nextPayPeriod = (period: PayPeriod): PayPeriod => payPeriodHolding(period.kind, addDays(period.end, 1));

/** The first day of the period after the one starting on `start`. */
export const nextPayPeriodStart = (kind: PayPeriodKind, start: string): string => nextPayPeriod(payPeriodHolding(kind, start)).start;

/** The base for a pay period on the organization's calendar, with the person's absences (M1.6 pro-rating). */
export const baseForPeriod = (calendar: ProductionCalendar, period: Pick<PayPeriod, "start" | "end">, baseMinor: number, absences: readonly Absence[]): BaseProRating => {
  const workingDays = calendar.workingDaysBetween(period.start, period.end);
  const workedDays = periodWorkingDays(calendar, period.start, period.end, period.end, absences).total;
  return { workingDays, workedDays, amountMinor: proRatedBase(baseMinor, workingDays, workedDays) };
};
