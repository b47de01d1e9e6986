import type { Country, Locale, PlanPeriodKind } from "@conveyor/contracts";

/*
 * The period a plan covers (M5.9): a Gregorian month "2026-12", or for an organization in Iran a Jalali
 * month "1405-09". The server resolves a period's dates and working days; here only its key and its name.
 */

const pad = (n: number): string => String(n).padStart(2, "0");

/** Iranian organizations plan by the Solar Hijri month their people live by; everyone else by the Gregorian one. */
export const periodKindFor = (country: Country): PlanPeriodKind => (country === "IR" ? "jalali_month" : "month");

/** The key `months` periods away: the same arithmetic for Gregorian and Jalali months, both have twelve. */
export const shiftPeriodKey = (key: string, months: number): string => {
  const [year = 0, month = 1] = key.split("-").map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};

const baseLocale: Record<Locale, string> = { ru: "ru-RU", en: "en-GB", fa: "fa-IR" };

/**
 * An Intl locale with the calendar spelled out. A Gregorian month shown to a Persian reader keeps its Gregorian
 * name ("دسامبر ۲۰۲۶"): in the Solar Hijri calendar the same days would straddle two months.
 */
export const calendarLocale = (locale: Locale, calendar: "gregory" | "persian"): string => `${baseLocale[locale]}-u-ca-${calendar}`;

const capitalized = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** "Декабрь 2026 г.", "December 2026", "آذر ۱۴۰۵" — from the period's first day, read in UTC so no zone moves it. */
export const periodLabel = (locale: Locale, kind: PlanPeriodKind, start: string): string => {
  const format = new Intl.DateTimeFormat(calendarLocale(locale, kind === "jalali_month" ? "persian" : "gregory"), {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const date = new Date(`${start}T12:00:00Z`);
  if (kind === "month") return capitalized(format.format(date));
  // ICU puts the Solar Hijri year first in Persian ("۱۴۰۵ آذر") and adds an era elsewhere; people write "آذر ۱۴۰۵".
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return capitalized(`${part("month")} ${part("year")}`);
};

/**
 * A day in the middle of the period `months` after the one starting on `start`: enough to name it. Jalali months
 * are 29 to 31 days long, so 30.44 days a month plus half a month always lands inside the right one.
 */
export const dayInPeriodAfter = (start: string, months: number): string => {
  const date = new Date(`${start}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.round(months * 30.44 + 14));
  return date.toISOString().slice(0, 10);
};
