import { currencyDigits, type Locale } from "@conveyor/contracts";
import { intlLocale } from "./intl";

export { currencyDigits };

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
