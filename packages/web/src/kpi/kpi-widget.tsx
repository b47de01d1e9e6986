import type { ReactNode } from "react";
import { Card, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DrillMetric } from "./kpi.api";

/** One widget of the dashboard: a titled card, test id `kpi-widget-<name>`. */
export const KpiWidgetCard = ({ name, title, hint, children }: { name: string; title: string; hint?: string; children: ReactNode }) => (
  <Card withBorder radius="md" padding="lg" component="section" data-testid={`kpi-widget-${name}`} h="100%">
    <Stack gap="sm">
      <Stack gap={2}>
        <Title order={2} size="h4">
          {title}
        </Title>
        {hint && (
          <Text size="xs" c="dimmed" data-testid={`kpi-widget-${name}-hint`}>
            {hint}
          </Text>
        )}
      </Stack>
      {children}
    </Stack>
  </Card>
);

/**
 * A number with its label; with `drill`, a button that opens the records behind it.
 * Test ids: `kpi-figure-<name>` (its value in `data-value`) and `kpi-drill-<name>`.
 */
export const Figure = ({
  name,
  label,
  value,
  raw,
  drill,
  onDrill,
  color,
}: {
  name: string;
  label: string;
  value: string;
  raw: number | null;
  drill?: DrillMetric;
  onDrill?: (metric: DrillMetric) => void;
  color?: string;
}) => {
  const { t } = useTranslation();
  const number = (
    <Text fz={24} fw={700} lh={1.2} c={color} style={{ fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" }}>
      {value}
    </Text>
  );
  return (
    <Stack gap={2} data-testid={`kpi-figure-${name}`} data-value={raw ?? undefined}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {drill && onDrill ? (
        <UnstyledButton
          onClick={() => onDrill(drill)}
          aria-label={t("kpi.drill.open", { what: label })}
          data-testid={`kpi-drill-${name}`}
          style={{ textDecoration: "underline dotted", textUnderlineOffset: 6, alignSelf: "flex-start" }}
        >
          {number}
        </UnstyledButton>
      ) : (
        number
      )}
    </Stack>
  );
};
