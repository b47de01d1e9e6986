import type { Locale } from "@conveyor/contracts";
import { en } from "./locales/en";
import { fa } from "./locales/fa";
import { ru } from "./locales/ru";

export const resources = {
  en: { translation: en },
  ru: { translation: ru },
  fa: { translation: fa },
} satisfies Record<Locale, { translation: object }>;
