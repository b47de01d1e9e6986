import { useState } from "react";
import { Link } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Anchor, Badge, Button, Group, Menu, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { dealStatuses, type DealStatus } from "@conveyor/contracts";
import { canExport } from "../auth/permissions";
import { useCurrentSession } from "../auth/current-session";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { zonedDayKey } from "../i18n/zoned-time";
import { usePeople } from "../people/people.api";
import { LoadError, PageLoader } from "../ui/page-states";
import { isOverdue } from "./board-state";
import { dealExportUrl } from "./deal-export";
import { formatDay } from "./format-day";
import { dealListKey, dealPageSize, listDeals } from "./deals.api";

const statusColor = (status: DealStatus) => (status === "won" ? "teal" : status === "lost" ? "red" : "blue");

export const DealStatusBadge = ({ status }: { status: DealStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={statusColor(status)}>
      {t(`dealStatuses.${status}`)}
    </Badge>
  );
};

/** Deals as a table, for searching and sorting out by status and owner; a page at a time. */
export const DealsList = ({ pipelineId, ownerId: mineOwnerId }: { pipelineId: string | undefined; ownerId: string | undefined }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization, user } = useCurrentSession();
  const people = usePeople();
  const [status, setStatus] = useState<DealStatus | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const query = { pipelineId, status: status ?? undefined, ownerId: mineOwnerId ?? ownerId ?? undefined, q: q || undefined };
  const deals = useInfiniteQuery({
    queryKey: dealListKey(query),
    queryFn: ({ pageParam }) => listDeals({ ...query, limit: dealPageSize, cursor: pageParam || undefined }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];
  const total = deals.data?.pages[0]?.total;
  const todayKey = zonedDayKey(new Date(), organization.timeZone);

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t("deals.search")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="deals-search"
        />
        <Select<DealStatus>
          label={t("deals.status")}
          placeholder={t("deals.anyStatus")}
          clearable
          data={dealStatuses.map((value) => ({ value, label: t(`dealStatuses.${value}`) }))}
          value={status}
          onChange={setStatus}
          data-testid="deals-filter-status"
        />
        {!mineOwnerId && (
          <Select
            label={t("deals.owner")}
            placeholder={t("deals.anyOwner")}
            clearable
            searchable
            data={(people.data ?? []).map((person) => ({ value: person.id, label: person.name }))}
            value={ownerId}
            onChange={setOwnerId}
            data-testid="deals-filter-owner"
          />
        )}
        {total !== undefined && (
          <Text size="sm" c="dimmed" data-testid="deals-total">
            {t("deals.total", { count: total })}
          </Text>
        )}
        {canExport(user.role) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" ms="auto" data-testid="deals-export">
                {t("deals.export")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t("deals.exportHint")}</Menu.Label>
              <Menu.Item component="a" href={dealExportUrl(query, "xlsx", locale)} download data-testid="deals-export-xlsx">
                {t("deals.exportXlsx")}
              </Menu.Item>
              <Menu.Item component="a" href={dealExportUrl(query, "csv", locale)} download data-testid="deals-export-csv">
                {t("deals.exportCsv")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {deals.isPending ? (
        <PageLoader />
      ) : deals.isError && items.length === 0 ? (
        <LoadError error={deals.error} onRetry={() => void deals.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="deals-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("deals.column.title")}</Table.Th>
                  <Table.Th>{t("deals.column.client")}</Table.Th>
                  <Table.Th>{t("deals.column.stage")}</Table.Th>
                  <Table.Th>{t("deals.column.amount")}</Table.Th>
                  <Table.Th>{t("deals.column.owner")}</Table.Th>
                  <Table.Th>{t("deals.column.expectedClose")}</Table.Th>
                  <Table.Th>{t("deals.column.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((deal) => {
                  const overdue = isOverdue(deal, todayKey);
                  return (
                    <Table.Tr key={deal.id} data-testid={`deal-row-${deal.title}`}>
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
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {items.length === 0 && (
            <Text c="dimmed" ta="center" py="xl" data-testid="deals-empty">
              {t("deals.noDeals")}
            </Text>
          )}
          {deals.isFetchNextPageError && <LoadError error={deals.error} />}
          {deals.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={deals.isFetchingNextPage}
                onClick={() => void deals.fetchNextPage()}
                data-testid="deals-load-more"
              >
                {t("deals.loadMore")}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
};
