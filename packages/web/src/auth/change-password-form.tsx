import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, PasswordInput, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { minPasswordLength } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { changePassword } from "./auth.api";

type ChangePasswordFormProps = {
  /** The person signed in with a temporary password and must replace it before anything else. */
  forced: boolean;
  onDone: () => void;
};

type LocalErrors = { newPassword?: string; confirm?: string };

export const ChangePasswordForm = ({ forced, onDone }: ChangePasswordFormProps) => {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [localErrors, setLocalErrors] = useState<LocalErrors>({});
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      notifications.show({ color: "green", message: t("changePassword.success") });
      onDone();
    },
  });

  const validate = (): LocalErrors => {
    const errors: LocalErrors = {};
    if (newPassword.length < minPasswordLength) {
      errors.newPassword = t("validation.passwordTooShort", { min: minPasswordLength });
    } else if (newPassword === currentPassword) {
      errors.newPassword = t("validation.passwordMustDiffer");
    }
    if (confirm !== newPassword) errors.confirm = t("validation.passwordsDoNotMatch");
    return errors;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate();
    setLocalErrors(errors);
    if (errors.newPassword || errors.confirm) return;
    mutation.mutate({ currentPassword, newPassword });
  };

  const serverError = mutation.error;
  const currentError = isApiError(serverError, "wrong_password")
    ? t("errors.wrong_password")
    : fieldErrorMessage(t, serverError, "currentPassword");
  const newPasswordServerError =
    isApiError(serverError, "validation_failed") && serverError.fieldError("newPassword")?.code === "custom"
      ? t("validation.passwordMustDiffer")
      : fieldErrorMessage(t, serverError, "newPassword");
  const showBanner =
    mutation.isError &&
    !isApiError(serverError, "wrong_password") &&
    !isOnlyFieldErrors(serverError, ["currentPassword", "newPassword"]);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordInput
          label={forced ? t("changePassword.currentTemporary") : t("changePassword.current")}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={currentError}
          data-testid="change-password-current"
        />
        <PasswordInput
          label={t("changePassword.new")}
          description={t("changePassword.hint", { min: minPasswordLength })}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={localErrors.newPassword ?? newPasswordServerError}
          data-testid="change-password-new"
        />
        <PasswordInput
          label={t("changePassword.confirm")}
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={localErrors.confirm}
          data-testid="change-password-confirm"
        />
        {showBanner && (
          <Alert color="red" role="alert">
            {problemMessage(t, serverError)}
          </Alert>
        )}
        <Button
          type="submit"
          loading={mutation.isPending}
          disabled={currentPassword === "" || newPassword === "" || confirm === ""}
          data-testid="change-password-submit"
        >
          {t("changePassword.submit")}
        </Button>
      </Stack>
    </form>
  );
};
