import { useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { AreaLayout } from "../ui/area-layout";
import { leadsPaths, leadsSectionOfPath, leadsSections } from "./leads-access";

/** The leads area's frame (M5.5): its title and a sub-navigation between the live queue and speed to lead. */
export const LeadsLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const sections = leadsSections.map((key) => ({ key, to: leadsPaths[key], label: t(`leads.sections.${key}`) }));
  return <AreaLayout area="leads" title={t("leads.title")} sectionsLabel={t("leads.sectionsLabel")} sections={sections} active={leadsSectionOfPath(pathname)} />;
};
