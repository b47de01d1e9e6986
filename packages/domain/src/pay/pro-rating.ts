import { workingDaysOfPerson, type Absence } from "../calendars/working-days";
import type { ProductionCalendar } from "../calendars/production-calendar";

/*
 * M1.6: the base salary is paid for the working days worked — the production calendar's working days of
 * the month less those inside the person's absences (and before they started or after they left).
 */

export type BaseProRating = { workingDays: number; workedDays: number; amountMinor: number };

/** base × worked / working days, rounded to the minor unit; the whole base when the month has no working day. */
export const proRatedBase = (baseMinor: number, workingDays: number, workedDays: number): number => {
  if (workingDays <= 0) return baseMinor;
  return Math.round((baseMinor * Math.max(0, Math.min(workedDays, workingDays))) / workingDays);
};

/** The base for a month on the organization's calendar, with the person's absences. */
export const baseForMonth = (
  calendar: ProductionCalendar,
  year: number,
  month: number,
  baseMinor: number,
  absences: readonly Absence[],
): BaseProRating => {
  const workingDays = calendar.workingDaysInMonth(year, month);
  const workedDays = workingDaysOfPerson(calendar, year, month, absences);
  return { workingDays, workedDays, amountMinor: proRatedBase(baseMinor, workingDays, workedDays) };
};
