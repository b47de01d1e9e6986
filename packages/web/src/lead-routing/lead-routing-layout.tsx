import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { ForbiddenPage } from "../not-found/forbidden-page";
import { PageLoader } from "../ui/page-states";
import { leadRoutingPaths, leadRoutingSectionOfPath, visibleLeadRoutingSections } from "./lead-routing-access";

/** The lead distribution area's frame (M5.5): its title and a sub-navigation with the sections this role may open. */
export const LeadRoutingLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { user } = useCurrentSession();
  const active = leadRoutingSectionOfPath(pathname);
  const sections = visibleLeadRoutingSections(user.role);
  // A seller opens no section: the refusal alone, not the area's title over an empty sub-navigation.
  if (sections.length === 0) return <ForbiddenPage />;

  return (
    <Stack gap="lg" data-testid="lead-routing-area">
      <Stack gap="xs">
        <Text size="sm" fw={700} c="dimmed" tt="uppercase">
          {t("leadRouting.title")}
        </Text>
        <Group component="nav" gap={4} aria-label={t("leadRouting.sectionsLabel")} data-testid="lead-routing-nav">
          {sections.map((section) => {
            const current = section === active;
            return (
              <Button
                key={section}
                component={Link}
                to={leadRoutingPaths[section]}
                size="compact-sm"
                variant={current ? "light" : "subtle"}
                color={current ? undefined : "gray"}
                aria-current={current ? "page" : undefined}
                data-testid={`lead-routing-nav-${section}`}
              >
                {t(`leadRouting.sections.${section}`)}
              </Button>
            );
          })}
        </Group>
      </Stack>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </Stack>
  );
};
