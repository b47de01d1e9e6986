import type { DateRange, LocalDate } from "../calendar-date";

/*
 * The production calendars as versioned data (M5.2). Each file holds one official document's exceptions to
 * the weekly pattern and names that document; nothing else is inferred from it. A new decree or a new
 * Iranian calendar is a new file (or a new `version` of one), never an edit of the rules.
 */

export type CalendarEntry = { date: LocalDate; name: string };

/** A Russian calendar year as the government's decree on moving days off and the Labour Code settle it. */
export type RussianYearData = {
  country: "RU";
  year: number;
  /** Bumped whenever the file changes, so a stored figure can say which data it was computed from. */
  version: string;
  /** The decree (and articles) the year comes from, as shown to the admin. */
  source: string;
  /** Non-working public holidays, Labour Code art. 112 part 1 — including those on a Saturday or Sunday. */
  holidays: readonly CalendarEntry[];
  /** Weekdays made days off: by the decree, or by art. 112 part 2 for a holiday that fell on a weekend. */
  transferredDaysOff: readonly CalendarEntry[];
  /** Saturdays or Sundays the decree made working days. */
  workingWeekendDays: readonly CalendarEntry[];
  /** Working days one hour shorter (art. 95); a working Saturday may be one of them. */
  shortenedDays: readonly CalendarEntry[];
};

/** An Iranian lunar (Hijri) holiday on the Gregorian date the official calendar gives it. */
export type IranianLunarHoliday = CalendarEntry & {
  /** The same day in the official Jalali calendar, "YYYY-MM-DD"; the tests check it against `date`. */
  jalali: string;
  /** The Hijri date it commemorates, "YYYY-MM-DD". */
  hijri: string;
};

/**
 * One Iranian year's lunar holidays as its official calendar lists them. The solar holidays are fixed
 * Jalali dates of the law (ir-solar.ts) and are not repeated here.
 */
export type IranianYearData = {
  country: "IR";
  jalaliYear: number;
  version: string;
  source: string;
  /** The Gregorian dates this list speaks for; outside them the lunar holidays are unknown. */
  covers: DateRange;
  lunarHolidays: readonly IranianLunarHoliday[];
};
