import { Link } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Anchor, Button, Card, Group, Stack, Text, ThemeIcon, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TimelineEntry } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import {
  ActivityIcon,
  CheckIcon,
  DealIcon,
  EditIcon,
  OrderIcon,
  PaymentIcon,
  PlusIcon,
  TaskIcon,
  UserSwitchIcon,
} from "../activities/timeline-icons";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { getTimeline, timelineKey } from "../clients/clients.api";
import { useCompanyFacets } from "../clients/use-company-facets";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { usePeople } from "../people/people.api";
import { LoadError, PageLoader } from "../ui/page-states";
import { figureLines } from "../conveyor/figures";
import { isolate, levelPair } from "../conveyor/level-words";
import { changeFieldLabel, changeValueLabel, handoverTriggerLabel, handoverWhy } from "./timeline-change";

const pageSize = 30;

/** A step up to the next level (M1.4). */
const HandoverIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M4 20h5v-5h5v-5h6" />
    <path d="m16 6 4 4-4 4" />
  </svg>
);

/** Names for the user ids an owner change carries: the pickable people and the owners in the facets. */
const usePersonNames = (): ReadonlyMap<string, string> => {
  const people = usePeople();
  const { facets } = useCompanyFacets();
  const names = new Map<string, string>();
  for (const owner of facets.owner) if (owner.label) names.set(owner.value, owner.label);
  for (const person of people.data ?? []) names.set(person.id, person.name);
  return names;
};

const EntryIcon = ({ entry }: { entry: TimelineEntry }) => {
  switch (entry.kind) {
    case "activity":
      return entry.activity ? <ActivityIcon type={entry.activity.type} /> : <EditIcon />;
    case "task_created":
      return <TaskIcon />;
    case "task_done":
      return <CheckIcon />;
    case "owner_changed":
      return <UserSwitchIcon />;
    case "field_changed":
      return <EditIcon />;
    case "created":
      return <PlusIcon />;
    case "deal_created":
    case "deal_stage_changed":
      return <DealIcon />;
    case "order_created":
      return <OrderIcon />;
    case "payment_received":
      return <PaymentIcon />;
    case "handover":
      return <HandoverIcon />;
  }
};

const entryColor = (entry: TimelineEntry): string => {
  switch (entry.kind) {
    case "activity":
      return entry.activity?.type === "proposal" ? "grape" : "blue";
    case "task_created":
      return "gray";
    case "task_done":
      return "teal";
    case "owner_changed":
    case "field_changed":
      return "orange";
    case "created":
      return "green";
    case "deal_created":
    case "deal_stage_changed":
      return "indigo";
    case "order_created":
      return "cyan";
    case "payment_received":
      return (entry.money?.amountMinor ?? 0) < 0 ? "red" : "teal";
    case "handover":
      return "violet";
    case "lead_received":
      return "lime";
    case "email_received":
      return "blue";
  }
};

const EntryTitle = ({ entry }: { entry: TimelineEntry }) => {
  const { t } = useTranslation();
  switch (entry.kind) {
    case "activity":
      return <>{entry.activity ? t(`activityTypes.${entry.activity.type}`) : ""}</>;
    case "task_created":
      return <>{t("timeline.taskCreated", { title: entry.task?.title ?? "" })}</>;
    case "task_done":
      return <>{t("timeline.taskDone", { title: entry.task?.title ?? "" })}</>;
    case "owner_changed":
      return <>{t("timeline.ownerChanged")}</>;
    case "field_changed":
      return <FieldChangedTitle field={entry.change?.field ?? ""} />;
    case "created":
      return <>{t("timeline.created")}</>;
    case "deal_created":
      return <DealTitle label={t("timeline.dealCreated")} entry={entry} />;
    case "deal_stage_changed":
      return <DealTitle label={t("timeline.dealStageChanged")} entry={entry} />;
    case "order_created":
    case "payment_received":
      return <MoneyTitle entry={entry} />;
    case "handover":
      return entry.handover ? (
        <>
          {t("handover.timeline.title", {
            levels: levelPair(t, entry.handover.fromLevel, entry.handover.toLevel),
            from: isolate(entry.handover.fromName),
            to: isolate(entry.handover.toName),
          })}
        </>
      ) : (
        <>{t("handover.reasons.manual")}</>
      );
  }
};

/** "Deal created: <the deal's current title>", the title linking to the deal. */
/** A custom field's change is named by the field's label, archived fields included. */
const FieldChangedTitle = ({ field }: { field: string }) => {
  const { t } = useTranslation();
  const { fields } = useCustomFields("company", true);
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  return <>{t("timeline.fieldChanged", { field: changeFieldLabel(t, field, labels) })}</>;
};

const DealTitle = ({ label, entry }: { label: string; entry: TimelineEntry }) => {
  if (!entry.deal) return <>{label}</>;
  return (
    <>
      {label}:{" "}
      <Anchor component={Link} to={`/deals/${entry.deal.id}`} inherit data-testid="timeline-deal-link">
        <bdi>{entry.deal.title}</bdi>
      </Anchor>
    </>
  );
};

/** "Order №3 for 150 000 ₽: <deal>", "Payment received on order №3: …" or "Refund on order №3: …" (a refund is a negative payment). */
const MoneyTitle = ({ entry }: { entry: TimelineEntry }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { money } = entry;
  const amount = money ? formatMoney(locale, Math.abs(money.amountMinor), money.currency) : t("timeline.empty");
  const label =
    entry.kind === "order_created"
      ? t("timeline.orderCreated", { amount, number: money?.orderNumber ?? "—" })
      : (money?.amountMinor ?? 0) < 0
        ? t("timeline.refund", { amount, number: money?.orderNumber ?? "—" })
        : t("timeline.paymentReceived", { amount, number: money?.orderNumber ?? "—" });
  return <DealTitle label={label} entry={entry} />;
};

const EntryBody = ({ entry, people }: { entry: TimelineEntry; people: ReadonlyMap<string, string> }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const { activity, change, task } = entry;
  if (entry.kind === "activity" && activity) {
    return (
      <Stack gap={2}>
        {activity.outcome && (
          <Text size="sm" fw={500}>
            {activity.outcome}
          </Text>
        )}
        {activity.body && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {activity.body}
          </Text>
        )}
        <Group gap="xs">
          {activity.durationMinutes !== null && (
            <Text size="xs" c="dimmed">
              {t("activity.minutes", { minutes: formatNumber(locale, activity.durationMinutes) })}
            </Text>
          )}
          {activity.amountMinor !== null && (
            <Text size="sm" fw={600} data-testid="timeline-amount">
              {formatMoney(locale, activity.amountMinor, organization.currency)}
            </Text>
          )}
        </Group>
      </Stack>
    );
  }
  if ((entry.kind === "owner_changed" || entry.kind === "field_changed") && change) {
    return (
      <Text size="sm">
        {t("timeline.change", {
          from: change.fromLabel ?? changeValueLabel(t, change.field, change.from, people),
          to: change.toLabel ?? changeValueLabel(t, change.field, change.to, people),
        })}
      </Text>
    );
  }
  if (entry.kind === "deal_stage_changed" && change) {
    // Stage ids mean nothing to a reader; the server sends the names the stages had.
    return (
      <Text size="sm" data-testid="timeline-deal-move">
        {t("timeline.dealMoved", { from: change.fromLabel ?? t("timeline.empty"), to: change.toLabel ?? t("timeline.empty") })}
      </Text>
    );
  }
  if (entry.kind === "handover" && entry.handover) return <HandoverBody handover={entry.handover} />;
  if (entry.kind === "task_created" && task) {
    return (
      <Text size="xs" c="dimmed">
        {t("tasks.dueAt", { when: formatDateTime(locale, task.dueAt, organization.timeZone) })}
        {task.assigneeName ? ` · ${task.assigneeName}` : ""}
      </Text>
    );
  }
  return null;
};

/** Why the client moved, what set the rule off, the figures it saw (M4.1), and the giver's comment. */
const HandoverBody = ({ handover }: { handover: NonNullable<TimelineEntry["handover"]> }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const lines = figureLines(t, locale, handover.figures);
  return (
    <Stack gap={2} data-testid="timeline-handover" data-reason={handover.reason}>
      <Text size="sm">
        {handoverWhy(t, handover)}
        {handover.trigger !== "manual" && (
          <Text span size="xs" c="dimmed">
            {" · "}
            {t("handover.timeline.trigger", { trigger: handoverTriggerLabel(t, handover.trigger) })}
          </Text>
        )}
      </Text>
      {lines.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="timeline-handover-figures">
          {lines.map((line) => t("handover.figures.line", { label: line.label, value: line.value })).join(" · ")}
        </Text>
      )}
      {handover.comment && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {t("handover.timeline.comment", { comment: isolate(handover.comment) })}
        </Text>
      )}
    </Stack>
  );
};

/** The client's history, newest first (M5.4: a newcomer learns the client without asking anyone). */
export const ClientTimeline = ({ companyId }: { companyId: string }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const timeline = useInfiniteQuery({
    queryKey: timelineKey(companyId),
    queryFn: ({ pageParam }) => getTimeline(companyId, { limit: pageSize, cursor: pageParam || undefined }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const people = usePersonNames();

  return (
    <Card withBorder radius="md" padding="lg" data-testid="timeline">
      <Title order={2} size="h4" mb="md">
        {t("card.timeline")}
      </Title>
      {timeline.isPending ? (
        <PageLoader />
      ) : timeline.isError && entries.length === 0 ? (
        <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("card.noTimeline")}
        </Text>
      ) : (
        <Timeline bulletSize={28} lineWidth={2}>
          {entries.map((entry) => (
            <Timeline.Item
              key={entry.id}
              data-testid="timeline-entry"
              data-kind={entry.kind}
              bullet={
                <ThemeIcon size={28} radius="xl" variant="light" color={entryColor(entry)}>
                  <EntryIcon entry={entry} />
                </ThemeIcon>
              }
              title={
                <Text size="sm" fw={600}>
                  <EntryTitle entry={entry} />
                </Text>
              }
            >
              <EntryBody entry={entry} people={people} />
              <Text size="xs" c="dimmed" mt={4}>
                {formatDateTime(locale, entry.activity?.occurredAt ?? entry.at, organization.timeZone)}
                {entry.actorName ? ` · ${entry.actorName}` : ""}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {timeline.isFetchNextPageError && <LoadError error={timeline.error} />}
      {timeline.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={timeline.isFetchingNextPage}
            onClick={() => void timeline.fetchNextPage()}
            data-testid="timeline-load-more"
          >
            {t("card.loadMore")}
          </Button>
        </Group>
      )}
    </Card>
  );
};
