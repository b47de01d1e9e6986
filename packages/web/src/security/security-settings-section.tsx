import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import {
  maxAbsoluteTimeoutHours,
  maxIdleTimeoutMinutes,
  minAbsoluteTimeoutHours,
  minIdleTimeoutMinutes,
  type SecuritySettings,
} from "@conveyor/contracts";
import { queryClient } from "../app/api";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { getSecuritySettings, securitySettingsKey, updateSecuritySettings } from "./security.api";

/** [anti-leak] The organization's sign-in hardening, in the settings (admins). */
export const SecuritySettingsSection = () => {
  const settings = useQuery({ queryKey: securitySettingsKey, queryFn: getSecuritySettings });
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <PageLoader />;
  return <SecuritySettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />;
};

const SecuritySettingsForm = ({ settings }: { settings: SecuritySettings }) => {
  const { t } = useTranslation();
  const [idle, setIdle] = useState<number | string>(settings.idleTimeoutMinutes);
  const [absolute, setAbsolute] = useState<number | string>(settings.absoluteTimeoutHours);
  const [requireTwoFactor, setRequireTwoFactor] = useState(settings.requireTwoFactor);
  const [allowList, setAllowList] = useState(settings.ipAllowList.join("\n"));
  const mutation = useMutation({
    mutationFn: updateSecuritySettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(securitySettingsKey, saved);
      notifications.show({ color: "green", message: t("security.settings.saved") });
    },
  });
  const entries = allowList.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  // The server names a bad entry as ipAllowList.<index>; show the first under the list.
  const listError =
    fieldErrorMessage(t, mutation.error, "ipAllowList") ??
    entries.map((_, i) => fieldErrorMessage(t, mutation.error, `ipAllowList.${i}`)).find((m) => m !== undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({
      idleTimeoutMinutes: Number(idle),
      absoluteTimeoutHours: Number(absolute),
      requireTwoFactor,
      ipAllowList: entries,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" data-testid="security-settings">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t("security.settings.idle")}
            min={minIdleTimeoutMinutes}
            max={maxIdleTimeoutMinutes}
            value={idle}
            onChange={setIdle}
            error={fieldErrorMessage(t, mutation.error, "idleTimeoutMinutes")}
            data-testid="security-idle"
          />
          <NumberInput
            label={t("security.settings.absolute")}
            min={minAbsoluteTimeoutHours}
            max={maxAbsoluteTimeoutHours}
            value={absolute}
            onChange={setAbsolute}
            error={fieldErrorMessage(t, mutation.error, "absoluteTimeoutHours")}
            data-testid="security-absolute"
          />
        </SimpleGrid>
        <Checkbox
          label={t("security.settings.requireTwoFactor")}
          description={t("security.settings.requireTwoFactorHint")}
          checked={requireTwoFactor}
          onChange={(e) => setRequireTwoFactor(e.currentTarget.checked)}
          data-testid="security-require-two-factor"
        />
        <Textarea
          label={t("security.settings.ipAllowList")}
          description={t("security.settings.ipAllowListHint")}
          autosize
          minRows={2}
          dir="ltr"
          value={allowList}
          onChange={(e) => setAllowList(e.currentTarget.value)}
          error={listError}
          data-testid="security-ip-allow-list"
        />
        {settings.currentIp && (
          <Text size="xs" c="dimmed">
            {t("security.settings.currentIp", { ip: settings.currentIp })}
          </Text>
        )}
        {mutation.isError && !listError && !fieldErrorMessage(t, mutation.error, "idleTimeoutMinutes") && (
          <Alert color="red" role="alert">
            {problemMessage(t, mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} data-testid="security-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
