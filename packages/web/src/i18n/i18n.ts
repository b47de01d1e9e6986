import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "@conveyor/contracts";
import type { Messages } from "./messages";
import { resources } from "./resources";

// Module augmentation only works on interfaces; this is how i18next learns our keys.
declare module "i18next" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

/** Starts i18next with every language bundled: three small dictionaries beat a flash of untranslated text. */
export const initI18n = (locale: Locale) =>
  i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: "en",
    supportedLngs: ["ru", "en", "fa"],
    // React escapes already; escaping twice would show `&amp;` in names.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

export { i18next };
