import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Group, NumberInput, SimpleGrid, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { roles, type ExportControlSettings, type Role, type UpdateExportControlSettings } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { exportControlKey, saveExportSettings, useExportSettings } from "./export-control.api";

type NumberKey = "approvalThreshold" | "approvalValidHours" | "revealDailyCap" | "cardOpensPerHour" | "listedRowsPerHour" | "slowdownMs";
const limits: Record<NumberKey, { min: number; max: number }> = {
  approvalThreshold: { min: 0, max: 1_000_000 },
  approvalValidHours: { min: 1, max: 720 },
  revealDailyCap: { min: 0, max: 100_000 },
  cardOpensPerHour: { min: 1, max: 100_000 },
  listedRowsPerHour: { min: 1, max: 10_000_000 },
  slowdownMs: { min: 0, max: 10_000 },
};

const Form = ({ settings }: { settings: ExportControlSettings }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The PUT takes the settings without their timestamp.
  const { updatedAt: _updatedAt, ...initial } = settings;
  const [draft, setDraft] = useState<Required<UpdateExportControlSettings>>(initial);
  const save = useMutation({
    mutationFn: () => saveExportSettings(draft),
    onSuccess: () => {
      notifications.show({ message: t("exportControl.settings.saved"), color: "green" });
      void queryClient.invalidateQueries({ queryKey: exportControlKey });
    },
  });
  const number = (key: NumberKey) => (
    <NumberInput
      label={t(`exportControl.settings.${key}`)}
      value={draft[key]}
      min={limits[key].min}
      max={limits[key].max}
      allowDecimal={false}
      thousandSeparator=" "
      onChange={(value) => setDraft({ ...draft, [key]: typeof value === "number" ? value : limits[key].min })}
      data-testid={`export-setting-${key}`}
    />
  );
  const rolesBox = (key: "exportRoles" | "revealRoles") => (
    <Checkbox.Group label={t(`exportControl.settings.${key}`)} value={draft[key]} onChange={(value) => setDraft({ ...draft, [key]: roles.filter((r: Role) => value.includes(r)) })}>
      <Group gap="md" mt={6}>
        {roles.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} disabled={role === "admin"} data-testid={`export-setting-${key}-${role}`} />
        ))}
      </Group>
    </Checkbox.Group>
  );
  return (
    <Stack gap="md" maw={880} data-testid="export-settings">
      <Card withBorder>
        <Stack gap="sm">
          <Title order={4}>{t("exportControl.settings.exports")}</Title>
          {rolesBox("exportRoles")}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {number("approvalThreshold")}
            {number("approvalValidHours")}
          </SimpleGrid>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={4}>{t("exportControl.settings.masking")}</Title>
          {rolesBox("revealRoles")}
          {number("revealDailyCap")}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={4}>{t("exportControl.settings.guard")}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {number("cardOpensPerHour")}
            {number("listedRowsPerHour")}
            {number("slowdownMs")}
          </SimpleGrid>
        </Stack>
      </Card>
      {save.isError && <Alert color="red">{problemMessage(t, save.error)}</Alert>}
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="export-settings-save">
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
};

/** The admin's export-control settings: export and reveal roles, the thresholds, the reveal cap. */
export const ExportSettingsForm = () => {
  const settings = useExportSettings(true);
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <Form key={settings.data.updatedAt ?? "defaults"} settings={settings.data} />;
};
