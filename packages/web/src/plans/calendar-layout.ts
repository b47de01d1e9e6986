import type { Country, Locale, WorkingCalendar } from "@conveyor/contracts";

/*
 * The working-day calendar's year view (M5.2): twelve month grids laid out by weeks from the locale's first day,
 * each day coloured by what it is. Pure: dates are "YYYY-MM-DD" strings, weekdays 0 = Sunday … 6 = Saturday.
 */

export type CalendarDay = WorkingCalendar["months"][number]["days"][number];

/** How a day is coloured: the server's kinds, plus a working day the decree moved onto a weekend (a working Saturday). */
export const dayTones = ["working", "weekend", "holiday", "shortened", "transferred"] as const;
export type DayTone = (typeof dayTones)[number];

/** The weekday of a local date, read in UTC so no zone moves it. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The weekly rest days: Saturday and Sunday; in Iran Friday, and Thursday too where the organization rests then. */
export const patternWeekend = (country: Country, thursdayOff: boolean): number[] => {
  switch (country) {
    case "RU":
    case "OTHER":
      return [6, 0];
    case "IR":
      return thursdayOff ? [4, 5] : [5];
  }
};

/** The week starts on Saturday in Iran and for Persian readers, on Monday in Russia and for everyone else here. */
export const weekStartFor = (locale: Locale, country: Country): number => (locale === "fa" || country === "IR" ? 6 : 1);

/** The seven weekdays in the order the grid's columns show them. */
export const weekdayOrder = (weekStart: number): number[] => Array.from({ length: 7 }, (_, i) => (weekStart + i) % 7);

/** A month as rows of seven cells from `weekStart`; the days of other months are null. */
export const monthWeeks = <T extends { date: string }>(days: readonly T[], weekStart: number): Array<Array<T | null>> => {
  const first = days[0];
  if (!first) return [];
  const lead = (weekdayOf(first.date) - weekStart + 7) % 7;
  const cells: Array<T | null> = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<T | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
};

/** The colour of a day: a working day on a weekly rest day is a transferred one (e.g. Saturday 1 November 2025 in Russia). */
export const dayTone = (day: Pick<CalendarDay, "date" | "kind">, weekend: readonly number[]): DayTone => {
  switch (day.kind) {
    case "working":
      return weekend.includes(weekdayOf(day.date)) ? "transferred" : "working";
    case "shortened":
      return "shortened";
    case "weekend":
      return "weekend";
    case "holiday":
      return "holiday";
  }
};

export const isWorkingKind = (kind: CalendarDay["kind"]): boolean => kind === "working" || kind === "shortened";

/** Whether a date's day may be changed: from last year to two years ahead. */
export const canChangeYear = (year: number, thisYear: number): boolean => year >= thisYear - 1 && year <= thisYear + 2;

/** What to offer for a day: the override kinds that would change it (a working day is not made a working day). */
export const overrideChoices = (kind: CalendarDay["kind"]): Array<"working" | "day_off" | "shortened"> => {
  switch (kind) {
    case "working":
      return ["day_off", "shortened"];
    case "shortened":
      return ["working", "day_off"];
    case "weekend":
    case "holiday":
      return ["working", "shortened"];
  }
};

/** The warning a year needs: none for official data, else which kind, and the neighbouring years also without data. */
export const coverageWarning = (calendar: Pick<WorkingCalendar, "coverage" | "missingYears" | "year">): { kind: "missing" | "partial" | "pattern_only" | null; otherYears: number[] } => ({
  kind: calendar.coverage === "official" ? null : calendar.coverage,
  otherYears: calendar.coverage === "pattern_only" ? [] : calendar.missingYears.filter((y) => y !== calendar.year),
});
