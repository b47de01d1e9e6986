import { locales, type Locale } from "@conveyor/contracts";

const isLocale = (value: string): value is Locale => locales.some((l) => l === value);

/** The product locale for a BCP 47 tag such as `fa-IR` or `ru`, or null when we do not speak it. */
export const matchLocale = (tag: string | null | undefined): Locale | null => {
  if (!tag) return null;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return isLocale(language) ? language : null;
};

export type LocaleInputs = {
  /** Present once signed in; a signed-in person's saved choice outranks this browser's. */
  session: { userLocale: Locale | null; organizationLocale: Locale | null } | null;
  /**
   * A language picked with the switch on the sign-in page during this visit. It is the person's
   * newest choice, so it outranks the one saved on their account (and is saved there in turn).
   */
  pickedBeforeSignIn?: Locale | null;
  /** The choice last made on this browser (untrusted: read from localStorage). */
  storedLocale: string | null;
  /** `navigator.languages`, most preferred first. */
  browserLanguages: readonly string[];
};

const fromBrowser = (languages: readonly string[]): Locale | null => {
  for (const tag of languages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return null;
};

/**
 * Which language to show. Signed in: the person's choice (a pick made on the sign-in page just now, else
 * the one saved on their account), else the organization's default, else the browser's, else English. Signed out: this browser's last choice, else the browser's, else English.
 */
export const resolveLocale = ({ session, pickedBeforeSignIn, storedLocale, browserLanguages }: LocaleInputs): Locale => {
  if (session) {
    return (
      pickedBeforeSignIn ??
      session.userLocale ??
      session.organizationLocale ??
      fromBrowser(browserLanguages) ??
      "en"
    );
  }
  return matchLocale(storedLocale) ?? fromBrowser(browserLanguages) ?? "en";
};
