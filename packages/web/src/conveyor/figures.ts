import type { TFunction } from "i18next";
import { temperatureSchema, type Locale } from "@conveyor/contracts";
import { formatNumber, intlLocale } from "../i18n/intl";
import { formatMoney } from "../i18n/money";

/** The numbers a rule saw (M4.1), flat as the server sends them: amounts are minor units, "—" means "does not apply". */
export type Figures = Readonly<Record<string, string | number>>;

export type FigureLine = { key: string; label: string; value: string };

const monthKey = /^(\d{4})-(0[1-9]|1[0-2])$/;
const otherCurrencyKey = /^other_([A-Z]{3})$/;

/** Keys that carry money in the rule's currency when the figures name one (volume, monthly minimum, permanent). */
const moneyKeys: ReadonlySet<string> = new Set(["total", "threshold", "minimum"]);

const labelOf = (t: TFunction, key: string): string => {
  switch (key) {
    case "orders":
    case "threshold":
    case "total":
    case "minimum":
    case "matchingOrders":
    case "currency":
    case "stage":
    case "temperature":
    case "deal":
    case "acceptanceSignedOn":
      return t(`handover.figures.${key}`);
    default:
      return key;
  }
};

/** "March 2026" for "2026-03", on the reader's calendar; the month is the organization's, so no zone shift. */
const monthLabel = (locale: Locale, year: number, month: number): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 15)));

const dayValue = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day ("2026-03-01", as the act's date is kept) on the reader's calendar; no zone shift either. */
const dayLabel = (locale: Locale, year: number, month: number, day: number): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day, 12)));

/**
 * The figures as "label: value" lines, in the server's order. With a `currency` figure the money keys
 * and the months ("2026-03") read as amounts in it, and the currency itself is not repeated; money in
 * other currencies (`other_USD`) reads as such; a day ("2026-03-01") and a temperature read in the reader's
 * language; anything unknown shows as sent.
 */
export const figureLines = (t: TFunction, locale: Locale, figures: Figures): FigureLine[] => {
  const currency = typeof figures.currency === "string" && /^[A-Z]{3}$/.test(figures.currency) ? figures.currency : null;
  const lines: FigureLine[] = [];
  for (const [key, raw] of Object.entries(figures)) {
    if (key === "currency" && currency !== null) continue;
    const number = typeof raw === "number" ? raw : null;
    const month = monthKey.exec(key);
    if (month) {
      const value = number === null ? String(raw) : currency ? formatMoney(locale, number, currency) : formatNumber(locale, number);
      lines.push({ key, label: monthLabel(locale, Number(month[1]), Number(month[2])), value });
      continue;
    }
    const other = otherCurrencyKey.exec(key);
    if (other?.[1]) {
      const code = other[1];
      lines.push({
        key,
        label: t("handover.figures.otherCurrency", { currency: code }),
        value: number === null ? String(raw) : formatMoney(locale, number, code),
      });
      continue;
    }
    const day = typeof raw === "string" ? dayValue.exec(raw) : null;
    if (day) {
      lines.push({ key, label: labelOf(t, key), value: dayLabel(locale, Number(day[1]), Number(day[2]), Number(day[3])) });
      continue;
    }
    if (key === "temperature" && typeof raw === "string") {
      const temperature = temperatureSchema.safeParse(raw);
      lines.push({ key, label: labelOf(t, key), value: temperature.success ? t(`temperatures.${temperature.data}`) : raw });
      continue;
    }
    const value =
      number === null ? String(raw) : currency !== null && moneyKeys.has(key) ? formatMoney(locale, number, currency) : formatNumber(locale, number);
    lines.push({ key, label: labelOf(t, key), value });
  }
  return lines;
};

/** The figures on one line, for tables: "Orders: 2 · Threshold: 2". */
export const figuresInline = (t: TFunction, locale: Locale, figures: Figures): string =>
  figureLines(t, locale, figures)
    .map((line) => t("handover.figures.line", { label: line.label, value: line.value }))
    .join(" · ");
