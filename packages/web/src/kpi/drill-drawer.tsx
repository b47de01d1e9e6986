import { Link } from "react-router";
import { Anchor, Button, Drawer, Stack, Table, Text, useDirection } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DrillRow, PlanPeriodKind } from "@conveyor/contracts";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { LoadError, PageLoader } from "../ui/page-states";
import { useDrill, type DrillMetric, type KpiQuery } from "./kpi.api";
import { periodDateLabel } from "./kpi-period";

/** Whose record a drill row is: deals link to the deal; payments and activities to their client. */
const opensDeal = (metric: DrillMetric): boolean => metric === "deals_won" || metric === "deals_lost" || metric === "new_clients";

const RecordTitle = ({ metric, row }: { metric: DrillMetric; row: DrillRow }) => {
  const { t } = useTranslation();
  if (opensDeal(metric)) {
    return (
      <Anchor component={Link} to={`/deals/${row.id}`} size="sm" data-testid="drill-deal-link">
        <bdi>{row.title || t("kpi.drill.untitled")}</bdi>
      </Anchor>
    );
  }
  if (metric === "revenue") return <Text size="sm">{t("kpi.drill.order", { number: row.title })}</Text>;
  return (
    <Text size="sm" lineClamp={2}>
      <bdi>{row.title || "—"}</bdi>
    </Text>
  );
};

/** The records behind one number of the dashboard (payments, deals, activities), for the same period and scope. */
export const DrillDrawer = ({ query, metric, periodKind, currency, onClose }: { query: KpiQuery; metric: DrillMetric | null; periodKind: PlanPeriodKind; currency: string; onClose: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { dir } = useDirection();
  const drill = useDrill(query, metric);
  const rows = drill.data?.pages.flatMap((page) => page.items) ?? [];
  const showAmount = rows.some((row) => row.amountMinor !== null);
  return (
    <Drawer
      opened={metric !== null}
      onClose={onClose}
      position={dir === "rtl" ? "left" : "right"}
      size="xl"
      title={metric ? t(`kpi.drill.titles.${metric}`) : ""}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {metric === null ? null : drill.isPending ? (
        <PageLoader />
      ) : drill.isError ? (
        <LoadError error={drill.error} onRetry={() => void drill.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl" data-testid="drill-empty">
          {t("kpi.drill.empty")}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="drill-list" data-metric={metric} data-count={rows.length}>
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("kpi.drill.date")}</Table.Th>
                  <Table.Th>{t("kpi.drill.client")}</Table.Th>
                  <Table.Th>{t("kpi.drill.record")}</Table.Th>
                  <Table.Th>{t("kpi.drill.seller")}</Table.Th>
                  {showAmount && <Table.Th ta="end">{t("kpi.drill.amount")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id} data-testid="drill-row" data-amount={row.amountMinor ?? undefined}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{periodDateLabel(locale, periodKind, row.date)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${row.companyId}`} size="sm" data-testid="drill-client-link">
                        <bdi>{row.companyName}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <RecordTitle metric={metric} row={row} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <bdi>{row.userName}</bdi>
                      </Text>
                    </Table.Td>
                    {showAmount && (
                      <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                        {row.amountMinor === null ? "—" : formatMoney(locale, row.amountMinor, currency)}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {drill.hasNextPage && (
            <Button variant="default" onClick={() => void drill.fetchNextPage()} loading={drill.isFetchingNextPage} data-testid="drill-more">
              {t("kpi.drill.more")}
            </Button>
          )}
        </Stack>
      )}
    </Drawer>
  );
};
