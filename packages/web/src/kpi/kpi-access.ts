import type { Role } from "@conveyor/contracts";
import { isHead } from "../auth/permissions";

/**
 * The results area (M2.3, M5.1, M5.2, M5.15, M2.4): the dashboard, the funnel, the forecast, the plans and the
 * working-day calendar. Everyone opens every screen: the server scopes the figures (a seller sees their own and
 * their rank, a team lead their team, heads the department).
 */
export const kpiSections = ["dashboard", "funnel", "forecast", "plans", "calendar"] as const;
export type KpiSection = (typeof kpiSections)[number];

export const kpiPaths: Record<KpiSection, string> = {
  dashboard: "/results",
  funnel: "/results/funnel",
  forecast: "/results/forecast",
  plans: "/results/plans",
  calendar: "/results/calendar",
};

/** The dashboard on the wall (M5.1): full screen, refreshed by itself, outside the app's frame. */
export const tvPath = "/tv";

/** Who sets plans, splits and copies them, and edits the working-day calendar: the administrator and the head of sales. */
export const canEditPlans = (role: Role): boolean => isHead(role);
export const canEditCalendar = (role: Role): boolean => isHead(role);

/** The section a path belongs to; the dashboard owns `/results` itself. */
export const kpiSectionOfPath = (pathname: string): KpiSection | null => {
  const nested = kpiSections.find((section) => section !== "dashboard" && (pathname === kpiPaths[section] || pathname.startsWith(`${kpiPaths[section]}/`)));
  if (nested) return nested;
  return pathname === kpiPaths.dashboard || pathname === `${kpiPaths.dashboard}/` ? "dashboard" : null;
};
