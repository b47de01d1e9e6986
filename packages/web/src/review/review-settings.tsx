import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Pipeline, ReviewSettings, SaveReviewSettings } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { useCurrentSession } from "../auth/current-session";
import { isHead } from "../auth/permissions";
import { usePipelines } from "../deals/use-pipelines";
import { formatNumber, formatTimeOfDay, timeOfDayOptions } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { cadences, isTimeOfDay, staleDaysRequestOf, tooSlowForDeals, type Cadence } from "./review-logic";
import { reviewKey, saveReviewSettings, useReviewSettings } from "./review.api";

/*
 * Each team's review settings (M2.5, M2.6): cadence, days a deal may sit in each pipeline stage, the high-ticket
 * filter and the evening sweep's local time. The warning "too slow for fast deals" follows the cadence as it is
 * chosen. Heads of sales and admins edit; a team lead reads their team's.
 */

type Draft = {
  cadence: Cadence;
  staleDaysDefault: number | null;
  staleDaysByStage: Record<string, number | null>;
  minDeal: number | null;
  sweepAt: string;
};

const isCadence = (value: string | null): value is Cadence => cadences.some((c) => c === value);
const numberOrNull = (value: string | number): number | null => (value === "" || !Number.isFinite(Number(value)) ? null : Number(value));

const draftOf = (settings: ReviewSettings, currency: string): Draft => ({
  cadence: settings.cadence,
  staleDaysDefault: settings.staleDaysDefault,
  staleDaysByStage: { ...settings.staleDaysByStage },
  minDeal: settings.minDealAmountMinor === null ? null : fromMinorUnits(settings.minDealAmountMinor, currency),
  sweepAt: settings.sweepAt,
});

/** The messages the screen shows before sending, under their field. */
const localErrors = (t: TFunction, draft: Draft): Record<string, string> => {
  const errors: Record<string, string> = {};
  const inRange = (days: number | null) => days !== null && Number.isInteger(days) && days >= 1 && days <= 365;
  if (!inRange(draft.staleDaysDefault)) errors["staleDaysDefault"] = t("review.settings.outOfRange");
  for (const [stageId, days] of Object.entries(draft.staleDaysByStage)) if (days !== null && !inRange(days)) errors[`staleDaysByStage.${stageId}`] = t("review.settings.outOfRange");
  if (draft.minDeal !== null && draft.minDeal < 0) errors["minDealAmountMinor"] = t("review.settings.notNegative");
  if (!isTimeOfDay(draft.sweepAt)) errors["sweepAt"] = t("review.settings.invalidTime");
  return errors;
};

const TeamSettings = ({ settings, pipelines, editable }: { settings: ReviewSettings; pipelines: readonly Pipeline[]; editable: boolean }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const currency = organization.currency;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings, currency));
  const [shown, setShown] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: SaveReviewSettings) => saveReviewSettings(settings.team.id, body),
    onSuccess: (saved) => {
      setDraft(draftOf(saved, currency));
      void queryClient.invalidateQueries({ queryKey: reviewKey });
    },
  });
  const serverError = (field: string): string | undefined => {
    if (!isApiError(save.error)) return undefined;
    return save.error.fieldError(field)?.message;
  };
  const errorOf = (field: string): string | undefined => shown[field] ?? serverError(field);
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setShown({});
    save.reset();
  };
  const submit = () => {
    const errors = localErrors(t, draft);
    setShown(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate({
      cadence: draft.cadence,
      staleDaysDefault: draft.staleDaysDefault ?? settings.staleDaysDefault,
      staleDaysByStage: staleDaysRequestOf(draft.staleDaysByStage, draft.staleDaysDefault ?? settings.staleDaysDefault),
      minDealAmountMinor: draft.minDeal === null ? null : toMinorUnits(draft.minDeal, currency),
      sweepAt: draft.sweepAt,
    });
  };
  const slow = tooSlowForDeals(draft.cadence, settings.slowestAllowedCadence);
  const openStages = pipelines.map((p) => ({ pipeline: p, stages: p.stages.filter((s) => s.kind === "open") }));

  return (
    <Card withBorder radius="md" padding="lg" data-testid="review-settings-team" data-team={settings.team.name} data-cadence={settings.cadence}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {settings.team.name}
            </Title>
            <Text size="sm" c="dimmed" data-testid="review-settings-median">
              {settings.medianDaysToClose === null ? t("review.settings.noMedian") : t("review.settings.medianDays", { days: settings.medianDaysToClose })}
            </Text>
          </div>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t("review.settings.cadence")}
            allowDeselect={false}
            disabled={!editable}
            value={draft.cadence}
            onChange={(value) => {
              if (isCadence(value)) set({ cadence: value });
            }}
            data={cadences.map((c) => ({ value: c, label: t(`review.cadence.${c}`) }))}
            error={errorOf("cadence")}
            data-testid="review-settings-cadence"
          />
          <Select
            label={t("review.settings.sweepAt")}
            allowDeselect={false}
            searchable
            disabled={!editable}
            value={draft.sweepAt}
            onChange={(value) => set({ sweepAt: value ?? "" })}
            data={timeOfDayOptions(draft.sweepAt).map((time) => ({ value: time, label: formatTimeOfDay(locale, time) }))}
            error={errorOf("sweepAt")}
            data-testid="review-settings-sweep"
          />
          <NumberInput
            label={t("review.settings.staleDaysDefault")}
            disabled={!editable}
            min={1}
            max={365}
            clampBehavior="none"
            allowDecimal={false}
            value={draft.staleDaysDefault ?? ""}
            onChange={(value) => set({ staleDaysDefault: numberOrNull(value) })}
            error={errorOf("staleDaysDefault")}
            data-testid="review-settings-stale-default"
          />
          <NumberInput
            label={t("review.settings.minDeal", { currency })}
            description={t("review.settings.minDealHint")}
            disabled={!editable}
            clampBehavior="none"
            thousandSeparator=" "
            value={draft.minDeal ?? ""}
            onChange={(value) => set({ minDeal: numberOrNull(value) })}
            error={errorOf("minDealAmountMinor")}
            data-testid="review-settings-min-deal"
          />
        </SimpleGrid>
        {slow && (
          <Alert color="orange" data-testid="review-settings-warning">
            {t("review.settings.tooSlow")}
          </Alert>
        )}
        {openStages.map(({ pipeline, stages }) => (
          <Stack key={pipeline.id} gap={4}>
            <Text fw={600} size="sm">
              {t("review.settings.staleDaysByStage")}
              {pipelines.length > 1 ? ` · ${pipeline.name}` : ""}
            </Text>
            <Text size="xs" c="dimmed">
              {t("review.settings.staleDaysHint", { days: draft.staleDaysDefault ?? settings.staleDaysDefault })}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs">
              {stages.map((stage) => (
                <NumberInput
                  key={stage.id}
                  label={stage.name}
                  size="xs"
                  disabled={!editable}
                  min={1}
                  max={365}
                  clampBehavior="none"
                  allowDecimal={false}
                  placeholder={formatNumber(locale, draft.staleDaysDefault ?? settings.staleDaysDefault)}
                  value={draft.staleDaysByStage[stage.id] ?? ""}
                  onChange={(value) => set({ staleDaysByStage: { ...draft.staleDaysByStage, [stage.id]: numberOrNull(value) } })}
                  error={errorOf(`staleDaysByStage.${stage.id}`)}
                  data-testid="review-settings-stage"
                  data-stage={stage.name}
                />
              ))}
            </SimpleGrid>
          </Stack>
        ))}
        {editable && (
          <Group gap="sm">
            <Button onClick={submit} loading={save.isPending} data-testid="review-settings-save">
              {t("review.settings.save")}
            </Button>
            {save.isSuccess && (
              <Text size="sm" c="green" data-testid="review-settings-saved">
                {t("review.settings.saved")}
              </Text>
            )}
            {save.isError && !isApiError(save.error, "validation_failed") && (
              <Text size="sm" c="red">
                {problemMessage(t, save.error)}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
};

/** The settings tab of /review (`?tab=settings`). */
export const ReviewSettingsTab = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const settings = useReviewSettings();
  const pipelines = usePipelines();
  const editable = isHead(user.role);
  if (settings.isPending || pipelines.isPending) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (pipelines.isError) return <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  return (
    <Stack gap="md" data-testid="review-settings" data-editable={editable}>
      <Text c="dimmed" size="sm">
        {t("review.settings.intro")}
      </Text>
      {!editable && (
        <Alert color="gray" data-testid="review-settings-read-only">
          {t("review.settings.readOnly")}
        </Alert>
      )}
      {settings.data.items.length === 0 ? (
        <Text c="dimmed">{t("review.settings.noTeams")}</Text>
      ) : (
        settings.data.items.map((team) => <TeamSettings key={team.team.id} settings={team} pipelines={pipelines.data} editable={editable} />)
      )}
    </Stack>
  );
};
