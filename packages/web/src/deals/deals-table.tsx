import { Link } from "react-router";
import { Anchor, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Deal } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { zonedDayKey } from "../i18n/zoned-time";
import { SpacerRow, useWindowRows } from "../ui/virtual-table";
import { isOverdue } from "./board-state";
import { DealStatusBadge } from "./deal-status-badge";
import { formatDay } from "./format-day";

type DealsTableProps = {
  deals: readonly Deal[];
  /** The next page: whether there is one, whether something is loading, how to ask for it. */
  more: { hasMore: boolean; loading: boolean; load: () => void };
};

const columnCount = 7;

/** The loaded deals as table rows, only those near the window in the DOM; the next page loads on the way down. */
export const DealsTable = ({ deals, more }: DealsTableProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const todayKey = zonedDayKey(new Date(), organization.timeZone);
  const { bodyRef, rows, measureRow, before, after } = useWindowRows({
    count: deals.length,
    estimateSize: 49,
    getItemKey: (index) => deals[index]?.id ?? String(index),
    more,
  });

  return (
    <Table.ScrollContainer minWidth={900}>
      {/* Fixed column widths: the rows rendered change as the reader scrolls, the columns must not. */}
      <Table striped highlightOnHover verticalSpacing="sm" layout="fixed" data-testid="deals-table" aria-rowcount={deals.length + 1}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="18%">{t("deals.column.title")}</Table.Th>
            <Table.Th w="18%">{t("deals.column.client")}</Table.Th>
            <Table.Th w="11%">{t("deals.column.stage")}</Table.Th>
            <Table.Th w="15%">{t("deals.column.amount")}</Table.Th>
            <Table.Th w="15%">{t("deals.column.owner")}</Table.Th>
            <Table.Th w="11%">{t("deals.column.expectedClose")}</Table.Th>
            <Table.Th w="12%">{t("deals.column.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef}>
          {before.map((height, i) => (
            <SpacerRow key={`before-${i}`} height={height} columns={columnCount} />
          ))}
          {rows.map((row) => {
            const deal = deals[row.index];
            if (!deal) return null;
            const overdue = isOverdue(deal, todayKey);
            return (
              <Table.Tr
                key={row.key}
                ref={measureRow}
                data-index={row.index}
                aria-rowindex={row.index + 2}
                data-testid={`deal-row-${deal.title}`}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={500}>
                    <bdi>{deal.title}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${deal.companyId}`} size="sm" c="inherit">
                    <bdi>{deal.companyName}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{deal.stageName}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{formatMoney(locale, deal.amountMinor, deal.currency)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{deal.ownerName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={overdue ? "red" : deal.expectedCloseDate ? undefined : "dimmed"}>
                    {deal.expectedCloseDate ? formatDay(locale, deal.expectedCloseDate) : "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DealStatusBadge status={deal.status} />
                </Table.Td>
              </Table.Tr>
            );
          })}
          {after > 0 && <SpacerRow height={after} columns={columnCount} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
