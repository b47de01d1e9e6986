import type { KpiSection } from "../../kpi/kpi-access";

/** The results area (M2.3, M5.1, M5.2, M2.4, M5.15): dashboard, TV mode, funnel, forecast, drill-down; merged into `en`. */
export const enKpi = {
  kpi: {
    nav: "Results",
    title: "Results",
    sectionsLabel: "Sections of results",
    sections: {
      dashboard: "Dashboard",
      funnel: "Funnel",
      forecast: "Forecast",
      plans: "Plans",
      calendar: "Working days",
    } satisfies Record<KpiSection, string>,
  },
};
