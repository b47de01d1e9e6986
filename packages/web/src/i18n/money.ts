import type { Locale } from "@conveyor/contracts";
import { intlLocale } from "./intl";

/**
 * How many digits the currency's minor unit has, as CLDR (and so every browser) counts them:
 * RUB and USD 2, IRR 0. Amounts travel as integers in this unit.
 */
export const currencyDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** A typed amount ("1500.5 RUB") as an integer in minor units (150050). */
export const toMinorUnits = (major: number, currency: string): number =>
  Math.round(major * 10 ** currencyDigits(currency));

export const fromMinorUnits = (minor: number, currency: string): number => minor / 10 ** currencyDigits(currency);

/** "150 000,50 ₽", "$1,500.50", "‎ریال ۱۵۰٬۰۰۰" — the locale's digits and the organization's currency. */
export const formatMoney = (locale: Locale, amountMinor: number, currency: string): string => {
  const major = fromMinorUnits(amountMinor, currency);
  try {
    return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }).format(major);
  } catch {
    return `${new Intl.NumberFormat(intlLocale(locale)).format(major)} ${currency}`;
  }
};
