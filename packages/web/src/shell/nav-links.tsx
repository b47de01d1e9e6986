import { Link, useLocation } from "react-router";
import { NavLink, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { canListUsers, isAdmin, isHead, leadsPeople } from "../auth/permissions";
import { showsLeadRoutingNav } from "../lead-routing/lead-routing-access";

type NavItem = { to: string; label: string; testId: string };

export const NavLinks = ({ onNavigate }: { onNavigate: () => void }) => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { user } = useCurrentSession();

  // Only what exists and what this role may open: no disabled teasers.
  const items: NavItem[] = [
    { to: "/", label: t("shell.home"), testId: "nav-home" },
    { to: "/today", label: t("shell.today"), testId: "nav-today" },
    { to: "/clients", label: t("shell.clients"), testId: "nav-clients" },
    { to: "/deals", label: t("shell.deals"), testId: "nav-deals" },
    { to: "/leads", label: t("leads.nav"), testId: "nav-leads" },
    ...(leadsPeople(user.role) ? [{ to: "/review", label: t("review.nav"), testId: "nav-review" }] : []),
    { to: "/results", label: t("kpi.nav"), testId: "nav-results" },
    { to: "/pay", label: t("pay.nav"), testId: "nav-pay" },
    { to: "/department", label: t("department.nav"), testId: "nav-department" },
    ...(showsLeadRoutingNav(user.role) ? [{ to: "/lead-routing", label: t("leadRouting.nav"), testId: "nav-lead-routing" }] : []),
    ...(canListUsers(user.role) ? [{ to: "/users", label: t("shell.users"), testId: "nav-users" }] : []),
    { to: "/exports", label: t("exportControl.nav"), testId: "nav-exports" },
    ...(isHead(user.role) ? [{ to: "/audit", label: t("security.nav"), testId: "nav-audit" }] : []),
    ...(isAdmin(user.role) ? [{ to: "/settings", label: t("shell.settings"), testId: "nav-settings" }] : []),
  ];

  const isActive = (to: string) => (to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`));

  return (
    <Stack gap={4}>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={item.label}
          active={isActive(item.to)}
          aria-current={isActive(item.to) ? "page" : undefined}
          onClick={onNavigate}
          data-testid={item.testId}
          style={{ borderRadius: "var(--mantine-radius-sm)" }}
        />
      ))}
    </Stack>
  );
};
