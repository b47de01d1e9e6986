import type { Locale } from "@conveyor/contracts";

const storageKey = "conveyor.locale";

// localStorage throws in some privacy modes; a lost preference is better than a blank page.
export const readStoredLocale = (): string | null => {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
};

export const writeStoredLocale = (locale: Locale) => {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Nothing to do: the choice still applies until the page is reloaded.
  }
};
