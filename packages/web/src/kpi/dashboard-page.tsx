import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Dashboard, KpiWidget } from "@conveyor/contracts";
import { isHead } from "../auth/permissions";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber, formatTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { ActivityFigures, ClosedDealsFigures, EffectivenessFigures, MoneyFigures, PipelineFigures } from "./dashboard-widgets";
import { DrillDrawer } from "./drill-drawer";
import { ExportButton } from "./export-button";
import { tvPath } from "./kpi-access";
import { KpiToolbar, PeriodPicker, ScopePicker, scopeName, WorkingDays } from "./kpi-controls";
import { shownWidgets } from "./kpi-figures";
import { KpiSettingsModal } from "./kpi-settings-modal";
import { KpiWidgetCard } from "./kpi-widget";
import { exportParams, useDashboard, type DrillMetric } from "./kpi.api";
import { PlanLines } from "./plan-lines";
import { RevenueChart } from "./revenue-chart";
import { SellersTable } from "./sellers-table";
import { useKpiQuery } from "./use-kpi-query";

/** Widgets that read better across the whole width. */
const wide: ReadonlySet<KpiWidget> = new Set(["plan", "money", "closed_deals", "pipeline_money", "revenue_by_day", "sellers", "effectiveness"]);

const Widget = ({ widget, dashboard, viewerId, onDrill }: { widget: KpiWidget; dashboard: Dashboard; viewerId: string; onDrill: (metric: DrillMetric) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const card = (body: ReactNode, hint?: string) => (
    <KpiWidgetCard name={widget} title={t(`kpi.widgets.${widget}`)} hint={hint}>
      {body}
    </KpiWidgetCard>
  );
  switch (widget) {
    case "plan":
      return card(<PlanLines lines={dashboard.plan} currency={dashboard.currency} onDrill={onDrill} />, t("kpi.plan.hint"));
    case "activity_new":
      return card(<ActivityFigures dashboard={dashboard} onDrill={onDrill} base="new" />);
    case "activity_current":
      return card(<ActivityFigures dashboard={dashboard} onDrill={onDrill} base="current" />);
    case "money":
      return card(<MoneyFigures dashboard={dashboard} onDrill={onDrill} />);
    case "closed_deals":
      return card(<ClosedDealsFigures dashboard={dashboard} onDrill={onDrill} />);
    case "pipeline_money":
      return card(<PipelineFigures dashboard={dashboard} />);
    case "revenue_by_day":
      return card(<RevenueChart days={dashboard.revenueByDay} period={dashboard.period} currency={dashboard.currency} />);
    case "sellers": {
      const rank = dashboard.rank;
      const hint = rank && dashboard.sellers.length <= 1 ? t("kpi.sellers.yourRank", { position: formatNumber(locale, rank.position), of: formatNumber(locale, rank.of) }) : undefined;
      return card(<SellersTable rows={dashboard.sellers} currency={dashboard.currency} viewerId={viewerId} />, hint);
    }
    case "effectiveness":
      return card(<EffectivenessFigures dashboard={dashboard} onDrill={onDrill} />, t("kpi.effectiveness.hint"));
  }
};

/**
 * The dashboard (M5.1, M5.2, M2.3, M5.11): plan against fact paced by working days, activity on the new and current
 * base, money and deals, money in the pipeline, revenue by day, the sellers' ranking and the effectiveness of sales,
 * for a month and a scope. Every number drills down to its records; heads choose the widgets and the TV's refresh.
 */
export const DashboardPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const { query, search, setPeriod, setScope } = useKpiQuery();
  const dashboard = useDashboard(query);
  const [drill, setDrill] = useState<DrillMetric | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const head = isHead(user.role);

  if (dashboard.isPending) return <PageLoader />;
  if (dashboard.isError) return <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  const widgets = shownWidgets(data.widgets);
  const drillQuery = { ...query, period: data.period.key };

  return (
    <Stack gap="lg" data-testid="kpi-dashboard" data-scope={data.scope.kind} data-ready={!dashboard.isPlaceholderData}>
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid="kpi-scope-name">
          {scopeName(t, data.scope)}
        </Title>
        <WorkingDays period={data.period} />
      </Stack>
      <KpiToolbar
        actions={
          <>
            <ExportButton report="dashboard" query={exportParams(drillQuery)} />
            <Button component={Link} to={`${tvPath}${search}`} variant="light" data-testid="kpi-open-tv">
              {t("kpi.tv.open")}
            </Button>
            {head && (
              <Button variant="default" onClick={() => setSettingsOpen(true)} data-testid="kpi-open-settings">
                {t("kpi.settings.open")}
              </Button>
            )}
          </>
        }
      >
        <PeriodPicker period={data.period} onChange={setPeriod} />
        <ScopePicker query={query} onChange={setScope} />
      </KpiToolbar>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {widgets.map((widget) => (
          <div key={widget} style={wide.has(widget) ? { gridColumn: "1 / -1" } : undefined}>
            <Widget widget={widget} dashboard={data} viewerId={user.id} onDrill={setDrill} />
          </div>
        ))}
      </SimpleGrid>
      <Group justify="flex-end">
        <Text size="xs" c="dimmed">
          {t("kpi.generatedAt", { time: formatTime(locale, data.generatedAt, organization.timeZone) })}
        </Text>
      </Group>

      <DrillDrawer query={drillQuery} metric={drill} periodKind={data.period.kind} currency={data.currency} onClose={() => setDrill(null)} />
      {settingsOpen && (
        <KpiSettingsModal opened onClose={() => setSettingsOpen(false)} widgets={data.widgets} tvRefreshSeconds={data.tvRefreshSeconds} />
      )}
    </Stack>
  );
};
