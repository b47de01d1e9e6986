import { createContext, use, useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { useDirection } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { rtlLocales, type Locale, type User } from "@conveyor/contracts";
import { updateMe } from "../auth/auth.api";
import { updateSessionUser, useSession } from "../auth/session";
import { problemMessage } from "../ui/errors";
import { i18next } from "./i18n";
import { resolveLocale } from "./resolve-locale";
import { readStoredLocale, writeStoredLocale } from "./stored-locale";

type LocaleContextValue = {
  locale: Locale;
  /** Switches the language now, and remembers it: for the signed-in person on the server, else in this browser. */
  chooseLocale: (next: Locale) => void;
};

const LocaleContext = createContext<LocaleContextValue | null>(null);

export const useLocale = (): LocaleContextValue => {
  const value = use(LocaleContext);
  if (!value) throw new Error("useLocale must be used inside LocaleProvider");
  return value;
};

export const directionOf = (locale: Locale) => (rtlLocales.has(locale) ? "rtl" : "ltr");

/** Puts the language and direction on <html>, so the browser, screen readers and Mantine agree. */
export const applyDocumentLocale = (locale: Locale) => {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
};

const saveUserLocale = (previous: User, next: Locale) => {
  // Switch at once; the server confirms (or we roll back) a moment later.
  updateSessionUser({ ...previous, locale: next });
  return updateMe({ locale: next }).then(updateSessionUser, (error: unknown) => {
    updateSessionUser(previous);
    notifications.show({ color: "red", message: problemMessage(i18next.t, error) });
  });
};

export const LocaleProvider = ({ children }: { children: ReactNode }) => {
  const { data: session } = useSession();
  const [storedLocale, setStoredLocale] = useState(readStoredLocale);
  const [pickedBeforeSignIn, setPickedBeforeSignIn] = useState<Locale | null>(null);
  const { setDirection } = useDirection();

  const locale = resolveLocale({
    session: session
      ? { userLocale: session.user.locale, organizationLocale: session.organization.defaultLocale }
      : null,
    pickedBeforeSignIn,
    storedLocale,
    browserLanguages: navigator.languages,
  });

  useLayoutEffect(() => {
    void i18next.changeLanguage(locale);
    applyDocumentLocale(locale);
    setDirection(directionOf(locale));
    document.title = i18next.t("product.name");
  }, [locale, setDirection]);

  // After sign-out the sign-in page keeps speaking the language the person was using here.
  const signedIn = Boolean(session);
  useEffect(() => {
    if (!signedIn) return;
    writeStoredLocale(locale);
    setStoredLocale(locale);
  }, [signedIn, locale]);

  // A language picked on the sign-in page becomes the account's choice, once the server lets us
  // write it (not while a temporary password still has to be replaced).
  const user = session?.user;
  useEffect(() => {
    if (!user || !pickedBeforeSignIn || user.mustChangePassword) return;
    setPickedBeforeSignIn(null);
    if (user.locale !== pickedBeforeSignIn) void saveUserLocale(user, pickedBeforeSignIn);
  }, [user, pickedBeforeSignIn]);

  const chooseLocale = useCallback(
    (next: Locale) => {
      writeStoredLocale(next);
      setStoredLocale(next);
      if (!session) {
        setPickedBeforeSignIn(next);
        return;
      }
      if (session.user.mustChangePassword) {
        // The API refuses everything but the password change; save the choice right after it.
        setPickedBeforeSignIn(next);
        return;
      }
      void saveUserLocale(session.user, next);
    },
    [session],
  );

  const value = useMemo(() => ({ locale, chooseLocale }), [locale, chooseLocale]);
  return <LocaleContext value={value}>{children}</LocaleContext>;
};
