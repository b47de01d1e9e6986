import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PlanLine } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber, formatTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { kpiPaths } from "./kpi-access";
import { scopeName } from "./kpi-controls";
import { formatMetric, formatPercent, formatWholeMoney, paceTone } from "./kpi-figures";
import { periodLabel } from "./kpi-period";
import { useDashboard } from "./kpi.api";
import { plannedLines } from "./plan-lines";
import { SellersTable } from "./sellers-table";
import { useKpiQuery } from "./use-kpi-query";
import { TvContests } from "../pay/tv-contests";

/** One plan line on the wall: % of plan to date in big type, red below 100, green at or above it. */
const TvPlanLine = ({ line, currency }: { line: PlanLine; currency: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const tone = paceTone(line.completionToDate);
  const amount = (value: number | null) => (value === null ? "—" : formatMetric(locale, line.metric, value, currency));
  return (
    <Card
      radius="md"
      padding="lg"
      bg={tone === "red" ? "red.9" : tone === "green" ? "green.9" : "dark.5"}
      c="white"
      data-testid="tv-plan-line"
      data-metric={line.metric}
      data-tone={tone}
    >
      <Stack gap={4}>
        <Text fz={24} fw={600}>
          {t(`kpi.metrics.${line.metric}`)}
        </Text>
        <Text fz={72} fw={800} lh={1} data-testid="tv-completion-to-date" data-value={line.completionToDate ?? undefined} style={{ fontVariantNumeric: "tabular-nums" }}>
          {line.completionToDate === null ? "—" : formatPercent(locale, line.completionToDate)}
        </Text>
        <Text fz={18} opacity={0.85}>
          {t("kpi.plan.completionToDate")}
        </Text>
        <Text fz={26} fw={700} mt="sm">
          {t("kpi.tv.factOfPlan", { fact: amount(line.fact), plan: amount(line.plan) })}
        </Text>
        <Text fz={20}>{t("kpi.tv.runRate", { value: amount(line.runRatePerDay) })}</Text>
        <Text fz={20}>{t("kpi.tv.projection", { value: amount(line.projection) })}</Text>
      </Stack>
    </Card>
  );
};

/** Whether the browser shows the page full screen now; follows Esc and the browser's own controls. */
const useFullscreen = () => {
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const update = () => setOn(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", update);
    return () => document.removeEventListener("fullscreenchange", update);
  }, []);
  return on;
};

/**
 * The dashboard on the wall (M5.1): over the whole window, large type, refreshed by itself every `tvRefreshSeconds`
 * the heads chose; plan lines in red or green by % of plan to date and the sellers' ranking. Same period and scope as
 * the dashboard it was opened from.
 */
export const TvPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const navigate = useNavigate();
  const { query, search } = useKpiQuery();
  const dashboard = useDashboard(query, { tv: true });
  const root = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen();

  const exit = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    void navigate(`${kpiPaths.dashboard}${search}`);
  };
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void root.current?.requestFullscreen().catch(() => undefined);
  };

  const data = dashboard.data;
  const lines = data ? plannedLines(data.plan) : [];
  return (
    <Box
      ref={root}
      pos="fixed"
      inset={0}
      p="xl"
      bg="dark.8"
      c="white"
      style={{ zIndex: 1000, overflow: "auto" }}
      data-testid="tv-mode"
      data-refresh={data?.tvRefreshSeconds}
      data-fullscreen={fullscreen || undefined}
    >
      <Stack gap="xl">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Title order={1} fz={44} data-testid="tv-title">
              {data ? scopeName(t, data.scope) : t("kpi.tv.title")}
            </Title>
            {data && (
              <Group gap="lg" fz={24} opacity={0.85}>
                <Text inherit>{periodLabel(locale, data.period)}</Text>
                <Text inherit>{t("kpi.period.days", { elapsed: formatNumber(locale, data.period.workingDaysElapsed), total: formatNumber(locale, data.period.workingDays) })}</Text>
              </Group>
            )}
          </Stack>
          <Group gap="sm" wrap="nowrap">
            {data && (
              <Text fz={16} opacity={0.7} data-testid="tv-updated">
                {t("kpi.tv.updated", { time: formatTime(locale, data.generatedAt, organization.timeZone) })}
              </Text>
            )}
            <Button variant="white" color="dark" onClick={toggleFullscreen} data-testid="tv-fullscreen">
              {fullscreen ? t("kpi.tv.exitFullscreen") : t("kpi.tv.fullscreen")}
            </Button>
            <Button color="gray" onClick={exit} data-testid="tv-exit">
              {t("kpi.tv.exit")}
            </Button>
          </Group>
        </Group>

        {dashboard.isPending ? (
          <PageLoader />
        ) : dashboard.isError ? (
          <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
        ) : data ? (
          <>
            {lines.length === 0 ? (
              <Text fz={28} opacity={0.8} data-testid="tv-no-plans">
                {t("kpi.plan.empty")}
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(lines.length, 3) }} spacing="lg">
                {lines.map((line) => (
                  <TvPlanLine key={line.metric} line={line} currency={data.currency} />
                ))}
              </SimpleGrid>
            )}
            <Group gap="xl">
              <Badge size="xl" color="blue" variant="filled" maw="none" data-testid="tv-revenue">
                {t("kpi.tv.revenue", { value: formatWholeMoney(locale, data.figures.revenueMinor, data.currency) })}
              </Badge>
              <Badge size="xl" color="blue" variant="filled" maw="none">
                {t("kpi.tv.dealsWon", { value: formatNumber(locale, data.figures.dealsWon) })}
              </Badge>
              {data.rank && (
                <Badge size="xl" color="grape" variant="filled" maw="none" data-testid="tv-rank">
                  {t("kpi.sellers.yourRank", { position: formatNumber(locale, data.rank.position), of: formatNumber(locale, data.rank.of) })}
                </Badge>
              )}
            </Group>
            <Card radius="md" padding="lg" data-testid="tv-sellers">
              <Title order={2} fz={30} mb="md">
                {t("kpi.widgets.sellers")}
              </Title>
              <SellersTable rows={data.sellers} currency={data.currency} viewerId={user.id} large />
            </Card>
            {/* [pay] M5.10: this month's contests */}
            <TvContests refreshSeconds={data.tvRefreshSeconds} />
          </>
        ) : null}
      </Stack>
    </Box>
  );
};
