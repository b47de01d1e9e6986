import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { PageLoader } from "../ui/page-states";
import { sectionOfPath, sectionPaths, visibleSections } from "./department-access";

/**
 * The department area's frame: its title and a sub-navigation with only the sections this role may open
 * (sellers: the org chart and their handovers). Sections load on first visit below it.
 */
export const DepartmentLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { user } = useCurrentSession();
  const active = sectionOfPath(pathname);

  return (
    <Stack gap="lg" data-testid="department-area">
      <Stack gap="xs">
        <Text size="sm" fw={700} c="dimmed" tt="uppercase">
          {t("department.title")}
        </Text>
        <Group component="nav" gap={4} aria-label={t("department.sectionsLabel")} data-testid="department-nav">
          {visibleSections(user.role).map((section) => {
            const current = section === active;
            return (
              <Button
                key={section}
                component={Link}
                to={sectionPaths[section]}
                size="compact-sm"
                variant={current ? "light" : "subtle"}
                color={current ? undefined : "gray"}
                aria-current={current ? "page" : undefined}
                data-testid={`department-nav-${section}`}
              >
                {t(`department.sections.${section}`)}
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
