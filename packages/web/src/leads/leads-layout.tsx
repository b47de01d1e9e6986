import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageLoader } from "../ui/page-states";
import { leadsPaths, leadsSectionOfPath, leadsSections } from "./leads-access";

/** The leads area's frame (M5.5): its title and a sub-navigation between the live queue and speed to lead. */
export const LeadsLayout = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = leadsSectionOfPath(pathname);

  return (
    <Stack gap="lg" data-testid="leads-area">
      <Stack gap="xs">
        <Text size="sm" fw={700} c="dimmed" tt="uppercase">
          {t("leads.title")}
        </Text>
        <Group component="nav" gap={4} aria-label={t("leads.sectionsLabel")} data-testid="leads-nav">
          {leadsSections.map((section) => {
            const current = section === active;
            return (
              <Button
                key={section}
                component={Link}
                to={leadsPaths[section]}
                size="compact-sm"
                variant={current ? "light" : "subtle"}
                color={current ? undefined : "gray"}
                aria-current={current ? "page" : undefined}
                data-testid={`leads-nav-${section}`}
              >
                {t(`leads.sections.${section}`)}
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
