import type { Locale } from "@conveyor/contracts";
import type { QueryParams } from "../api/client";

export type KpiReport = "dashboard" | "funnel" | "forecast" | "plans";

/** The XLSX download of a report as it stands on screen (same period, scope, pipeline), in the reader's language. */
export const kpiExportUrl = (report: KpiReport, query: QueryParams, locale: Locale): string => {
  const search = new URLSearchParams();
  search.set("report", report);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  search.set("locale", locale);
  return `/api/v1/kpi/export?${search.toString()}`;
};
