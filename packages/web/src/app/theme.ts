import { createTheme } from "@mantine/core";
import type { Locale } from "@conveyor/contracts";

// System fonts only: the CSP allows no CDN, and the app must work offline on a company network.
const latinAndCyrillic =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif";
const persian = "Vazirmatn, Tahoma, 'Segoe UI', 'Noto Sans Arabic', sans-serif";

export const createAppTheme = (locale: Locale) => {
  const fontFamily = locale === "fa" ? persian : latinAndCyrillic;
  return createTheme({
    primaryColor: "blue",
    fontFamily,
    headings: { fontFamily },
    defaultRadius: "md",
  });
};
