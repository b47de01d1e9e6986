import type { Country, Locale, PlanPeriodKind } from "@conveyor/contracts";
import { intlLocale } from "../i18n/intl";

/**
 * The months plans and results count in (M5.2): Iran's organizations plan by the Solar Hijri month, the others by the
 * Gregorian one. The API resolves a key of either kind to its dates and working days.
 */
export const periodKindOf = (country: Country): PlanPeriodKind => (country === "IR" ? "jalali_month" : "month");

/** "2026-12" moved by `months` ("2027-01" for +1); the key means the same in both calendars, twelve months a year. */
export const shiftPeriodKey = (key: string, months: number): string => {
  const [year = 0, month = 1] = key.split("-").map(Number);
  const index = year * 12 + (month - 1) + months;
  const nextYear = Math.floor(index / 12);
  const nextMonth = index - nextYear * 12 + 1;
  return `${String(nextYear).padStart(4, "0")}-${String(nextMonth).padStart(2, "0")}`;
};

const calendarOf = (kind: PlanPeriodKind) => (kind === "jalali_month" ? "persian" : "gregory");

/** A local date "2026-12-07" as the instant the formatters read in UTC, so no time zone moves it a day. */
const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** The period's name in the reader's language and the period's own calendar: "December 2026", "آذر ۱۴۰۵", "دسامبر ۲۰۲۶". */
export const periodLabel = (locale: Locale, period: { kind: PlanPeriodKind; start: string }): string => {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { calendar: calendarOf(period.kind), month: "long", year: "numeric", timeZone: "UTC" });
  if (locale !== "fa") return format.format(utcDate(period.start));
  // ICU writes the Persian calendar's month year first ("۱۴۰۵ آذر"); Iranians write "آذر ۱۴۰۵".
  const parts = format.formatToParts(utcDate(period.start));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return [part("month"), part("year")].filter(Boolean).join(" ");
};

/** A day of the period as its number in the period's calendar ("7", "۱۶"), for the axis of the revenue chart. */
export const dayOfPeriodLabel = (locale: Locale, kind: PlanPeriodKind, date: string): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { calendar: calendarOf(kind), day: "numeric", timeZone: "UTC" }).format(utcDate(date));

/** A date in the period's calendar, short ("7 Dec 2026", "۱۶ آذر ۱۴۰۵"). */
export const periodDateLabel = (locale: Locale, kind: PlanPeriodKind, date: string): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { calendar: calendarOf(kind), dateStyle: "medium", timeZone: "UTC" }).format(utcDate(date));
