import { useState } from "react";
import { useSearchParams } from "react-router";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, Loader, Stack, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { leadQueues, leadQueueSchema, type LeadPage, type LeadQueue } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { LeadDrawer } from "./lead-drawer";
import { queueCount } from "./lead-words";
import { leadScopeOf } from "./leads-access";
import { leadQueueKey, listLeads, queueRefreshMs } from "./leads.api";
import { LeadsTable } from "./leads-table";
import { NewLeadModal } from "./new-lead-modal";
import { withParams } from "../ui/search-params";

const pageSize = 50;
/** The live SLA is what a head watches first. */
const defaultQueue: LeadQueue = "waiting";

const QueueCount = ({ counts, queue }: { counts: LeadPage["counts"] | undefined; queue: LeadQueue }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (!counts) return null;
  const { value, capped } = queueCount(counts, queue);
  const late = (queue === "unassigned" || queue === "escalated") && value > 0;
  return (
    <Badge size="sm" variant={late ? "filled" : "light"} color={late ? "red" : "gray"} data-testid={`leads-count-${queue}`} data-count={value}>
      {capped ? t("leads.countCapped", { count: value }) : formatNumber(locale, value)}
    </Badge>
  );
};

/**
 * The live lead queue (M5.5): unassigned, waiting with the SLA running, escalated, touched. It refreshes itself every
 * ten seconds and on focus. Heads and admins see the department; the server scopes a team lead to the team and a
 * seller to their own leads and clients. A row opens the lead's card in a drawer (`?lead=`).
 */
export const LeadsPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const parsed = leadQueueSchema.safeParse(params.get("queue"));
  const queue: LeadQueue = parsed.success ? parsed.data : defaultQueue;
  const leadId = params.get("lead");

  const setParam = (key: "queue" | "lead", value: string | null) =>
    setParams((current) => withParams(current, { [key]: value }), { replace: key === "queue" });

  const leads = useInfiniteQuery({
    queryKey: leadQueueKey(queue),
    queryFn: ({ pageParam }) => listLeads({ queue, cursor: pageParam || undefined, limit: pageSize }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: queueRefreshMs,
    refetchOnWindowFocus: true,
    // A live queue: opening a tab asks again rather than trusting the app's thirty-second freshness.
    staleTime: 0,
    // The tabs keep the last counts while another queue loads; its rows are never shown as this one's.
    placeholderData: keepPreviousData,
  });
  const fresh = !leads.isPlaceholderData;
  const items = fresh ? (leads.data?.pages.flatMap((page) => page.items) ?? []) : [];
  const counts = leads.data?.pages[0]?.counts;
  const clockStopped = items.some((lead) => !lead.clock.running);
  const answeredAt = new Date(leads.dataUpdatedAt);

  return (
    <Stack gap="lg" data-testid="leads-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t("leads.title")}
          </Title>
          <Text size="sm" c="dimmed" data-testid="leads-scope" data-scope={leadScopeOf(user.role)}>
            {t(`leads.scope.${leadScopeOf(user.role)}`)}
          </Text>
        </Stack>
        <Group gap="sm">
          <Group gap={6} c="dimmed">
            {leads.isFetching && <Loader size="xs" aria-label={t("leads.refreshing")} />}
            <Text size="xs">{t("leads.autoRefresh")}</Text>
          </Group>
          <Button onClick={() => setAdding(true)} data-testid="leads-add">
            {t("leads.add")}
          </Button>
        </Group>
      </Group>

      <Tabs value={queue} onChange={(value) => setParam("queue", value)} keepMounted={false}>
        <Tabs.List aria-label={t("leads.queuesLabel")}>
          {leadQueues.map((q) => (
            <Tabs.Tab key={q} value={q} rightSection={<QueueCount counts={counts} queue={q} />} data-testid={`leads-tab-${q}`}>
              {t(`leads.queues.${q}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <Text size="sm" c="dimmed">
        {t(`leads.queueHints.${queue}`)}
      </Text>
      {clockStopped && (
        <Alert color="gray" variant="light" data-testid="leads-clock-stopped">
          {t("leads.clockStopped")}
        </Alert>
      )}

      <Card withBorder radius="md" padding="lg" component="section" data-testid="leads-queue" data-queue={queue} data-ready={fresh && !leads.isPending}>
        {leads.isPending || !fresh ? (
          <PageLoader />
        ) : leads.isError && items.length === 0 ? (
          <LoadError error={leads.error} onRetry={() => void leads.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="leads-empty">
            {t(`leads.empty.${queue}`)}
          </Text>
        ) : (
          <LeadsTable leads={items} now={answeredAt} onOpen={(id) => setParam("lead", id)} />
        )}
        {leads.isFetchNextPageError && <LoadError error={leads.error} />}
        {fresh && leads.hasNextPage && (
          <Group justify="center" mt="md">
            <Button variant="default" loading={leads.isFetchingNextPage} onClick={() => void leads.fetchNextPage()} data-testid="leads-load-more">
              {t("leads.loadMore")}
            </Button>
          </Group>
        )}
      </Card>

      <LeadDrawer leadId={leadId} onClose={() => setParam("lead", null)} />
      <NewLeadModal opened={adding} onClose={() => setAdding(false)} onCreated={(id) => setParam("lead", id)} />
    </Stack>
  );
};
