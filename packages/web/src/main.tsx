import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { App } from "./app/app";
import { installSessionHandlers } from "./auth/session";
import { initI18n } from "./i18n/i18n";
import { applyDocumentLocale } from "./i18n/locale-provider";
import { resolveLocale } from "./i18n/resolve-locale";
import { readStoredLocale } from "./i18n/stored-locale";

// Until the session answers, speak this browser's language so the first paint is not in the wrong one.
const initialLocale = resolveLocale({
  session: null,
  storedLocale: readStoredLocale(),
  browserLanguages: navigator.languages,
});

void initI18n(initialLocale);
applyDocumentLocale(initialLocale);
installSessionHandlers();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <App initialLocale={initialLocale} />
  </StrictMode>,
);
