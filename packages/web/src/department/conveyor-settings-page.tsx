import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import {
  departmentModes,
  structureVariants,
  type ConveyorSettings,
  type DepartmentMode,
  type StructureVariant,
  type SweepResult,
} from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber, formatShortDate, formatTimeOfDay, timeOfDayOptions } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { currencyDigits } from "../i18n/money";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { LoadError, PageLoader } from "../ui/page-states";
import { dayToFormat } from "./calendar-day";
import { SectionHeader } from "./section-header";
import { conveyorKey, conveyorSettingsKey, runSweep, updateConveyorSettings, useConveyorSettings } from "./department.api";
import { draftFromSettings, draftToSettingsUpdate, validateSettingsDraft, type SettingsDraft, type SettingsField, type SettingsProblem } from "./settings-draft";

/** The conveyor's settings (M1.1, M5.8, M4.2, handovers) and the nightly sweep; heads only. */
export const ConveyorSettingsPage = () => {
  const { t } = useTranslation();
  const settings = useConveyorSettings();
  const header = <SectionHeader title={t("department.titles.settings")} />;
  if (settings.isPending || settings.isError) {
    return (
      <Stack gap="md">
        {header}
        {settings.isError ? <LoadError error={settings.error} onRetry={() => void settings.refetch()} /> : <PageLoader />}
      </Stack>
    );
  }
  return (
    <Stack gap="lg" maw={880}>
      {header}
      {/* Keyed by what the server holds, so a save (or another head's change) resets the form to it; a sweep does not. */}
      <SettingsForm key={JSON.stringify({ ...settings.data, lastSweepOn: null })} settings={settings.data} />
      <SweepCard settings={settings.data} />
    </Stack>
  );
};

const serverFields = [
  "departmentMode",
  "structureVariant",
  "giverAccessDays",
  "receiverCap",
  "stuckAfterDays",
  "sweepAt",
  "permanent",
  "permanent.totalAmountMinor",
  "permanent.monthlyMinimumMinor",
  "permanent.months",
  "permanent.serviceLevel",
];

const serverField: Record<SettingsField, string> = {
  giverAccessDays: "giverAccessDays",
  receiverCap: "receiverCap",
  stuckAfterDays: "stuckAfterDays",
  permanentTotal: "permanent.totalAmountMinor",
  permanentMonthly: "permanent.monthlyMinimumMinor",
  permanentMonths: "permanent.months",
  serviceLevel: "permanent.serviceLevel",
};

const SettingsForm = ({ settings }: { settings: ConveyorSettings }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [problems, setProblems] = useState<Partial<Record<SettingsField, SettingsProblem>>>({});
  const set = (patch: Partial<SettingsDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const mutation = useMutation({
    mutationFn: updateConveyorSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(conveyorSettingsKey, saved);
      // The mode and the structure reshape the org chart, the advisors and who sees what.
      void queryClient.invalidateQueries({ queryKey: conveyorKey });
      notifications.show({ color: "green", message: t("department.settings.saved") });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSettingsDraft(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const body = draftToSettingsUpdate(settings, draft);
    if (Object.keys(body).length === 0) {
      notifications.show({ color: "green", message: t("department.settings.saved") });
      return;
    }
    mutation.mutate(body);
  };

  const error = mutation.error;
  const fieldError = (field: SettingsField) => {
    const problem = problems[field];
    return problem ? t(`department.settings.problems.${problem}`) : fieldErrorMessage(t, error, serverField[field]);
  };
  const currency = settings.currency;
  const money = { min: 0, decimalScale: currencyDigits(currency), thousandSeparator: " ", dir: "ltr" } as const;
  const whole = { allowDecimal: false, allowNegative: false, dir: "ltr" } as const;

  return (
    <form onSubmit={submit} noValidate data-testid="conveyor-settings-form">
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg" component="section">
          <Title order={2} size="h4" mb="md">
            {t("department.settings.structure")}
          </Title>
          <Stack gap="lg">
            <Radio.Group
              label={t("department.settings.mode")}
              value={draft.departmentMode}
              onChange={(value) => {
                const mode = departmentModes.find((item) => item === value);
                if (mode) set({ departmentMode: mode });
              }}
              error={fieldErrorMessage(t, error, "departmentMode")}
              data-testid="settings-mode"
            >
              <Stack gap="sm" mt="xs">
                {departmentModes.map((mode: DepartmentMode) => (
                  <Radio
                    key={mode}
                    value={mode}
                    label={t(`department.modes.${mode}`)}
                    description={t(`department.modeHints.${mode}`)}
                    data-testid={`settings-mode-${mode}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {draft.departmentMode === "three_level" && settings.departmentMode === "one_level" && (
              <Alert color="blue">{t("department.settings.modeChangeHint")}</Alert>
            )}
            <Radio.Group
              label={t("department.settings.variant")}
              value={draft.structureVariant}
              onChange={(value) => {
                const variant = structureVariants.find((item) => item === value);
                if (variant) set({ structureVariant: variant });
              }}
              error={fieldErrorMessage(t, error, "structureVariant")}
              data-testid="settings-variant"
            >
              <Stack gap="sm" mt="xs">
                {structureVariants.map((variant: StructureVariant) => (
                  <Radio
                    key={variant}
                    value={variant}
                    label={t(`department.variants.${variant}`)}
                    description={t(`department.variantHints.${variant}`)}
                    data-testid={`settings-variant-${variant}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="lg" component="section">
          <Title order={2} size="h4" mb="md">
            {t("department.settings.handovers")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t("department.settings.giverAccessDays")}
              description={t("department.settings.giverAccessDaysHint")}
              min={0}
              max={365}
              {...whole}
              value={draft.giverAccessDays}
              onChange={(giverAccessDays) => set({ giverAccessDays })}
              error={fieldError("giverAccessDays")}
              data-testid="settings-giver-access-days"
            />
            <NumberInput
              label={t("department.settings.receiverCap")}
              description={t("department.settings.receiverCapHint")}
              min={1}
              max={1_000_000}
              {...whole}
              value={draft.receiverCap}
              onChange={(receiverCap) => set({ receiverCap })}
              error={fieldError("receiverCap")}
              data-testid="settings-receiver-cap"
            />
            <NumberInput
              label={t("department.settings.stuckAfterDays")}
              description={t("department.settings.stuckAfterDaysHint")}
              min={1}
              max={3650}
              {...whole}
              value={draft.stuckAfterDays}
              onChange={(stuckAfterDays) => set({ stuckAfterDays })}
              error={fieldError("stuckAfterDays")}
              data-testid="settings-stuck-after-days"
            />
          </SimpleGrid>
        </Card>

        <Card withBorder radius="md" padding="lg" component="section">
          <Title order={2} size="h4">
            {t("department.settings.permanent")}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t("department.settings.permanentHint")}
          </Text>
          <Stack gap="sm">
            <NumberInput
              label={t("department.settings.permanentTotal", { currency })}
              {...money}
              value={draft.permanentTotal}
              onChange={(permanentTotal) => set({ permanentTotal })}
              error={fieldError("permanentTotal")}
              data-testid="settings-permanent-total"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t("department.settings.permanentMonthly", { currency })}
                {...money}
                value={draft.permanentMonthly}
                onChange={(permanentMonthly) => set({ permanentMonthly })}
                error={fieldError("permanentMonthly")}
                data-testid="settings-permanent-monthly"
              />
              <NumberInput
                label={t("department.settings.permanentMonths")}
                min={1}
                max={24}
                {...whole}
                value={draft.permanentMonths}
                onChange={(permanentMonths) => set({ permanentMonths })}
                error={fieldError("permanentMonths")}
                data-testid="settings-permanent-months"
              />
            </SimpleGrid>
            <TextInput
              label={t("department.settings.serviceLevel")}
              description={t("department.settings.serviceLevelHint")}
              required
              maxLength={100}
              value={draft.serviceLevel}
              onChange={(event) => set({ serviceLevel: event.currentTarget.value })}
              error={fieldError("serviceLevel")}
              data-testid="settings-service-level"
            />
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="lg" component="section">
          <Title order={2} size="h4">
            {t("department.settings.sweep")}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t("department.settings.sweepHint")}
          </Text>
          {/* A select, not <input type="time">: the browser would show its own locale's clock. */}
          <Select
            label={t("department.settings.sweepAt")}
            allowDeselect={false}
            maw={240}
            data={timeOfDayOptions(draft.sweepAt).map((value) => ({ value, label: formatTimeOfDay(locale, value) }))}
            value={draft.sweepAt}
            onChange={(sweepAt) => sweepAt && set({ sweepAt })}
            error={fieldErrorMessage(t, error, "sweepAt")}
            data-testid="settings-sweep-at"
          />
        </Card>

        <FormFooter
          error={error}
          fields={serverFields}
          pending={mutation.isPending}
          disabled={false}
          submitLabel={t("common.save")}
          submitTestId="conveyor-settings-submit"
        />
      </Stack>
    </form>
  );
};

const SweepCard = ({ settings }: { settings: ConveyorSettings }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<SweepResult | null>(null);

  const sweep = useMutation({
    mutationFn: runSweep,
    onSuccess: (done) => {
      setResult(done);
      // Clients, owners, tasks and access may all have moved: refresh whatever is on screen.
      void queryClient.invalidateQueries();
      notifications.show({ color: "green", message: t("department.settings.sweepDone") });
    },
  });
  const last = settings.lastSweepOn ? dayToFormat(settings.lastSweepOn, organization.timeZone) : null;
  const figures: (keyof SweepResult)[] = ["handedOver", "permanentMarked", "accessExpired", "waitingForReceiver"];

  return (
    <Card withBorder radius="md" padding="lg" component="section" data-testid="sweep-card">
      <Group justify="space-between" gap="sm">
        <Text size="sm" data-testid="sweep-last">
          {last
            ? t("department.settings.lastSweep", { date: formatShortDate(locale, last.value, last.timeZone) })
            : t("department.settings.neverSwept")}
        </Text>
        <Button variant="light" loading={sweep.isPending} onClick={() => sweep.mutate()} data-testid="sweep-run">
          {t("department.settings.runSweep")}
        </Button>
      </Group>
      {sweep.isError && (
        <Alert color="red" role="alert" mt="sm">
          {problemMessage(t, sweep.error)}
        </Alert>
      )}
      {result && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md" data-testid="sweep-result">
          {figures.map((key) => (
            <Stack key={key} gap={0} data-figure={key}>
              <Text size="xl" fw={700}>
                {formatNumber(locale, result[key])}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`department.settings.sweepResult.${key}`)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
};
