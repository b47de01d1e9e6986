import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import type { DepartmentPayroll } from "@conveyor/contracts";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { periodLabel } from "../kpi/kpi-period";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { closeMonth, refreshPay, savePaySettings, useDepartmentPayroll, usePaySettings } from "./pay.api";
import { PayExportButtons } from "./pay-export-buttons";
import { SellerPay } from "./seller-pay";

/** M1.6 "don't overpay": the month's payroll against the owner's share of gross profit, and the setting itself. */
const ShareWarning = ({ data }: { data: DepartmentPayroll }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const settings = usePaySettings(true);
  const [limit, setLimit] = useState<number | string | null>(null);
  const save = useMutation({
    mutationFn: () => savePaySettings({ payrollShareLimitPercent: limit === "" || limit === null ? null : Number(limit) }),
    onSuccess: () => refreshPay(queryClient),
  });
  const share = data.share;
  if (!share) return null;
  const money = (minor: number | null) => formatMoney(locale, minor ?? 0, data.currency);
  return (
    <Stack gap="xs">
      {share.limitPercent === null ? (
        <Text c="dimmed">{t("pay.share.noLimit")}</Text>
      ) : share.exceeded ? (
        <Alert color="red" data-testid="pay-share-exceeded">
          {t("pay.share.exceeded", { payroll: money(share.payrollMinor), limit: formatNumber(locale, share.limitPercent), limitAmount: money(share.limitMinor), profit: money(share.grossProfitMinor) })}
        </Alert>
      ) : (
        <Text data-testid="pay-share-within">
          {t("pay.share.within", { share: `${formatNumber(locale, share.sharePercent ?? 0, { maximumFractionDigits: 1 })}%`, limit: formatNumber(locale, share.limitPercent) })}
        </Text>
      )}
      <Group align="flex-end">
        <NumberInput label={t("pay.share.limit")} min={0} max={100} value={limit ?? settings.data?.payrollShareLimitPercent ?? ""} onChange={setLimit} w={260} data-testid="pay-share-limit" />
        <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
          {t("pay.share.save")}
        </Button>
      </Group>
      {save.isError && <Alert color="red">{problemMessage(t, save.error)}</Alert>}
    </Stack>
  );
};

/**
 * M1.3, M1.4: what each level is paid for besides money — L1 the leads L2 accepted, L2 its first deals after the act,
 * L3 the clients who paid again — so an L1 row's zero money reads as the method, not as a fault.
 */
const LevelResults = ({ row }: { row: DepartmentPayroll["sellers"][number] }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const n = (count: number) => formatNumber(locale, count);
  const parts =
    row.level === "L1"
      ? [t("pay.department.resultLeads", { count: n(row.results.acceptedLeads) })]
      : row.level === "L2"
        ? [t("pay.department.resultFirstDeals", { count: n(row.results.firstDeals) })]
        : row.level === "L3"
          ? [t("pay.department.resultRepeat", { count: n(row.results.repeatClients) })]
          : [];
  return <Text size="sm">{parts.join(" · ") || "—"}</Text>;
};

/** The department's month: one row per person in the viewer's scope → their lines; heads close and export. */
export const PayrollTab = ({ month, canManage, sellerId, onSeller }: { month: string; canManage: boolean; sellerId: string | null; onSeller: (id: string | null) => void }) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const query = useDepartmentPayroll(month);
  const close = useMutation({ mutationFn: () => closeMonth(month), onSuccess: () => refreshPay(queryClient) });

  if (sellerId) {
    return (
      <Stack>
        <Group>
          <Button variant="subtle" onClick={() => onSeller(null)} data-testid="pay-back">
            {t("pay.seller.back")}
          </Button>
        </Group>
        <SellerPay sellerId={sellerId} month={month} canManage={canManage} showWhatIf={canManage} />
      </Stack>
    );
  }
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const money = (minor: number) => formatMoney(locale, minor, data.currency);
  const monthName = periodLabel(locale, { kind: data.periodKind, start: data.start });

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={data.status === "closed" ? "gray" : "green"} data-testid="pay-month-status">
            {t(`pay.status.${data.status}`)}
          </Badge>
          {data.closedAt && <Text c="dimmed">{t("pay.closedAt", { date: formatDateTime(locale, data.closedAt, organization.timeZone) })}</Text>}
        </Group>
        {canManage && (
          <Group gap="xs">
            <PayExportButtons month={month} locale={locale} />
            {data.status === "open" && (
              <Button
                color="orange"
                loading={close.isPending}
                onClick={() => {
                  if (window.confirm(t("pay.close.confirm", { month: monthName }))) close.mutate();
                }}
                data-testid="pay-close-month"
              >
                {t("pay.close.button")}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {close.isError && <Alert color="red">{problemMessage(t, close.error)}</Alert>}
      {canManage && <ShareWarning data={data} />}
      <Card withBorder padding={0}>
        {data.sellers.length === 0 ? (
          <Text p="md" c="dimmed">
            {t("pay.department.empty")}
          </Text>
        ) : (
          <Table highlightOnHover data-testid="pay-department">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("pay.department.seller")}</Table.Th>
                <Table.Th>{t("pay.department.level")}</Table.Th>
                <Table.Th>{t("pay.department.scheme")}</Table.Th>
                <Table.Th ta="end">{t("pay.department.fact")}</Table.Th>
                <Table.Th ta="end">{t("pay.department.completion")}</Table.Th>
                <Table.Th>{t("pay.department.results")}</Table.Th>
                <Table.Th ta="end">{t("pay.department.base")}</Table.Th>
                <Table.Th ta="end">{t("pay.department.variable")}</Table.Th>
                <Table.Th ta="end">{t("pay.department.total")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.sellers.map((row) => (
                <Table.Tr key={row.seller.id} data-testid="pay-department-row" data-seller={row.seller.id} data-has-scheme={row.scheme !== null}>
                  <Table.Td>
                    <UnstyledButton onClick={() => onSeller(row.seller.id)} c="blue" data-testid="pay-open-seller">
                      {row.seller.name}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{row.level ?? "—"}</Table.Td>
                  <Table.Td>{row.scheme ? `${row.scheme.name} · v${row.scheme.version}` : <Text c="dimmed">{t("pay.department.noScheme")}</Text>}</Table.Td>
                  <Table.Td ta="end" data-testid="pay-department-fact">
                    {row.level === "L1" && row.factMinor === 0 ? <Text c="dimmed" size="sm">{t("pay.department.noMoneyL1")}</Text> : money(row.factMinor)}
                  </Table.Td>
                  <Table.Td ta="end">{row.completionPercent === null ? "—" : `${formatNumber(locale, row.completionPercent, { maximumFractionDigits: 1 })}%`}</Table.Td>
                  <Table.Td data-testid="pay-department-results">
                    <LevelResults row={row} />
                  </Table.Td>
                  <Table.Td ta="end">{money(row.baseMinor)}</Table.Td>
                  <Table.Td ta="end">{money(row.variableMinor)}</Table.Td>
                  <Table.Td ta="end" fw={700} data-testid="pay-department-total">
                    {money(row.totalMinor)}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td colSpan={8} fw={700}>
                  {t("pay.department.totalRow")}
                </Table.Td>
                <Table.Td ta="end" fw={700}>
                  {money(data.totalMinor)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
};
