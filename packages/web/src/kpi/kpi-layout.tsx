import { useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { AreaLayout } from "../ui/area-layout";
import { kpiPaths, kpiSectionOfPath, kpiSections } from "./kpi-access";

/** The results area's frame: its title and a sub-navigation between the dashboard, funnel, forecast, plans and calendar. */
export const KpiLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const sections = kpiSections.map((key) => ({ key, to: kpiPaths[key], label: t(`kpi.sections.${key}`) }));
  return <AreaLayout area="kpi" title={t("kpi.title")} sectionsLabel={t("kpi.sectionsLabel")} sections={sections} active={kpiSectionOfPath(pathname)} />;
};
