import { Link } from "react-router";
import { Anchor, Table, Text, UnstyledButton, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Company } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatRelativeDay } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { calendarDaysFrom } from "../i18n/zoned-time";
import { SpacerRow, useWindowRows } from "../ui/virtual-table";
import { LevelBadge, StatusBadge, TemperatureBadge } from "./client-badges";
import type { ClientFilters, CompanySort } from "./client-filters";

type ClientsTableProps = {
  clients: Company[];
  filters: ClientFilters;
  onSort: (sort: CompanySort) => void;
  /** The next page: whether there is one, whether something is loading, how to ask for it. */
  more: { hasMore: boolean; loading: boolean; load: () => void };
};

const columnCount = 9;

const SortArrow = ({ direction }: { direction: "asc" | "desc" | null }) => (
  <svg width="12" height="12" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" opacity={direction ? 1 : 0.3}>
    {direction !== "desc" && <path d="M12 4l6 8H6z" />}
    {direction !== "asc" && <path d="M12 20l-6-8h12z" />}
  </svg>
);

const SortableTh = ({
  label,
  sort,
  width,
  filters,
  onSort,
}: {
  label: string;
  sort: CompanySort;
  width: string;
} & Pick<ClientsTableProps, "filters" | "onSort">) => {
  const { t } = useTranslation();
  const active = filters.sort === sort;
  return (
    <Table.Th w={width} aria-sort={active ? (filters.order === "asc" ? "ascending" : "descending") : undefined}>
      <UnstyledButton
        onClick={() => onSort(sort)}
        aria-label={t("clients.sortBy", { column: label })}
        data-testid={`clients-sort-${sort}`}
      >
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={700}>
            {label}
          </Text>
          <SortArrow direction={active ? filters.order : null} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
};

/** The loaded clients as table rows, only those near the window in the DOM; the next page loads on the way down. */
export const ClientsTable = ({ clients, filters, onSort, more }: ClientsTableProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const now = new Date();
  const tz = organization.timeZone;
  const { bodyRef, rows, measureRow, before, after } = useWindowRows({
    count: clients.length,
    estimateSize: 49,
    getItemKey: (index) => clients[index]?.id ?? String(index),
    more,
  });

  return (
    <Table.ScrollContainer minWidth={960}>
      {/* Fixed column widths: the rows rendered change as the reader scrolls, the columns must not. */}
      <Table striped highlightOnHover verticalSpacing="sm" layout="fixed" data-testid="clients-table" aria-rowcount={clients.length + 1}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh label={t("clients.column.name")} sort="name" width="15%" filters={filters} onSort={onSort} />
            <Table.Th w="11%">{t("clients.column.status")}</Table.Th>
            <Table.Th w="12%">{t("clients.column.temperature")}</Table.Th>
            <Table.Th w="8%">{t("clients.column.level")}</Table.Th>
            <Table.Th w="12%">{t("clients.column.owner")}</Table.Th>
            <Table.Th w="11%">{t("clients.column.region")}</Table.Th>
            <Table.Th w="11%">{t("clients.column.channel")}</Table.Th>
            <SortableTh label={t("clients.column.lastActivity")} sort="lastActivityAt" width="10%" filters={filters} onSort={onSort} />
            <SortableTh label={t("clients.column.createdAt")} sort="createdAt" width="10%" filters={filters} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef}>
          {before.map((height, i) => (
            <SpacerRow key={`before-${i}`} height={height} columns={columnCount} />
          ))}
          {rows.map((row) => {
            const client = clients[row.index];
            if (!client) return null;
            return (
              <Table.Tr key={row.key} ref={measureRow} data-index={row.index} aria-rowindex={row.index + 2} data-testid={`client-row-${client.name}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${client.id}`} fw={500} size="sm">
                    <bdi>{client.name}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={client.status} serviceLevel={client.serviceLevel} />
                </Table.Td>
                <Table.Td>
                  <TemperatureBadge temperature={client.temperature} />
                </Table.Td>
                <Table.Td>{client.level ? <LevelBadge level={client.level} /> : <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>
                  <Text size="sm">{client.ownerName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{client.region ?? "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{client.channel ?? "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={client.lastActivityAt ? undefined : "dimmed"}>
                    {client.lastActivityAt
                      ? formatRelativeDay(locale, client.lastActivityAt, calendarDaysFrom(now, new Date(client.lastActivityAt), tz), tz)
                      : t("clients.noActivity")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {formatRelativeDay(locale, client.createdAt, calendarDaysFrom(now, new Date(client.createdAt), tz), tz)}
                  </Text>
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
