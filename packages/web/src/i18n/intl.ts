import type { Locale } from "@conveyor/contracts";

/**
 * The Intl locale for a product locale. Persian asks for the Solar Hijri calendar explicitly:
 * `fa-IR` alone does not guarantee it in every engine.
 */
export const intlLocale = (locale: Locale): string => {
  switch (locale) {
    case "ru":
      return "ru-RU";
    case "en":
      return "en-GB";
    case "fa":
      return "fa-IR-u-ca-persian";
  }
};

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);

/** Today's date as people in `timeZone` see it, e.g. "جمعه ۱ فروردین ۱۴۰۴". */
export const formatLongDate = (locale: Locale, value: Date | string, timeZone: string): string => {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "full", timeZone });
  if (locale !== "fa") return format.format(toDate(value));
  // ICU's full Persian pattern puts the year first ("۱۴۰۴ فروردین ۱, جمعه"); Iranians write
  // weekday, day, month, year.
  const parts = format.formatToParts(toDate(value));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return [part("weekday"), part("day"), part("month"), part("year")].filter(Boolean).join(" ");
};

export const formatDateTime = (locale: Locale, value: Date | string, timeZone: string): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    toDate(value),
  );

/** A wall-clock time such as "09:00" in the locale's digits; no time zone is involved. */
export const formatTimeOfDay = (locale: Locale, hhmm: string): string => {
  const [hours, minutes] = hhmm.split(":").map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) return hhmm;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(2000, 0, 1, hours, minutes)));
};

const displayName = (locale: Locale, type: "currency" | "language", code: string): string | undefined => {
  try {
    return new Intl.DisplayNames(intlLocale(locale), { type }).of(code);
  } catch {
    return undefined;
  }
};

/** A language's name in the reader's language, for use inside sentences ("персидский"). */
export const languageName = (locale: Locale, code: string): string => displayName(locale, "language", code) ?? code;

/** "RUB — Russian Ruble", or just the code when the engine does not know it. */
export const currencyLabel = (locale: Locale, code: string): string => {
  const name = displayName(locale, "currency", code);
  return name && name !== code ? `${code} — ${name}` : code;
};

/** The zone's long name in the locale ("Moscow Standard Time"), or undefined if the engine has none. */
export const timeZoneLongName = (locale: Locale, timeZone: string, at: Date): string | undefined => {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: "longGeneric" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value;
  } catch {
    return undefined;
  }
};

const safeSupportedValues = (key: "timeZone" | "currency"): string[] => {
  try {
    return Intl.supportedValuesOf(key);
  } catch {
    return [];
  }
};

/** Every IANA zone the browser knows, plus UTC, which engines leave out of the list although they accept it. */
export const timeZoneOptions = (current: string): string[] =>
  [...new Set(["UTC", current, ...safeSupportedValues("timeZone")])].filter(Boolean).sort();

export const currencyOptions = (current: string): string[] =>
  [...new Set([current, "RUB", "IRR", "USD", "EUR", ...safeSupportedValues("currency")])].filter(Boolean).sort();

export const formatNumber = (locale: Locale, value: number, options: Intl.NumberFormatOptions = {}): string =>
  new Intl.NumberFormat(intlLocale(locale), options).format(value);

/** Wall-clock times every quarter of an hour ("00:00" … "23:45"), plus `current` if it falls between. */
export const timeOfDayOptions = (current: string): string[] => {
  const slots: string[] = [];
  for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
    slots.push(`${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
  }
  return [...new Set([...slots, current])].filter(Boolean).sort();
};

/** A date without the time, short: "21 мар. 2025 г.", "۱ فروردین ۱۴۰۴". */
export const formatShortDate = (locale: Locale, value: Date | string, timeZone: string): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone }).format(toDate(value));

export const formatTime = (locale: Locale, value: Date | string, timeZone: string): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: "short", timeZone }).format(toDate(value));

/**
 * "today", "yesterday", "3 days ago" within a week of `now`, else the short date. Days are counted
 * on the organization's calendar; `daysFromNow` comes from zoned-time so this stays a formatter.
 */
export const formatRelativeDay = (
  locale: Locale,
  value: Date | string,
  daysFromNow: number,
  timeZone: string,
): string => {
  if (Math.abs(daysFromNow) > 6) return formatShortDate(locale, value, timeZone);
  return new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" }).format(daysFromNow, "day");
};
