import { useState } from "react";
import { useSearchParams } from "react-router";
import { Card, Group, SegmentedControl, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { clientTypes, type Forecast } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber, formatShortDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { zonedDayKey } from "../i18n/zoned-time";
import { LoadError, PageLoader } from "../ui/page-states";
import { ExportButton } from "./export-button";
import { bucketStarted, forecastAccuracy, forecastColumns, forecastTotals } from "./forecast-figures";
import { KpiToolbar, ScopePicker } from "./kpi-controls";
import { barShares, formatShare, formatWholeMoney } from "./kpi-figures";
import { periodLabel } from "./kpi-period";
import { useForecast, type ForecastBy, type ForecastSplit } from "./kpi.api";
import { useKpiQuery } from "./use-kpi-query";

const isBy = (value: string | null): value is ForecastBy => value === "week" || value === "month";
const splits = ["client_type", "level", "segment"] as const satisfies readonly ForecastSplit[];
const isSplit = (value: string | null): value is ForecastSplit => splits.some((s) => s === value);
const isClientType = (key: string): key is (typeof clientTypes)[number] => clientTypes.some((type) => type === key);
const isLevel = (key: string): key is "L1" | "L2" | "L3" => key === "L1" || key === "L2" || key === "L3";
const counts = { week: [4, 8, 13], month: [3, 6, 12] } as const;

const BucketsTable = ({ forecast, today }: { forecast: Forecast; today: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const money = (value: number) => formatWholeMoney(locale, value, forecast.currency);
  const label = (bucket: Forecast["buckets"][number]) =>
    forecast.by === "month"
      ? periodLabel(locale, { kind: "month", start: bucket.start })
      : t("kpi.forecast.week", { start: formatShortDate(locale, `${bucket.start}T12:00:00Z`, organization.timeZone), end: formatShortDate(locale, `${bucket.end}T12:00:00Z`, organization.timeZone) });
  const totals = forecastTotals(forecast.buckets);
  // By client type the three types always show; by level or segment, the groups the forecast found.
  const columns = forecastColumns(forecast).map((column) => ({
    ...column,
    label:
      column.group.kind === "none"
        ? t("kpi.forecast.groupNone")
        : column.group.kind === "other"
          ? t("kpi.forecast.groupOther")
          : forecast.split === "client_type" && isClientType(column.group.key)
            ? t(`companyStatuses.${column.group.key}`)
            : forecast.split === "level" && isLevel(column.group.key)
              ? t(`levels.${column.group.key}`)
              : column.group.key,
  }));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="forecast-buckets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("kpi.forecast.bucket")}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.id} ta="end" data-testid="forecast-group">
                <bdi>{column.label}</bdi>
              </Table.Th>
            ))}
            <Table.Th ta="end">{t("kpi.forecast.repeat")}</Table.Th>
            <Table.Th ta="end">{t("kpi.forecast.total")}</Table.Th>
            <Table.Th ta="end">{t("kpi.forecast.actual")}</Table.Th>
            <Table.Th ta="end">{t("kpi.forecast.open")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forecast.buckets.map((bucket) => (
            <Table.Tr key={bucket.start} data-testid="forecast-bucket" data-start={bucket.start} data-total={bucket.totalMinor}>
              <Table.Td fw={600} style={{ whiteSpace: "nowrap" }}>
                {label(bucket)}
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column.id} ta="end" style={{ whiteSpace: "nowrap" }}>
                  {money(column.valueOf(bucket))}
                </Table.Td>
              ))}
              <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                {money(bucket.repeatMinor)}
              </Table.Td>
              <Table.Td ta="end" fw={700} style={{ whiteSpace: "nowrap" }}>
                {money(bucket.totalMinor)}
              </Table.Td>
              <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                {bucketStarted(bucket, today) ? money(bucket.actualMinor) : "—"}
              </Table.Td>
              <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{money(bucket.openMinor)}</Text>
                <Text size="xs" c="dimmed">
                  {t("kpi.forecast.openDeals", { count: bucket.deals, formatted: formatNumber(locale, bucket.deals) })}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t("kpi.forecast.sum")}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.id} ta="end" style={{ whiteSpace: "nowrap" }}>
                {money(forecast.buckets.reduce((sum, bucket) => sum + column.valueOf(bucket), 0))}
              </Table.Th>
            ))}
            <Table.Th ta="end" style={{ whiteSpace: "nowrap" }}>
              {money(totals.repeatMinor)}
            </Table.Th>
            <Table.Th ta="end" style={{ whiteSpace: "nowrap" }} data-testid="forecast-sum">
              {money(totals.totalMinor)}
            </Table.Th>
            <Table.Th />
            <Table.Th />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
};

/** Closed months: what the forecast said at the month's start against the money that came, as paired bars. */
const History = ({ forecast }: { forecast: Forecast }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const money = (value: number) => formatWholeMoney(locale, value, forecast.currency);
  if (forecast.history.length === 0) return <Text size="sm" c="dimmed">{t("kpi.forecast.noHistory")}</Text>;
  const shares = barShares(forecast.history.flatMap((row) => [row.forecastMinor, row.actualMinor]));
  return (
    <Table verticalSpacing="xs" data-testid="forecast-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("kpi.forecast.month")}</Table.Th>
          <Table.Th ta="end">{t("kpi.forecast.forecastAtStart")}</Table.Th>
          <Table.Th ta="end">{t("kpi.forecast.actual")}</Table.Th>
          <Table.Th ta="end">{t("kpi.forecast.accuracy")}</Table.Th>
          <Table.Th w="30%" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {forecast.history.map((row, index) => {
          const accuracy = forecastAccuracy(row);
          return (
            <Table.Tr key={row.month} data-testid="forecast-history-row" data-month={row.month}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{periodLabel(locale, { kind: "month", start: row.month })}</Table.Td>
              <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                {money(row.forecastMinor)}
              </Table.Td>
              <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                {money(row.actualMinor)}
              </Table.Td>
              <Table.Td ta="end" c={accuracy !== null && accuracy < 1 ? "red" : "green"}>
                {accuracy === null ? "—" : formatShare(locale, accuracy)}
              </Table.Td>
              <Table.Td>
                <Stack gap={2} aria-hidden>
                  <div style={{ height: 8, width: `${(shares[index * 2] ?? 0) * 100}%`, background: "var(--mantine-color-gray-5)", borderRadius: 2 }} />
                  <div style={{ height: 8, width: `${(shares[index * 2 + 1] ?? 0) * 100}%`, background: "var(--mantine-color-blue-6)", borderRadius: 2 }} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
};

/**
 * The forecast (M2.4): when and how much money will come — open deals × their stage's probability by client type
 * (new, current, permanent), plus the current and permanent clients' repeat run-rate — by week or by month; and, for
 * closed months, what the forecast said against what came.
 */
export const ForecastPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const { query, setScope } = useKpiQuery();
  const [searchParams, setSearchParams] = useSearchParams();
  const rawBy = searchParams.get("by");
  const by: ForecastBy = isBy(rawBy) ? rawBy : "month";
  const rawSplit = searchParams.get("split");
  const split: ForecastSplit = isSplit(rawSplit) ? rawSplit : "client_type";
  const [count, setCount] = useState<number>(counts.month[0]);
  const [today] = useState(() => zonedDayKey(new Date(), organization.timeZone));
  const forecast = useForecast({ scope: query.scope, by, count, split });
  const chooseSplit = (value: string | null) => {
    if (!isSplit(value)) return;
    const next = new URLSearchParams(searchParams);
    next.set("split", value);
    setSearchParams(next, { replace: true });
  };
  const chooseBy = (value: string) => {
    if (!isBy(value)) return;
    const next = new URLSearchParams(searchParams);
    next.set("by", value);
    setSearchParams(next, { replace: true });
    setCount(counts[value][0]);
  };

  return (
    <Stack gap="lg" data-testid="kpi-forecast" data-by={by} data-ready={forecast.isSuccess && !forecast.isPlaceholderData}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("kpi.forecast.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("kpi.forecast.hint")}
        </Text>
      </Stack>
      <KpiToolbar actions={<ExportButton report="forecast" query={{ scope: query.scope, by, count, split }} />}>
        <SegmentedControl
          value={by}
          onChange={chooseBy}
          data={[
            { value: "week", label: t("kpi.forecast.by.week") },
            { value: "month", label: t("kpi.forecast.by.month") },
          ]}
          data-testid="forecast-by"
        />
        <Select
          w={160}
          aria-label={t("kpi.forecast.ahead")}
          allowDeselect={false}
          data={counts[by].map((n) => ({ value: String(n), label: by === "week" ? t("kpi.forecast.weeksAhead", { count: n, formatted: formatNumber(locale, n) }) : t("kpi.forecast.monthsAhead", { count: n, formatted: formatNumber(locale, n) }) }))}
          value={String(count)}
          onChange={(value) => setCount(Number(value ?? counts[by][0]))}
          data-testid="forecast-count"
        />
        <Select
          w={200}
          aria-label={t("kpi.forecast.splitBy")}
          allowDeselect={false}
          data={splits.map((value) => ({ value, label: t(`kpi.forecast.split.${value}`) }))}
          value={split}
          onChange={chooseSplit}
          data-testid="forecast-split"
        />
        <ScopePicker query={query} onChange={setScope} />
      </KpiToolbar>

      {forecast.isPending ? (
        <PageLoader />
      ) : forecast.isError ? (
        <LoadError error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : (
        <>
          <Card withBorder radius="md" padding="lg" component="section">
            <BucketsTable forecast={forecast.data} today={today} />
          </Card>
          <Card withBorder radius="md" padding="lg" component="section">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t("kpi.forecast.history")}
              </Title>
            </Group>
            <History forecast={forecast.data} />
          </Card>
        </>
      )}
    </Stack>
  );
};
