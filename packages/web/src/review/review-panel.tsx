import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { activityTypeSchema, plannedResultOutcomeValues, type ReviewClient } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { StatusBadge, TemperatureBadge } from "../clients/client-badges";
import { formatDateTime, formatShortDate } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { ZonedDateTimeInput } from "../ui/zoned-date-time-input";
import { ReasonBadges } from "./reason-badges";
import { useReviewClient } from "./review.api";
import { closeFormFields, closeRequestOf, emptyDraft, fieldMessageKey, type CloseDraft, type CloseMode, type PlannedResultOutcome } from "./review-logic";
import type { CloseReviewItem } from "@conveyor/contracts";

const isOutcome = (value: string): value is PlannedResultOutcome => plannedResultOutcomeValues.some((v) => v === value);
const isMode = (value: string): value is CloseMode => value === "next_task" || value === "lost";

/** The message under a field the server named; the rule's codes in the reader's words. */
const fieldMessage = (t: TFunction, error: unknown, field: string): string | undefined => {
  if (!isApiError(error)) return undefined;
  const problem = error.fieldError(field);
  if (!problem) return undefined;
  const key = fieldMessageKey(field, problem.code);
  return key ? t(`review.fieldErrors.${key}`) : problem.message;
};

const Block = ({ title, children }: { title: string; children: ReactNode }) => (
  <Stack gap={4}>
    <Text fw={600} size="sm">
      {title}
    </Text>
    {children}
  </Stack>
);

const Facts = ({ client }: { client: ReviewClient }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const tz = organization.timeZone;
  const activity = (type: string) => {
    const parsed = activityTypeSchema.safeParse(type);
    return parsed.success ? t(`activityTypes.${parsed.data}`) : type;
  };
  return (
    <>
      <Block title={t("review.panel.interactions")}>
        {client.interactions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("review.panel.noInteractions")}
          </Text>
        ) : (
          client.interactions.slice(0, 5).map((i) => (
            <Text key={i.id} size="sm" data-testid="review-interaction">
              <Text span c="dimmed" size="sm">
                {formatDateTime(locale, i.occurredAt, tz)} · {activity(i.type)} · {i.author.name}
              </Text>{" "}
              {[i.outcome, i.body].filter(Boolean).join(" — ")}
            </Text>
          ))
        )}
      </Block>
      <Block title={t("review.panel.deals")}>
        {client.openDeals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("review.panel.noDeals")}
          </Text>
        ) : (
          client.openDeals.map((d) => (
            <Group key={d.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="review-deal">
              <Text size="sm">
                {d.title} · {t("review.panel.daysInStage", { stage: d.stage.name, days: d.daysInStage })}
                {d.expectedCloseDate && ` · ${t("review.panel.expectedClose", { date: formatShortDate(locale, `${d.expectedCloseDate}T12:00:00Z`, tz) })}`}
              </Text>
              <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
                {formatMoney(locale, d.amountMinor, d.currency)}
              </Text>
            </Group>
          ))
        )}
      </Block>
      <Block title={t("review.panel.nextTask")}>
        <Text size="sm" c={client.nextTask ? undefined : "red"}>
          {client.nextTask ? `${client.nextTask.title} · ${formatDateTime(locale, client.nextTask.dueAt, tz)}` : t("review.panel.noNextTask")}
        </Text>
      </Block>
      {client.previousReviews.length > 0 && (
        <Block title={t("review.panel.previousReviews")}>
          {client.previousReviews.slice(0, 3).map((r) => (
            <Text key={r.id} size="sm" c="dimmed">
              {formatDateTime(locale, r.reviewedAt, tz)} · {r.reviewer.name}
              {r.plannedResultOutcome && ` · ${t(`review.panel.outcomes.${r.plannedResultOutcome}`)}`}
              {r.nextTask && ` · ${r.nextTask.title}`}
            </Text>
          ))}
        </Block>
      )}
    </>
  );
};

type CloseFormProps = {
  client: ReviewClient;
  submitting: boolean;
  error: unknown;
  onSubmit: (body: CloseReviewItem) => void;
};

const CloseForm = ({ client, submitting, error, onSubmit }: CloseFormProps) => {
  const { t } = useTranslation();
  const { organization } = useCurrentSession();
  const firstDeal = client.openDeals[0]?.id ?? null;
  const [draft, setDraft] = useState<CloseDraft>(() => emptyDraft(firstDeal));
  // The time on this client counts from when its screen opened (M2.5: 30 minutes at first, 1–5 with practice).
  const openedAt = useRef(0);
  useEffect(() => {
    openedAt.current = Date.now();
  }, []);
  const set = <K extends keyof CloseDraft>(key: K, value: CloseDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const err = (field: string) => fieldMessage(t, error, field);
  const explained = isApiError(error) && error.fieldErrors.length > 0 && error.fieldErrors.every((e) => closeFormFields.some((f) => f === e.field));

  const submit = () =>
    onSubmit(
      closeRequestOf(draft, {
        companyId: client.company.id,
        reasons: client.reasons,
        lastTaskId: client.lastTask?.id ?? null,
        dealId: firstDeal,
        secondsSpent: (Date.now() - openedAt.current) / 1000,
        timeZone: organization.timeZone,
      }),
    );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      data-testid="review-close-form"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Block title={t("review.panel.lastTask")}>
          {client.lastTask ? (
            <>
              <Text size="sm">
                {client.lastTask.title} ·{" "}
                {client.lastTask.plannedResult ? t("review.panel.plannedResult", { result: client.lastTask.plannedResult }) : t("review.panel.noPlannedResult")}
              </Text>
              <Text size="sm" c="dimmed">
                {t("review.panel.wasReached")}
              </Text>
              <SegmentedControl
                data-testid="review-outcome"
                value={draft.plannedResultOutcome ?? ""}
                onChange={(v) => set("plannedResultOutcome", isOutcome(v) ? v : null)}
                data={plannedResultOutcomeValues.map((o) => ({ value: o, label: t(`review.panel.outcomes.${o}`) }))}
              />
              <Textarea
                label={t("review.panel.outcomeComment")}
                autosize
                minRows={1}
                value={draft.outcomeComment}
                onChange={(e) => set("outcomeComment", e.currentTarget.value)}
                error={err("outcomeComment")}
                data-testid="review-outcome-comment"
              />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t("review.panel.noLastTask")}
            </Text>
          )}
        </Block>
        <Group grow align="flex-start">
          <Textarea label={t("review.panel.risks")} autosize minRows={1} value={draft.risks} onChange={(e) => set("risks", e.currentTarget.value)} data-testid="review-risks" />
          <Textarea
            label={t("review.panel.opportunities")}
            autosize
            minRows={1}
            value={draft.opportunities}
            onChange={(e) => set("opportunities", e.currentTarget.value)}
            data-testid="review-opportunities"
          />
        </Group>
        <Title order={3} size="h5">
          {t("review.close.title")}
        </Title>
        <SegmentedControl
          data-testid="review-close-mode"
          value={draft.mode}
          onChange={(v) => isMode(v) && set("mode", v)}
          data={[
            { value: "next_task", label: t("review.close.modes.next_task") },
            ...(client.openDeals.length > 0 ? [{ value: "lost", label: t("review.close.modes.lost") }] : []),
          ]}
        />
        {err("nextTask") && (
          <Text size="sm" c="red" data-testid="review-error-nextTask">
            {err("nextTask")}
          </Text>
        )}
        {err("lost") && (
          <Text size="sm" c="red">
            {err("lost")}
          </Text>
        )}
        {draft.mode === "next_task" ? (
          <>
            <TextInput
              label={t("review.close.taskTitle")}
              required
              value={draft.taskTitle}
              onChange={(e) => set("taskTitle", e.currentTarget.value)}
              error={err("nextTask.title")}
              data-testid="review-task-title"
            />
            <ZonedDateTimeInput
              label={t("review.close.taskDueAt")}
              required
              value={draft.taskDueAt}
              onChange={(v) => set("taskDueAt", v)}
              error={err("nextTask.dueAt")}
              data-testid="review-task-due"
            />
            <TextInput
              label={t("review.close.taskPlannedResult")}
              value={draft.taskPlannedResult}
              onChange={(e) => set("taskPlannedResult", e.currentTarget.value)}
              data-testid="review-task-result"
            />
          </>
        ) : (
          <>
            <NativeSelect
              label={t("review.close.lostDeal")}
              value={draft.lostDealId ?? ""}
              onChange={(e) => set("lostDealId", e.currentTarget.value || null)}
              data={client.openDeals.map((d) => ({ value: d.id, label: d.title }))}
              error={err("lost.dealId") ?? err("dealId")}
              data-testid="review-lost-deal"
            />
            <TextInput
              label={t("review.close.lostReason")}
              required
              value={draft.lostReason}
              onChange={(e) => set("lostReason", e.currentTarget.value)}
              error={err("lost.lostReason")}
              data-testid="review-lost-reason"
            />
          </>
        )}
        {error !== null && error !== undefined && !explained && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Ctrl+Enter
          </Text>
          <Button type="submit" loading={submitting} data-testid="review-close-submit">
            {t("review.close.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

type ReviewPanelProps = {
  companyId: string;
  sellerId: string;
  submitting: boolean;
  error: unknown;
  onClose: (body: CloseReviewItem) => void;
};

/** One client's review (M2.1): the facts to discuss with the seller and the close form. */
export const ReviewPanel = ({ companyId, sellerId, submitting, error, onClose }: ReviewPanelProps) => {
  const { t } = useTranslation();
  const client = useReviewClient(companyId, sellerId);
  if (client.isPending) return <PageLoader />;
  if (client.isError) return <LoadError error={client.error} onRetry={() => void client.refetch()} />;
  const c = client.data;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="review-panel" data-client={c.company.name}>
      <Stack gap="md">
        <div>
          <Group gap="xs">
            <Title order={2} size="h4">
              {c.company.name}
            </Title>
            <StatusBadge status={c.company.clientType} />
            <TemperatureBadge temperature={c.company.temperature} />
            <Badge variant="outline" color="gray">
              {c.company.owner.name}
            </Badge>
          </Group>
          <Group gap="xs" mt={4}>
            <ReasonBadges reasons={c.reasons} />
            <Anchor component={Link} to={`/clients/${c.company.id}`} size="sm">
              {t("review.panel.openCard")}
            </Anchor>
          </Group>
        </div>
        <Facts client={c} />
        <CloseForm key={c.company.id} client={c} submitting={submitting} error={error} onSubmit={onClose} />
      </Stack>
    </Card>
  );
};
