import { useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { AreaLayout } from "../ui/area-layout";
import { sectionOfPath, sectionPaths, visibleSections } from "./department-access";

/**
 * The department area's frame: its title and a sub-navigation with only the sections this role may open
 * (sellers: the org chart and their handovers). Sections load on first visit below it.
 */
export const DepartmentLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { user } = useCurrentSession();
  const sections = visibleSections(user.role).map((key) => ({ key, to: sectionPaths[key], label: t(`department.sections.${key}`) }));
  return (
    <AreaLayout area="department" title={t("department.title")} sectionsLabel={t("department.sectionsLabel")} sections={sections} active={sectionOfPath(pathname)} />
  );
};
