import { Card, Group, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PlanLine } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import type { DrillMetric } from "./kpi.api";
import { formatMetric, formatPercent, paceTone } from "./kpi-figures";

/** The lines that have a plan; the others have nothing to pace against. */
export const plannedLines = (lines: readonly PlanLine[]): PlanLine[] => lines.filter((line) => line.plan !== null);

const Fact = ({ label, value, color, testId }: { label: string; value: string; color?: string | undefined; testId?: string }) => (
  <Stack gap={0}>
    <Text size="xs" c="dimmed">
      {label}
    </Text>
    <Text size="sm" fw={600} c={color} data-testid={testId} style={{ whiteSpace: "nowrap" }}>
      {value}
    </Text>
  </Stack>
);

/**
 * Plan against fact per metric (M5.2): % of plan to date — fact ÷ (plan ÷ working days × days elapsed) — in big type,
 * red below 100 and green at or above it; the plain % of plan, what each remaining working day must bring, and where
 * the month ends at this pace. The fact opens the records behind it.
 */
export const PlanLines = ({ lines, currency, onDrill }: { lines: readonly PlanLine[]; currency: string; onDrill: (metric: DrillMetric) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const planned = plannedLines(lines);
  if (planned.length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="md" data-testid="plan-lines-empty">
        {t("kpi.plan.empty")}
      </Text>
    );
  }
  const amount = (line: PlanLine, value: number | null) => (value === null ? "—" : formatMetric(locale, line.metric, value, currency));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="plan-lines">
      {planned.map((line) => {
        const tone = paceTone(line.completionToDate);
        const metric = t(`kpi.metrics.${line.metric}`);
        return (
          <Card
            key={line.metric}
            withBorder
            radius="md"
            padding="md"
            style={{ borderInlineStart: `6px solid var(--mantine-color-${tone}-6)` }}
            data-testid="plan-line"
            data-metric={line.metric}
            data-status={line.status}
            data-tone={tone}
          >
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={0}>
                  <Text fw={700}>{metric}</Text>
                  <UnstyledButton
                    onClick={() => onDrill(line.metric)}
                    aria-label={t("kpi.drill.open", { what: metric })}
                    data-testid={`plan-fact-${line.metric}`}
                    style={{ textDecoration: "underline dotted", textUnderlineOffset: 4 }}
                  >
                    <Text size="sm">{t("kpi.tv.factOfPlan", { fact: amount(line, line.fact), plan: amount(line, line.plan) })}</Text>
                  </UnstyledButton>
                </Stack>
                <Stack gap={0} align="flex-end">
                  <Text fz={32} fw={800} lh={1.1} c={tone} data-testid="plan-completion-to-date" data-value={line.completionToDate ?? undefined}>
                    {line.completionToDate === null ? "—" : formatPercent(locale, line.completionToDate)}
                  </Text>
                  <Text size="xs" c="dimmed" ta="end">
                    {t("kpi.plan.completionToDate")}
                  </Text>
                </Stack>
              </Group>
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                <Fact label={t("kpi.plan.planToDate")} value={amount(line, line.planToDate)} />
                <Fact label={t("kpi.plan.completion")} value={line.completion === null ? "—" : formatPercent(locale, line.completion)} />
                <Fact label={t("kpi.plan.runRate")} value={amount(line, line.runRatePerDay)} testId="plan-run-rate" />
                <Fact label={t("kpi.plan.projection")} value={amount(line, line.projection)} color={tone === "red" ? "red" : undefined} testId="plan-projection" />
              </SimpleGrid>
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
};
