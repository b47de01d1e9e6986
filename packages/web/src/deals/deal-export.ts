import type { Locale } from "@conveyor/contracts";
import type { QueryParams } from "../api/client";

/** The download address of the deal list as filtered on screen, in the reader's language. */
export const dealExportUrl = (query: QueryParams, format: "xlsx" | "csv", locale: Locale): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  search.set("format", format);
  search.set("locale", locale);
  return `/api/v1/deals/export?${search.toString()}`;
};
