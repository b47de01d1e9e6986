import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { Button, Group, Stack, Text } from "@mantine/core";
import { PageLoader } from "./page-states";

export type AreaSection = { key: string; to: string; label: string };

/**
 * An area's frame (department, leads, lead distribution): its title, a sub-navigation between its sections,
 * and the open section below it, loaded on first visit. `area` prefixes the test ids: `<area>-area`,
 * `<area>-nav`, `<area>-nav-<section>`.
 */
export const AreaLayout = ({
  area,
  title,
  sectionsLabel,
  sections,
  active,
}: {
  area: string;
  title: string;
  sectionsLabel: string;
  sections: readonly AreaSection[];
  active: string | null;
}) => (
  <Stack gap="lg" data-testid={`${area}-area`}>
    <Stack gap="xs">
      <Text size="sm" fw={700} c="dimmed" tt="uppercase">
        {title}
      </Text>
      <Group component="nav" gap={4} aria-label={sectionsLabel} data-testid={`${area}-nav`}>
        {sections.map((section) => {
          const current = section.key === active;
          return (
            <Button
              key={section.key}
              component={Link}
              to={section.to}
              size="compact-sm"
              variant={current ? "light" : "subtle"}
              color={current ? undefined : "gray"}
              aria-current={current ? "page" : undefined}
              data-testid={`${area}-nav-${section.key}`}
            >
              {section.label}
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
