import { Alert, Badge, Group, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Dashboard } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import type { DrillMetric } from "./kpi.api";
import { formatWholeMoney } from "./kpi-figures";
import { Figure } from "./kpi-widget";

type WidgetProps = { dashboard: Dashboard; onDrill: (metric: DrillMetric) => void };

const useFormat = (currency: string) => {
  const { locale } = useLocale();
  return {
    number: (value: number) => formatNumber(locale, value, { maximumFractionDigits: 1 }),
    money: (value: number) => formatWholeMoney(locale, value, currency),
    optional: (value: number | null, format: (v: number) => string) => (value === null ? "—" : format(value)),
  };
};

/** M5.1 activity on the new-client base or on the current base: calls and meetings. */
export const ActivityFigures = ({ dashboard, onDrill, base }: WidgetProps & { base: "new" | "current" }) => {
  const { t } = useTranslation();
  const f = useFormat(dashboard.currency);
  const calls = base === "new" ? dashboard.figures.callsNew : dashboard.figures.callsCurrent;
  const meetings = base === "new" ? dashboard.figures.meetingsNew : dashboard.figures.meetingsCurrent;
  return (
    <SimpleGrid cols={2}>
      <Figure name={`calls-${base}`} label={t("kpi.figures.calls")} value={f.number(calls)} raw={calls} drill="calls" onDrill={onDrill} />
      <Figure name={`meetings-${base}`} label={t("kpi.figures.meetings")} value={f.number(meetings)} raw={meetings} drill="meetings" onDrill={onDrill} />
    </SimpleGrid>
  );
};

/** Money received (M2.3, M5.1): revenue, payments, paying clients, the average client's turnover and the average check. */
export const MoneyFigures = ({ dashboard, onDrill }: WidgetProps) => {
  const { t } = useTranslation();
  const f = useFormat(dashboard.currency);
  const x = dashboard.figures;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
      <Figure name="revenue" label={t("kpi.figures.revenue")} value={f.money(x.revenueMinor)} raw={x.revenueMinor} drill="revenue" onDrill={onDrill} />
      <Figure name="payments" label={t("kpi.figures.payments")} value={f.number(x.payments)} raw={x.payments} drill="revenue" onDrill={onDrill} />
      <Figure name="paying-clients" label={t("kpi.figures.payingClients")} value={f.number(x.payingClients)} raw={x.payingClients} />
      <Figure name="average-turnover" label={t("kpi.figures.averageClientTurnover")} value={f.optional(x.averageClientTurnoverMinor, f.money)} raw={x.averageClientTurnoverMinor} />
      <Figure name="average-check" label={t("kpi.figures.averageCheck")} value={f.optional(x.averageCheckMinor, f.money)} raw={x.averageCheckMinor} />
      <Figure name="refunds" label={t("kpi.figures.refunds")} value={f.money(x.refundsMinor)} raw={x.refundsMinor} />
    </SimpleGrid>
  );
};

/** Closed deals (M2.3, M5.1): won and their amount, new clients, refusals, time to close, proposals per deal. */
export const ClosedDealsFigures = ({ dashboard, onDrill }: WidgetProps) => {
  const { t } = useTranslation();
  const f = useFormat(dashboard.currency);
  const x = dashboard.figures;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
      <Figure name="deals-won" label={t("kpi.figures.dealsWon")} value={f.number(x.dealsWon)} raw={x.dealsWon} drill="deals_won" onDrill={onDrill} />
      <Figure name="won-amount" label={t("kpi.figures.wonAmount")} value={f.money(x.wonAmountMinor)} raw={x.wonAmountMinor} drill="deals_won" onDrill={onDrill} />
      <Figure name="new-clients" label={t("kpi.figures.newClients")} value={f.number(x.newClients)} raw={x.newClients} drill="new_clients" onDrill={onDrill} />
      <Figure name="deals-lost" label={t("kpi.figures.dealsLost")} value={f.number(x.dealsLost)} raw={x.dealsLost} drill="deals_lost" onDrill={onDrill} />
      <Figure name="days-to-close" label={t("kpi.figures.averageDaysToClose")} value={f.optional(x.averageDaysToClose, f.number)} raw={x.averageDaysToClose} />
      <Figure name="proposals" label={t("kpi.figures.proposalsPerClient")} value={f.optional(x.proposalsPerClient, f.number)} raw={x.proposalsPerClient} drill="proposals" onDrill={onDrill} />
    </SimpleGrid>
  );
};

/** M2.3 money in hot, warm and potential clients: their open deals, and the hot clients in work. */
export const PipelineFigures = ({ dashboard }: { dashboard: Dashboard }) => {
  const { t } = useTranslation();
  const f = useFormat(dashboard.currency);
  const p = dashboard.pipeline;
  const buckets = [
    { key: "hot", color: "red", value: p.hot },
    { key: "warm", color: "orange", value: p.warm },
    { key: "potential", color: "blue", value: p.potential },
  ] as const;
  const total = buckets.reduce((sum, b) => sum + b.value.amountMinor, 0);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {buckets.map((bucket) => (
          <Stack key={bucket.key} gap={2} data-testid={`pipeline-${bucket.key}`} data-value={bucket.value.amountMinor}>
            <Group gap={6}>
              <Badge color={bucket.color} variant="dot" maw="none">
                {t(`kpi.pipeline.${bucket.key}`)}
              </Badge>
            </Group>
            <Text fz={22} fw={700}>
              {f.money(bucket.value.amountMinor)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("kpi.pipeline.deals", { count: bucket.value.count, formatted: f.number(bucket.value.count) })}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {total > 0 && (
        <Progress.Root size="lg" aria-hidden>
          {buckets.map((bucket) => (
            <Progress.Section key={bucket.key} value={(bucket.value.amountMinor / total) * 100} color={bucket.color} />
          ))}
        </Progress.Root>
      )}
      <Text size="sm" data-testid="pipeline-hot-clients">
        {t("kpi.pipeline.hotClients", { count: p.hotClients, formatted: f.number(p.hotClients) })}
      </Text>
    </Stack>
  );
};

/**
 * M5.11 sales effectiveness = sellers × meetings per seller × wins per meeting, each against its reference (the
 * department's average seller, or for the department its previous month); the weakest factor is marked, with what to do.
 */
export const EffectivenessFigures = ({ dashboard, onDrill }: WidgetProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const e = dashboard.effectiveness;
  const number = (value: number, digits = 1) => formatNumber(locale, value, { maximumFractionDigits: digits });
  const share = (value: number) => formatNumber(locale, value, { style: "percent", maximumFractionDigits: 1 });
  const factors = [
    { key: "sellers", value: number(e.sellers, 0), reference: number(e.reference.sellers, 0) },
    { key: "meetings_per_seller", value: number(e.meetingsPerSeller), reference: number(e.reference.meetingsPerSeller) },
    { key: "wins_per_meeting", value: share(e.winsPerMeeting), reference: share(e.reference.winsPerMeeting) },
  ] as const;
  const against = dashboard.scope.kind === "department" ? t("kpi.effectiveness.againstPrevious") : t("kpi.effectiveness.againstDepartment");
  return (
    <Stack gap="sm" data-testid="effectiveness" data-weakest={e.weakest ?? undefined}>
      <Group gap="xs" align="stretch" wrap="wrap">
        {factors.map((factor, index) => {
          const weakest = e.weakest === factor.key;
          return (
            <Group key={factor.key} gap="xs" wrap="nowrap" align="center">
              {index > 0 && (
                <Text fz={22} c="dimmed" aria-hidden>
                  ×
                </Text>
              )}
              <Stack
                gap={2}
                p="sm"
                miw={150}
                data-testid={`effectiveness-${factor.key}`}
                data-weakest={weakest || undefined}
                style={{ borderRadius: 8, border: `2px solid var(--mantine-color-${weakest ? "red-6" : "gray-3"})` }}
              >
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t(`kpi.effectiveness.factors.${factor.key}`)}
                </Text>
                <Text fz={24} fw={700} c={weakest ? "red" : undefined}>
                  {factor.value}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("kpi.effectiveness.reference", { value: factor.reference })}
                </Text>
                {weakest && (
                  <Badge color="red" variant="light" size="sm" maw="none">
                    {t("kpi.effectiveness.weakest")}
                  </Badge>
                )}
              </Stack>
            </Group>
          );
        })}
        <Group gap="xs" wrap="nowrap" align="center">
          <Text fz={22} c="dimmed" aria-hidden>
            =
          </Text>
          <Figure name="effectiveness-result" label={t("kpi.effectiveness.result")} value={number(e.dealsWon, 0)} raw={e.dealsWon} drill="deals_won" onDrill={onDrill} />
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {against}
      </Text>
      {e.weakest ? (
        <Alert color="red" variant="light" data-testid="effectiveness-advice">
          {t(`kpi.effectiveness.advice.${e.weakest}`)}
        </Alert>
      ) : (
        <Text size="sm" c="green">
          {t("kpi.effectiveness.noneWeak")}
        </Text>
      )}
    </Stack>
  );
};
