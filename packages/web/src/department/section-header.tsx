import type { ReactNode } from "react";
import { Group, Stack, Text, Title } from "@mantine/core";

/** A department section's heading: the page's one h1 (the area's name above it is a label), a hint, and actions. */
export const SectionHeader = ({ title, hint, actions }: { title: string; hint?: string; actions?: ReactNode }) => (
  <Group justify="space-between" align="flex-end" gap="sm">
    <Stack gap={4} style={{ flex: "1 1 280px" }}>
      <Title order={1} size="h2">
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
    {actions}
  </Group>
);
