import { Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SellerRow } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatPercent, formatWholeMoney, paceTone } from "./kpi-figures";

/**
 * The sellers ranked by money received (M2.3), with % of the revenue plan to date. A seller gets only their own row
 * from the server, with their true rank among everyone. `large` is the wall screen's type.
 */
export const SellersTable = ({ rows, currency, viewerId, large = false }: { rows: readonly SellerRow[]; currency: string; viewerId: string; large?: boolean }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const number = (value: number) => formatNumber(locale, value);
  const fz = large ? 22 : "sm";
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="md">
        {t("kpi.sellers.empty")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={large ? 0 : 820}>
      <Table striped verticalSpacing={large ? "md" : "xs"} fz={fz} data-testid="sellers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>{t("kpi.sellers.rank")}</Table.Th>
            <Table.Th>{t("kpi.sellers.name")}</Table.Th>
            <Table.Th ta="end">{t("kpi.sellers.revenue")}</Table.Th>
            {!large && <Table.Th ta="end">{t("kpi.sellers.plan")}</Table.Th>}
            <Table.Th ta="end">{t("kpi.plan.completionToDate")}</Table.Th>
            <Table.Th ta="end">{t("kpi.sellers.calls")}</Table.Th>
            <Table.Th ta="end">{t("kpi.sellers.meetings")}</Table.Th>
            <Table.Th ta="end">{t("kpi.sellers.dealsWon")}</Table.Th>
            {!large && <Table.Th ta="end">{t("kpi.sellers.hotClients")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const tone = paceTone(row.completionToDate);
            const own = row.userId === viewerId;
            return (
              <Table.Tr key={row.userId} data-testid="seller-row" data-user={row.userId} data-name={row.name} data-rank={row.rank} data-tone={tone} fw={own ? 700 : undefined}>
                <Table.Td>{number(row.rank)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" style={{ whiteSpace: "nowrap" }}>
                    <bdi>{row.name}</bdi>
                    {row.level && !large && (
                      <Badge size="xs" variant="light" color="gray" maw="none" style={{ flexShrink: 0 }}>
                        {row.level}
                      </Badge>
                    )}
                    {own && (
                      <Badge size="xs" variant="light" maw="none" style={{ flexShrink: 0 }}>
                        {t("common.you")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                  {formatWholeMoney(locale, row.revenueMinor, currency)}
                </Table.Td>
                {!large && (
                  <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
                    {row.revenuePlanMinor === null ? "—" : formatWholeMoney(locale, row.revenuePlanMinor, currency)}
                  </Table.Td>
                )}
                <Table.Td ta="end">
                  {row.completionToDate === null ? (
                    "—"
                  ) : (
                    <Badge color={tone} variant="filled" size={large ? "xl" : "md"} maw="none">
                      {formatPercent(locale, row.completionToDate)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="end">{number(row.calls)}</Table.Td>
                <Table.Td ta="end">{number(row.meetings)}</Table.Td>
                <Table.Td ta="end">{number(row.dealsWon)}</Table.Td>
                {!large && <Table.Td ta="end">{number(row.hotClients)}</Table.Td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
