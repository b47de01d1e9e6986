import { useState, type FormEvent } from "react";
import { Checkbox, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { kpiWidgets, type KpiWidget } from "@conveyor/contracts";
import { settingsOfDraft, tvRefreshLimits, type SettingsDraft } from "./kpi-settings";
import { fieldErrorMessage } from "../ui/errors";
import { FormFooter } from "../ui/form-footer";
import { useSaveKpiSettings } from "./kpi.api";

/** The dashboard's widgets and the TV's refresh (M5.1: configurable per business), for heads and administrators. */
export const KpiSettingsModal = ({ opened, onClose, widgets, tvRefreshSeconds }: { opened: boolean; onClose: () => void; widgets: readonly KpiWidget[]; tvRefreshSeconds: number }) => {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SettingsDraft>({ widgets: [...widgets], tvRefreshSeconds });
  const save = useSaveKpiSettings();
  const settings = settingsOfDraft(draft);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!settings) return;
    save.mutate(settings, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("kpi.settings.saved") });
        onClose();
      },
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t("kpi.settings.title")} size="md">
      <form onSubmit={submit} data-testid="kpi-settings-form">
        <Stack gap="md">
          <Checkbox.Group
            label={t("kpi.settings.widgets")}
            description={t("kpi.settings.widgetsHint")}
            value={draft.widgets}
            onChange={(value) => setDraft({ ...draft, widgets: kpiWidgets.filter((w) => value.includes(w)) })}
            error={draft.widgets.length === 0 ? t("kpi.settings.atLeastOne") : undefined}
          >
            <Stack gap={6} mt="xs">
              {kpiWidgets.map((widget) => (
                <Checkbox key={widget} value={widget} label={t(`kpi.widgets.${widget}`)} data-testid={`kpi-settings-widget-${widget}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <NumberInput
            label={t("kpi.settings.tvRefresh")}
            description={t("kpi.settings.tvRefreshHint", { min: tvRefreshLimits.min, max: tvRefreshLimits.max })}
            min={tvRefreshLimits.min}
            max={tvRefreshLimits.max}
            allowDecimal={false}
            value={draft.tvRefreshSeconds}
            onChange={(value) => setDraft({ ...draft, tvRefreshSeconds: value })}
            error={fieldErrorMessage(t, save.error, "tvRefreshSeconds")}
            data-testid="kpi-settings-tv-refresh"
          />
          {!settings && draft.widgets.length > 0 && (
            <Text size="sm" c="red">
              {t("kpi.settings.tvRefreshHint", { min: tvRefreshLimits.min, max: tvRefreshLimits.max })}
            </Text>
          )}
          <FormFooter
            error={save.error}
            fields={["widgets", "tvRefreshSeconds"]}
            pending={save.isPending}
            disabled={!settings}
            submitLabel={t("common.save")}
            submitTestId="kpi-settings-save"
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
};
