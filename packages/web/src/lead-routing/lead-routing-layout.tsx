import { useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { ForbiddenPage } from "../not-found/forbidden-page";
import { AreaLayout } from "../ui/area-layout";
import { leadRoutingPaths, leadRoutingSectionOfPath, visibleLeadRoutingSections } from "./lead-routing-access";

/** The lead distribution area's frame (M5.5): its title and a sub-navigation with the sections this role may open. */
export const LeadRoutingLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { user } = useCurrentSession();
  const visible = visibleLeadRoutingSections(user.role);
  // A seller opens no section: the refusal alone, not the area's title over an empty sub-navigation.
  if (visible.length === 0) return <ForbiddenPage />;
  const sections = visible.map((key) => ({ key, to: leadRoutingPaths[key], label: t(`leadRouting.sections.${key}`) }));
  return (
    <AreaLayout
      area="lead-routing"
      title={t("leadRouting.title")}
      sectionsLabel={t("leadRouting.sectionsLabel")}
      sections={sections}
      active={leadRoutingSectionOfPath(pathname)}
    />
  );
};
