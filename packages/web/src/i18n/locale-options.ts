import type { TFunction } from "i18next";
import { locales, type Locale } from "@conveyor/contracts";

/** Language choices in their own names, e.g. for a Select of `Locale`. */
export const localeOptions = (t: TFunction): { value: Locale; label: string }[] =>
  locales.map((value) => ({ value, label: t(`languages.${value}`) }));

// Select values are strings, so "unset" stands for a `null` locale (follow someone else's choice).
export const unsetLocale = "unset";
export type LocaleChoice = Locale | typeof unsetLocale;

export const toLocaleChoice = (locale: Locale | null): LocaleChoice => locale ?? unsetLocale;
export const fromLocaleChoice = (choice: LocaleChoice): Locale | null => (choice === unsetLocale ? null : choice);
