import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LoadError, PageLoader } from "../ui/page-states";
import { DealFilterBar } from "./deal-filter-bar";
import { dealFiltersFromSearch, dealFiltersToQuery, withDealFilters, type DealFilters } from "./deal-filters";
import { dealListKey, dealPageSize, listDeals } from "./deals.api";
import { DealsTable } from "./deals-table";

type DealsListProps = {
  pipelineId: string | undefined;
  /** The viewer's id while the page's "Mine" switch is on. */
  ownerId: string | undefined;
};

/**
 * Deals as a table, for searching and sorting out by status, owner and custom fields; the filters
 * live in the URL (so a saved view keeps them), pages load as the reader scrolls.
 */
export const DealsList = ({ pipelineId, ownerId: mineOwnerId }: DealsListProps) => {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = dealFiltersFromSearch(searchParams);
  const changeFilters = (change: (current: DealFilters) => DealFilters) =>
    setSearchParams((current) => withDealFilters(current, change(dealFiltersFromSearch(current))), { replace: true });

  const query = dealFiltersToQuery(filters, { pipelineId, mineOwnerId });
  const deals = useInfiniteQuery({
    queryKey: dealListKey(query),
    queryFn: ({ pageParam }) => listDeals({ ...query, limit: dealPageSize, cursor: pageParam || undefined }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];
  const total = deals.data?.pages[0]?.total;
  const { fetchNextPage } = deals;
  // A page already on its way is not asked for again.
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

  return (
    <Stack gap="md">
      <DealFilterBar filters={filters} onChange={changeFilters} mine={mineOwnerId !== undefined} query={query} total={total} />
      {deals.isPending ? (
        <PageLoader />
      ) : deals.isError && items.length === 0 ? (
        <LoadError error={deals.error} onRetry={() => void deals.refetch()} />
      ) : (
        <>
          <DealsTable
            deals={items}
            // After a failed page the button below takes over, so a broken connection is not hammered.
            more={{ hasMore: deals.hasNextPage && !deals.isFetchNextPageError, loading: deals.isFetching, load: loadMore }}
          />
          {items.length === 0 && (
            <Text c="dimmed" ta="center" py="xl" data-testid="deals-empty">
              {t("deals.noDeals")}
            </Text>
          )}
          {deals.isFetchNextPageError && <LoadError error={deals.error} />}
          {deals.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={deals.isFetchingNextPage} onClick={loadMore} data-testid="deals-load-more">
                {t("deals.loadMore")}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
};
