import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { canImport, canManageCustomFields } from "../auth/permissions";
import { ControlledExportMenu } from "../export-control/controlled-export-menu";
import { useCurrentSession } from "../auth/current-session";
import { useLocale } from "../i18n/locale-provider";
import { SavedViewsMenu } from "../saved-views/saved-views-menu";
import { queryOfSearch } from "../saved-views/view-query";
import { LoadError, PageLoader } from "../ui/page-states";
import { clientExportUrl } from "./client-export";
import { AddClientModal } from "./add-client-modal";
import { ClientFilterBar } from "./client-filter-bar";
import {
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  hasNarrowingFilters,
  toggleSort,
  type ClientFilters,
} from "./client-filters";
import { ClientViews } from "./client-views";
import { ClientsTable } from "./clients-table";
import { clientCountKey, clientListKey, countCompanies, listCompanies } from "./clients.api";
import { useCompanyFacets } from "./use-company-facets";

const pageSize = 50;

/** The client base (M5.4): every filter lives in the URL, so a view can be bookmarked or sent to a colleague. */
export const ClientsPage = () => {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const [adding, setAdding] = useState(false);
  const { facets } = useCompanyFacets();
  const { user } = useCurrentSession();
  const { locale } = useLocale();

  const setFilters = (next: ClientFilters) => setSearchParams(filtersToSearch(next), { replace: true });

  const query = filtersToQuery(filters);
  const clients = useInfiniteQuery({
    queryKey: clientListKey(query),
    queryFn: ({ pageParam }) => listCompanies({ ...query, limit: pageSize, cursor: pageParam || undefined }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });

  const items = clients.data?.pages.flatMap((page) => page.items) ?? [];
  const listed = clients.data?.pages[0];
  // A long filtered list is not counted with its first page: the exact number follows apart.
  const counted = useQuery({
    queryKey: clientCountKey(query),
    queryFn: () => countCompanies(query),
    enabled: listed?.totalExact === false,
    staleTime: 30_000,
  });
  const total = counted.data?.total ?? listed?.total;
  const totalExact = counted.data !== undefined || listed?.totalExact !== false;
  const { fetchNextPage } = clients;
  // A page already on its way is not asked for again.
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t("clients.title")}
          </Title>
          {total !== undefined && (
            <Text c="dimmed" size="sm" data-testid="clients-total">
              {totalExact ? t("clients.total", { count: total }) : t("clients.totalAtLeast", { count: total })}
            </Text>
          )}
        </div>
        <Group gap="sm">
          <SavedViewsMenu
            entity="companies"
            current={queryOfSearch(filtersToSearch(filters))}
            onApply={(saved) => setSearchParams(new URLSearchParams(saved), { replace: true })}
          />
          {canManageCustomFields(user.role) && (
            <Button component={Link} to="/settings/custom-fields" variant="default" data-testid="clients-custom-fields">
              {t("customFields.manage")}
            </Button>
          )}
          {/* [anti-leak] export is a permission; past the threshold it becomes an approval request. */}
          <ControlledExportMenu
            entity="companies"
            urls={{ xlsx: clientExportUrl(query, "xlsx", locale), csv: clientExportUrl(query, "csv", locale) }}
            labels={{ button: t("clients.export"), hint: t("clients.exportHint"), xlsx: t("clients.exportXlsx"), csv: t("clients.exportCsv") }}
            testId="clients-export"
          />
          {canImport(user.role) && (
            <Button component={Link} to="/imports/new?entity=companies" variant="default" data-testid="clients-import">
              {t("imports.open")}
            </Button>
          )}
          <Button onClick={() => setAdding(true)} data-testid="clients-add">
            {t("clients.add")}
          </Button>
        </Group>
      </Group>

      <ClientViews filters={filters} facets={facets} onChange={setFilters} />
      <ClientFilterBar filters={filters} facets={facets} onChange={setFilters} />

      {clients.isPending ? (
        <PageLoader />
      ) : clients.isError && items.length === 0 ? (
        <LoadError error={clients.error} onRetry={() => void clients.refetch()} />
      ) : (
        <>
          <ClientsTable
            clients={items}
            filters={filters}
            onSort={(sort) => setFilters(toggleSort(filters, sort))}
            // After a failed page the button below takes over, so a broken connection is not hammered.
            more={{ hasMore: clients.hasNextPage && !clients.isFetchNextPageError, loading: clients.isFetching, load: loadMore }}
          />
          {items.length === 0 && (
            <Text c="dimmed" ta="center" py="xl" data-testid="clients-empty">
              {hasNarrowingFilters(filters) ? t("clients.empty") : t("clients.emptyStart")}
            </Text>
          )}
          {clients.isFetchNextPageError && <LoadError error={clients.error} />}
          {clients.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={clients.isFetchingNextPage}
                onClick={loadMore}
                data-testid="clients-load-more"
              >
                {t("clients.loadMore")}
              </Button>
            </Group>
          )}
        </>
      )}

      <AddClientModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
};
