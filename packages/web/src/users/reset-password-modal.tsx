import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { minPasswordLength, type User } from "@conveyor/contracts";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { generatePassword } from "./generate-password";
import { IssuedPassword, TemporaryPasswordInput } from "./temporary-password-input";
import { resetUserPassword, usersKey } from "./users.api";

type ResetPasswordModalProps = { user: User | null; onClose: () => void };

export const ResetPasswordModal = ({ user, onClose }: ResetPasswordModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t("users.resetTitle", { name: user.name }) : ""}>
      {user && <ResetPasswordForm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
};

const ResetPasswordForm = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState(() => generatePassword());
  const [localError, setLocalError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => resetUserPassword(user.id, password),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });

  if (mutation.isSuccess) {
    return (
      <Stack gap="md" data-testid="password-reset-done">
        <Text size="sm">{t("users.resetDone", { name: user.name })}</Text>
        <IssuedPassword password={password} />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.close")}</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < minPasswordLength) {
      setLocalError(t("validation.passwordTooShort", { min: minPasswordLength }));
      return;
    }
    setLocalError(undefined);
    mutation.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TemporaryPasswordInput
          value={password}
          onChange={setPassword}
          error={localError ?? fieldErrorMessage(t, mutation.error, "temporaryPassword")}
        />
        <Text size="xs" c="dimmed">
          {t("users.temporaryPasswordHint")}
        </Text>
        {mutation.isError && !isOnlyFieldErrors(mutation.error, ["temporaryPassword"]) && (
          <Alert color="red" role="alert">
            {problemMessage(t, mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="reset-password-submit">
            {t("users.resetSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
