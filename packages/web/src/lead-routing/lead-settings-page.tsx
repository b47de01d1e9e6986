import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card, Divider, NumberInput, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { LeadSettings } from "@conveyor/contracts";
import { SectionHeader } from "../department/section-header";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { LoadError, PageLoader } from "../ui/page-states";
import { formatSpan, splitMinutes } from "./durations";
import { leadSettingsKey, updateLeadSettings, useLeadSettings } from "./lead-routing.api";
import { draftFromSettings, settingsFields, settingsPatch, type SettingsDraft, type SettingsNumberField } from "./settings-draft";

/** The settings in groups, as the head of sales thinks of them: speed to lead, caps, forms, redistribution. */
const groups: { key: "sla" | "caps" | "forms" | "redistribution"; fields: SettingsNumberField[] }[] = [
  { key: "sla", fields: ["remindAfterMinutes", "reassignAfterMinutes", "escalateAfterReassignments"] },
  { key: "caps", fields: ["defaultLeadCap"] },
  { key: "forms", fields: ["formRateLimit", "formRateWindowSeconds"] },
  { key: "redistribution", fields: ["undoWindowMinutes"] },
];

/** A half-typed number reads as the saved one in the sentence, never as "NaN". */
const numberOr = (value: number | string, saved: number): number => (typeof value === "number" ? value : saved);

const minutesFields: readonly SettingsNumberField[] = ["remindAfterMinutes", "reassignAfterMinutes", "undoWindowMinutes"];

const SettingsForm = ({ settings }: { settings: LeadSettings }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [shown, setShown] = useState(false);
  const result = settingsPatch(settings, draft);
  const mutation = useMutation({
    mutationFn: updateLeadSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(leadSettingsKey, saved);
      setDraft(draftFromSettings(saved));
      setShown(false);
      notifications.show({ color: "green", message: t("leadRouting.settings.saved") });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(true);
    if (result.ok && Object.keys(result.patch).length > 0) mutation.mutate(result.patch);
  };
  const problemOf = (field: SettingsNumberField): string | undefined => {
    const code = shown && !result.ok ? result.problems[field] : undefined;
    if (code === undefined) return fieldErrorMessage(t, mutation.error, field);
    return t(`leadRouting.settings.problems.${code === "too_big" || code === "too_small" ? code : "invalid"}`);
  };
  /** "= 1 h 30 min" beside a number of minutes, so 90 reads as what it is. */
  const spanOf = (field: SettingsNumberField): string | undefined => {
    const value = draft[field];
    if (!minutesFields.includes(field) || typeof value !== "number" || value < 60) return undefined;
    return t("leadRouting.settings.equals", { span: formatSpan(t, splitMinutes(value)) });
  };
  const unchanged = result.ok && Object.keys(result.patch).length === 0;

  return (
    <form onSubmit={submit} noValidate data-testid="lead-settings-form">
      <Stack gap="lg">
        {groups.map((group) => (
          <Card key={group.key} withBorder radius="md" padding="lg" component="section" aria-labelledby={`lead-settings-${group.key}`}>
            <Stack gap="sm">
              <Title order={2} size="h4" id={`lead-settings-${group.key}`}>
                {t(`leadRouting.settings.groups.${group.key}`)}
              </Title>
              <Text size="sm" c="dimmed">
                {t(`leadRouting.settings.groupHints.${group.key}`)}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {group.fields.map((field) => (
                  <NumberInput
                    key={field}
                    label={t(`leadRouting.settings.fields.${field}`)}
                    description={spanOf(field) ?? t(`leadRouting.settings.hints.${field}`)}
                    placeholder={field === "defaultLeadCap" ? t("leadRouting.settings.noCap") : undefined}
                    min={0}
                    allowDecimal={false}
                    value={draft[field]}
                    onChange={(value) => setDraft((current) => ({ ...current, [field]: value }))}
                    error={problemOf(field)}
                    data-testid={`lead-settings-${field}`}
                  />
                ))}
              </SimpleGrid>
              {group.key === "sla" && (
                <>
                  <Divider />
                  <Text size="sm" data-testid="lead-settings-sla-sentence">
                    {t("leadRouting.settings.slaSentence", {
                      remind: numberOr(draft.remindAfterMinutes, settings.remindAfterMinutes),
                      reassign: numberOr(draft.reassignAfterMinutes, settings.reassignAfterMinutes),
                      escalate: numberOr(draft.escalateAfterReassignments, settings.escalateAfterReassignments),
                    })}
                  </Text>
                  <Switch
                    label={t("leadRouting.settings.thursdayOff")}
                    description={t("leadRouting.settings.thursdayOffHint")}
                    checked={draft.thursdayOff}
                    onChange={(event) => {
                      const thursdayOff = event.currentTarget.checked;
                      setDraft((current) => ({ ...current, thursdayOff }));
                    }}
                    data-testid="lead-settings-thursday"
                  />
                </>
              )}
            </Stack>
          </Card>
        ))}
        <FormFooter
          error={mutation.error}
          fields={[...settingsFields]}
          pending={mutation.isPending}
          disabled={unchanged}
          submitLabel={t("common.save")}
          submitTestId="lead-settings-submit"
        />
      </Stack>
    </form>
  );
};

/** M5.5 lead settings: the SLA in business minutes (remind, reassign, escalate), the default cap, form limits, the undo window. */
export const LeadSettingsPage = () => {
  const { t } = useTranslation();
  const settings = useLeadSettings();
  return (
    <Stack gap="lg" maw={980} data-testid="lead-settings-page">
      <SectionHeader title={t("leadRouting.settings.title")} hint={t("leadRouting.settings.hint")} />
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
    </Stack>
  );
};
