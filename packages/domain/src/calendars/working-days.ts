import type { WorkCalendar } from "../leads/business-time";
import { dateParts, datesOf, monthRange, type LocalDate } from "./calendar-date";
import type { ProductionCalendar } from "./production-calendar";

/** A person's absence (leave, sick leave), both days included. */
export type Absence = { startsOn: LocalDate; endsOn: LocalDate };

export type PeriodWorkingDays = {
  /** Working days of the whole period. */
  total: number;
  /** Those from its start up to and including `today` (today counts: M5.2 is read during the day). */
  elapsed: number;
  /** Those after today. */
  remaining: number;
};

const absentDates = (absences: readonly Absence[]): Set<LocalDate> => {
  const dates = new Set<LocalDate>();
  for (const absence of absences) {
    dateParts(absence.startsOn);
    dateParts(absence.endsOn);
    if (absence.endsOn < absence.startsOn) throw new RangeError(`Absence ends before it starts: ${absence.startsOn} … ${absence.endsOn}`);
    for (const date of datesOf({ from: absence.startsOn, to: absence.endsOn })) dates.add(date);
  }
  return dates;
};

/**
 * M5.2: the working days of [from, to] and how many of them have elapsed by `today`, for any period — a
 * Gregorian month, a Jalali month (`jalaliMonthRange`), a quarter. With absences, only the person's own
 * working days count, so a plan pro-rated to them is measured against the days they could work.
 * Before the period nothing has elapsed; after it everything has.
 */
export const periodWorkingDays = (
  calendar: ProductionCalendar,
  from: LocalDate,
  to: LocalDate,
  today: LocalDate,
  absences: readonly Absence[] = [],
): PeriodWorkingDays => {
  dateParts(today);
  const absent = absentDates(absences);
  const working = datesOf({ from, to }).filter((date) => calendar.isWorkingDay(date) && !absent.has(date));
  const elapsed = working.filter((date) => date <= today).length;
  return { total: working.length, elapsed, remaining: working.length - elapsed };
};

/**
 * M5.2 pro-rating: a person's working days in a month — the calendar's working days less those inside any
 * of their absences (overlapping absences count once). A month plan × this / workingDaysInMonth is the
 * plan for someone away part of the month.
 */
export const workingDaysOfPerson = (
  calendar: ProductionCalendar,
  year: number,
  month: number,
  absences: readonly Absence[],
): number => {
  const range = monthRange(year, month);
  return periodWorkingDays(calendar, range.from, range.to, range.to, absences).total;
};

/**
 * The norm of working hours over [from, to] — `hoursPerDay` a working day, less the shortening of shortened
 * days. On a 40-hour five-day week (8 hours a day) it is the hour norm of Russia's production calendar.
 */
export const workingHoursBetween = (calendar: ProductionCalendar, from: LocalDate, to: LocalDate, hoursPerDay: number): number => {
  if (!Number.isFinite(hoursPerDay) || hoursPerDay < 0) throw new RangeError(`Not a number of hours: ${hoursPerDay}`);
  const minutes = datesOf({ from, to })
    .map(calendar.day)
    .filter((day) => day.kind === "working" || day.kind === "shortened")
    .reduce((sum, day) => sum + Math.max(0, hoursPerDay * 60 - day.shortenedByMinutes), 0);
  return minutes / 60;
};

/**
 * M5.5 with the production calendar: the working time speed-to-lead timers run on, so they stop on public
 * holidays and end an hour early on shortened days, not only on the weekly days off.
 */
export const workCalendarOf = (
  calendar: ProductionCalendar,
  hours: { timeZone: string; workStart: string; workEnd: string },
): WorkCalendar => ({
  timeZone: hours.timeZone,
  workStart: hours.workStart,
  workEnd: hours.workEnd,
  isWorkingDay: calendar.isWorkingDay,
  shortenedEnd: (date) => calendar.shortenedEnd(date, hours.workEnd),
});
