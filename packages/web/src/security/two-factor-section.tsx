import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TwoFactorEnrollment } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { queryClient } from "../app/api";
import { fieldErrorMessage, problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { RecoveryCodesList } from "./recovery-codes-list";
import { confirmEnrollment, disableTwoFactor, getTwoFactor, startEnrollment, twoFactorKey } from "./security.api";
import { EnrollmentKey } from "./two-factor-step";

/** [anti-leak] Two-factor sign-in in the profile: turn on (key, first code, recovery codes once) or off (password). */
export const TwoFactorSection = () => {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: twoFactorKey, queryFn: getTwoFactor });
  const [enrollment, setEnrollment] = useState<TwoFactorEnrollment | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: twoFactorKey });
  const start = useMutation({ mutationFn: startEnrollment, onSuccess: setEnrollment });
  const confirm = useMutation({
    mutationFn: () => confirmEnrollment(code.trim()),
    onSuccess: ({ recoveryCodes }) => {
      setCodes(recoveryCodes);
      setEnrollment(null);
      setCode("");
      refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => disableTwoFactor(password),
    onSuccess: () => {
      setPassword("");
      refresh();
    },
  });

  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate();
  };
  const onDisable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    disable.mutate();
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="profile-two-factor" data-testid="two-factor-section">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="profile-two-factor">
          {t("security.twoFactor.title")}
        </Title>
        {status.data && (
          <Badge color={status.data.enabled ? "green" : "gray"} data-testid="two-factor-status" data-enabled={status.data.enabled ? "yes" : "no"}>
            {status.data.enabled ? t("security.twoFactor.on") : t("security.twoFactor.off")}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("security.twoFactor.intro")}
      </Text>
      {status.isError ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : !status.data ? (
        <PageLoader />
      ) : codes ? (
        <Stack gap="sm" data-testid="two-factor-recovery">
          <Title order={3} size="h5">
            {t("security.twoFactor.recoveryTitle")}
          </Title>
          <Text size="sm">{t("security.twoFactor.recoveryHint")}</Text>
          <RecoveryCodesList codes={codes} />
          <Group justify="flex-end">
            <Button onClick={() => setCodes(null)} data-testid="two-factor-recovery-done">
              {t("security.twoFactor.done")}
            </Button>
          </Group>
        </Stack>
      ) : status.data.enabled ? (
        <form onSubmit={onDisable} noValidate>
          <Stack gap="sm">
            {status.data.required && <Alert color="blue">{t("security.twoFactor.required")}</Alert>}
            <Text size="sm">{t("security.twoFactor.recoveryLeft", { count: status.data.recoveryCodesLeft })}</Text>
            {!status.data.required && (
              <Group align="flex-end">
                <PasswordInput
                  label={t("security.twoFactor.password")}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldErrorMessage(t, disable.error, "password")}
                  autoComplete="current-password"
                  data-testid="two-factor-password"
                />
                <Button type="submit" color="red" variant="light" loading={disable.isPending} disabled={password === ""} data-testid="two-factor-disable">
                  {t("security.twoFactor.disable")}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      ) : enrollment ? (
        <form onSubmit={onConfirm} noValidate>
          <Stack gap="sm">
            <EnrollmentKey enrollment={enrollment} />
            <Group align="flex-end">
              <TextInput
                label={t("security.twoFactor.code")}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                inputMode="numeric"
                autoComplete="one-time-code"
                dir="ltr"
                error={isApiError(confirm.error, "two_factor_invalid") ? t("errors.two_factor_invalid") : fieldErrorMessage(t, confirm.error, "code")}
                data-testid="two-factor-confirm-code"
              />
              <Button type="submit" loading={confirm.isPending} disabled={code.trim() === ""} data-testid="two-factor-confirm">
                {t("security.twoFactor.confirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          {status.data.required && <Alert color="blue">{t("security.twoFactor.required")}</Alert>}
          <Group>
            <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="two-factor-enable">
              {t("security.twoFactor.enable")}
            </Button>
          </Group>
        </Stack>
      )}
      {(start.isError || disable.isError) && !fieldErrorMessage(t, disable.error, "password") && (
        <Alert color="red" mt="sm" role="alert">
          {problemMessage(t, start.error ?? disable.error)}
        </Alert>
      )}
    </Card>
  );
};
