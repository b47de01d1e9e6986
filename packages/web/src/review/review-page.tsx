import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Chip, Grid, Group, NativeSelect, NumberInput, Select, Stack, Tabs, Text, Title, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  companyStatusSchema,
  companyStatuses,
  currencyDigits,
  reviewReasonSchema,
  temperatureSchema,
  temperatures,
  type CloseReviewItem,
  type ReviewQueue,
  type ReviewSession,
} from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { StatusBadge, TemperatureBadge } from "../clients/client-badges";
import { formatDateTime, formatNumber, formatShortDate, formatTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { usePeople } from "../people/people.api";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { ReasonBadges } from "./reason-badges";
import { ReviewPanel } from "./review-panel";
import { closeReviewItem, finishReviewSession, reviewKey, setProspectingTarget, startReviewSession, useReviewQueue, type ReviewFilters } from "./review.api";
import { moveCursor, nextAfterClose, queueKeyOf, reasonOrder, reviewTabOf, type ReviewReason, type ReviewTab } from "./review-logic";
import { ReviewLogTab } from "./review-log";
import { ReviewSettingsTab } from "./review-settings";
import { withParams } from "../ui/search-params";

/** Keys typed into a field belong to the field, not to the queue. */
const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

const CadenceLine = ({ queue }: { queue: ReviewQueue }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const { cadence } = queue;
  const name = t(`review.cadence.${cadence.cadence}`);
  return (
    <Group gap="xs" data-testid="review-cadence" data-due={cadence.due}>
      <Badge color={cadence.due ? "orange" : "green"} variant="light">
        {cadence.due || !cadence.nextDueOn
          ? t("review.cadenceDue", { cadence: name })
          : t("review.cadenceOk", { cadence: name, date: formatShortDate(locale, `${cadence.nextDueOn}T12:00:00Z`, organization.timeZone) })}
      </Badge>
      <Text size="sm" c="dimmed">
        {t("review.lastReviewed", {
          date: cadence.lastReviewedAt ? formatDateTime(locale, cadence.lastReviewedAt, organization.timeZone) : t("review.neverReviewed"),
        })}
      </Text>
      {queue.team && (
        <Text size="sm" c="dimmed">
          {t("review.team", { name: queue.team.name })}
        </Text>
      )}
    </Group>
  );
};

/** M2.2: a seller with no money coming this month is tasked to gather prospects. */
const Prospecting = ({ queue, sellerId }: { queue: ReviewQueue; sellerId: string }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const set = useMutation({
    mutationFn: () => setProspectingTarget(sellerId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewKey }),
  });
  const { prospecting } = queue;
  if (prospecting.target) {
    return (
      <Alert color={prospecting.target.done ? "green" : "blue"} data-testid="review-prospecting-target">
        {prospecting.target.done
          ? t("review.prospecting.done")
          : t("review.prospecting.target", { reached: prospecting.target.reached, target: prospecting.target.target })}
      </Alert>
    );
  }
  if (prospecting.moneyThisMonth || prospecting.proposedTarget === null) return null;
  const count = prospecting.proposedTarget;
  return (
    <Alert color="orange" title={t("review.prospecting.title")} data-testid="review-prospecting">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t("review.prospecting.text", { count })}</Text>
        <Button size="xs" loading={set.isPending} onClick={() => set.mutate()} data-testid="review-prospecting-set">
          {t("review.prospecting.set", { count })}
        </Button>
        {set.isError && (
          <Text size="sm" c="red">
            {problemMessage(t, set.error)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
};

const QueueList = ({ queue, cursor, openId, onOpen }: { queue: ReviewQueue; cursor: number; openId: string | null; onOpen: (index: number) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  if (queue.items.length === 0)
    return (
      <Text c="dimmed" size="sm" data-testid="review-queue-empty">
        {t("review.queueEmpty")}
      </Text>
    );
  return (
    <Stack gap={4} role="listbox" aria-label={t("review.queue")}>
      {queue.items.map((item, index) => {
        const open = item.company.id === openId;
        const currency = item.deals[0]?.currency ?? organization.currency;
        return (
          <UnstyledButton
            key={item.company.id}
            role="option"
            aria-selected={open}
            onClick={() => onOpen(index)}
            data-testid="review-queue-item"
            data-client={item.company.name}
            data-cursor={index === cursor}
            p="xs"
            style={{
              borderRadius: "var(--mantine-radius-sm)",
              border: `1px solid ${index === cursor ? "var(--mantine-color-blue-5)" : "var(--mantine-color-default-border)"}`,
              background: open ? "var(--mantine-color-blue-light)" : undefined,
            }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={600} size="sm" lineClamp={1}>
                {item.company.name}
              </Text>
              <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }} data-testid="review-money">
                {item.moneyAtStakeMinor > 0 ? formatMoney(locale, item.moneyAtStakeMinor, currency) : t("review.noMoney")}
              </Text>
            </Group>
            <Group gap={4} mt={4}>
              <StatusBadge status={item.company.clientType} />
              <TemperatureBadge temperature={item.company.temperature} />
              <ReasonBadges reasons={item.reasons} />
            </Group>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
};

/** One seller's review sitting: the queue, the open client, the session. Keyed by the seller, so a new seller starts clean. */
const SellerReview = ({ sellerId }: { sellerId: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const parsedReason = reviewReasonSchema.safeParse(params.get("reason"));
  const reason: ReviewReason | null = parsedReason.success ? parsedReason.data : null;
  const parsedType = companyStatusSchema.safeParse(params.get("clientType"));
  const parsedTemperature = temperatureSchema.safeParse(params.get("temperature"));
  const minDeal = Number(params.get("minDeal") ?? "");
  const digits = currencyDigits(organization.currency);
  const filters: ReviewFilters = {
    reason,
    clientType: parsedType.success ? parsedType.data : null,
    temperature: parsedTemperature.success ? parsedTemperature.data : null,
    minDealAmountMinor: Number.isFinite(minDeal) && minDeal > 0 ? Math.round(minDeal * 10 ** digits) : null,
  };
  const openId = params.get("client");
  const [cursor, setCursor] = useState(-1);
  const [session, setSession] = useState<ReviewSession | null>(null);
  const [finished, setFinished] = useState<ReviewSession | null>(null);
  const queue = useReviewQueue(sellerId, filters);
  const items = queue.data?.items ?? [];

  // `flushSync` for the client opened after a close: the router's navigation is a transition, so without it the
  // closed client's panel stayed on screen for a moment after the queue had already dropped it.
  const setParam = (key: "reason" | "client" | "clientType" | "temperature" | "minDeal", value: string | null, flushSync = false) =>
    setParams((current) => withParams(current, { [key]: value }), { flushSync });

  const open = (index: number) => {
    const item = items[index];
    if (!item) return;
    setCursor(index);
    setParam("client", item.company.id);
  };

  const close = useMutation({
    mutationFn: async (body: CloseReviewItem) => {
      // The session starts with the first client closed, so opening the screen to look costs nothing.
      const current = session ?? (await startReviewSession(sellerId));
      if (!session) setSession(current);
      const item = await closeReviewItem(current.id, body);
      return { session: current, item };
    },
    onSuccess: ({ session: current, item }) => {
      setSession({ ...current, clientsReviewed: current.clientsReviewed + 1 });
      const ids = items.map((i) => i.company.id);
      const next = nextAfterClose(ids, item.company.id);
      const nextIndex = next ? ids.filter((id) => id !== item.company.id).indexOf(next) : -1;
      setCursor(nextIndex);
      setParam("client", next, true);
      void queryClient.invalidateQueries({ queryKey: reviewKey });
    },
  });
  const finish = useMutation({
    mutationFn: (id: string) => finishReviewSession(id),
    onSuccess: (done) => {
      setFinished(done);
      setSession(null);
      void queryClient.invalidateQueries({ queryKey: reviewKey });
    },
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const move = queueKeyOf(event.key);
      if (move) {
        event.preventDefault();
        setCursor((c) => moveCursor(c, items.length, move));
        return;
      }
      if (event.key === "Enter" && cursor >= 0) {
        event.preventDefault();
        const item = items[cursor];
        if (item) setParams((current) => new URLSearchParams({ ...Object.fromEntries(current), client: item.company.id }));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, cursor, setParams]);

  if (queue.isPending) return <PageLoader />;
  if (queue.isError) return <LoadError error={queue.error} onRetry={() => void queue.refetch()} />;
  const data = queue.data;

  return (
    <Stack gap="md" data-testid="review-seller" data-ready={!queue.isFetching}>
      <CadenceLine queue={data} />
      <Prospecting queue={data} sellerId={sellerId} />
      <Group justify="space-between">
        {session ? (
          <Text size="sm" data-testid="review-session" data-count={session.clientsReviewed}>
            {t("review.session.running", { time: formatTime(locale, session.startedAt, organization.timeZone), count: session.clientsReviewed })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {finished ? t("review.session.finished", { count: finished.clientsReviewed }) : t("review.session.none")}
          </Text>
        )}
        {session && (
          <Button variant="light" loading={finish.isPending} onClick={() => finish.mutate(session.id)} data-testid="review-finish">
            {t("review.session.finish")}
          </Button>
        )}
      </Group>
      {finished && !session && (
        <Alert color="green" data-testid="review-finished" data-count={finished.clientsReviewed}>
          {t("review.session.finished", { count: finished.clientsReviewed })}
        </Alert>
      )}
      {finish.isError && <LoadError error={finish.error} />}
      <Group gap="sm" align="flex-end" data-testid="review-filters">
        <Select
          label={t("review.filters.clientType")}
          placeholder={t("review.filters.any")}
          clearable
          size="xs"
          w={160}
          value={filters.clientType}
          onChange={(value) => setParam("clientType", value)}
          data={companyStatuses.map((status) => ({ value: status, label: t(`companyStatuses.${status}`) }))}
          data-testid="review-filter-client-type"
        />
        <Select
          label={t("review.filters.temperature")}
          placeholder={t("review.filters.any")}
          clearable
          size="xs"
          w={160}
          value={filters.temperature}
          onChange={(value) => setParam("temperature", value)}
          data={temperatures.map((temperature) => ({ value: temperature, label: t(`temperatures.${temperature}`) }))}
          data-testid="review-filter-temperature"
        />
        <NumberInput
          label={t("review.filters.minDeal", { currency: organization.currency })}
          size="xs"
          w={200}
          min={0}
          thousandSeparator=" "
          value={params.get("minDeal") ?? ""}
          onChange={(value) => setParam("minDeal", value === "" || Number(value) <= 0 ? null : String(value))}
          data-testid="review-filter-min-deal"
        />
      </Group>
      <Chip.Group>
        <Group gap="xs" data-testid="review-reasons">
          <Chip checked={reason === null} onChange={() => setParam("reason", null)} size="xs" data-testid="review-filter-all">
            {t("review.allReasons")}
          </Chip>
          {reasonOrder.map((r) => (
            <Chip key={r} checked={reason === r} onChange={() => setParam("reason", reason === r ? null : r)} size="xs" data-testid={`review-filter-${r}`}>
              {t(`review.reasons.${r}`)} · {formatNumber(locale, data.counts[r] ?? 0)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs" data-testid="review-queue" data-count={data.items.length}>
            <Text size="xs" c="dimmed">
              {t("review.keysHint")}
            </Text>
            <QueueList queue={data} cursor={cursor} openId={openId} onOpen={open} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {openId ? (
            <ReviewPanel
              key={openId}
              companyId={openId}
              sellerId={sellerId}
              submitting={close.isPending}
              error={close.error}
              onClose={(body) => close.mutate(body)}
            />
          ) : (
            <Card withBorder radius="md" padding="lg">
              <Text c="dimmed" size="sm">
                {t("review.panel.choose")}
              </Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
};

/** The queue tab: pick a seller, go through their clients. */
const QueueTab = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const people = usePeople();
  const sellers = (people.data ?? []).filter((p) => p.role === "seller");
  const sellerId = params.get("seller");

  return (
    <Stack gap="lg">
      <Text c="dimmed" size="sm">
        {t("review.intro")}
      </Text>
      {people.isPending ? (
        <PageLoader />
      ) : people.isError ? (
        <LoadError error={people.error} onRetry={() => void people.refetch()} />
      ) : sellers.length === 0 ? (
        <Text c="dimmed">{t("review.noSellers")}</Text>
      ) : (
        <NativeSelect
          label={t("review.seller")}
          maw={360}
          value={sellerId ?? ""}
          onChange={(e) => setParams(e.currentTarget.value ? { seller: e.currentTarget.value } : {})}
          data={[{ value: "", label: t("review.chooseSeller") }, ...sellers.map((s) => ({ value: s.id, label: s.name }))]}
          data-testid="review-seller-select"
        />
      )}
      {sellerId && <SellerReview key={sellerId} sellerId={sellerId} />}
    </Stack>
  );
};

const tabs: readonly ReviewTab[] = ["queue", "log", "settings"];

/**
 * The daily review (M2.1): a head, admin or team lead picks a seller and goes through their clients by money at
 * stake, closing each with a next task with a date or the deal lost. `?seller=`, `?reason=`, `?client=` keep the
 * place; `?tab=log` is the review log, `?tab=settings` each team's cadence and settings.
 */
export const ReviewPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = reviewTabOf(params.get("tab"));

  return (
    <Stack gap="lg" data-testid="review-page" data-tab={tab}>
      <Title order={1} size="h2">
        {t("review.title")}
      </Title>
      <Tabs value={tab} onChange={(value) => setParams(value && value !== "queue" ? { tab: value } : {})} keepMounted={false}>
        <Tabs.List>
          {tabs.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`review-tab-${value}`}>
              {t(`review.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          <QueueTab />
        </Tabs.Panel>
        <Tabs.Panel value="log" pt="md">
          <ReviewLogTab />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <ReviewSettingsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
