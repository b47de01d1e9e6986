import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Locale, Role, User } from "@conveyor/contracts";
import { minPasswordLength } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { localeOptions } from "../i18n/locale-options";
import { roleOptions } from "./role-options";
import { IssuedPassword, TemporaryPasswordInput } from "./temporary-password-input";
import { generatePassword } from "./generate-password";
import { createUser, usersKey } from "./users.api";

const fields = ["email", "name", "role", "temporaryPassword", "locale"];

type AddUserModalProps = { opened: boolean; onClose: () => void };

export const AddUserModal = ({ opened, onClose }: AddUserModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("users.addTitle")} size="md">
      {/* Remounted on every opening, so a new person never starts with the previous one's data. */}
      {opened && <AddUserForm onClose={onClose} />}
    </Modal>
  );
};

const AddUserForm = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("seller");
  const [locale, setLocale] = useState<Locale | null>(null);
  const [temporaryPassword, setTemporaryPassword] = useState(() => generatePassword());
  const [created, setCreated] = useState<User | null>(null);
  const [passwordError, setPasswordError] = useState<string | undefined>();

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: (user) => {
      setCreated(user);
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });

  if (created) {
    return (
      <Stack gap="md" data-testid="user-created">
        <Alert color="green">{t("users.created", { name: created.name })}</Alert>
        <Text size="sm">{t("users.createdDetails", { name: created.name })}</Text>
        <Text size="sm" fw={500}>
          <span dir="ltr">{created.email}</span>
        </Text>
        <IssuedPassword password={temporaryPassword} />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.close")}</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (temporaryPassword.length < minPasswordLength) {
      setPasswordError(t("validation.passwordTooShort", { min: minPasswordLength }));
      return;
    }
    setPasswordError(undefined);
    mutation.mutate({ email: email.trim(), name: name.trim(), role, temporaryPassword, locale });
  };

  const error = mutation.error;
  const emailError = isApiError(error, "email_taken") ? t("errors.email_taken") : fieldErrorMessage(t, error, "email");

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("users.email")}
          type="email"
          dir="ltr"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={emailError}
          data-testid="add-user-email"
        />
        <TextInput
          label={t("users.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "name")}
          data-testid="add-user-name"
        />
        <Select<Role>
          label={t("users.role")}
          required
          allowDeselect={false}
          data={roleOptions(t)}
          value={role}
          onChange={(value) => value && setRole(value)}
          error={fieldErrorMessage(t, error, "role")}
          data-testid="add-user-role"
        />
        <Select<Locale>
          label={t("users.locale")}
          placeholder={t("users.localeDefault")}
          clearable
          data={localeOptions(t)}
          value={locale}
          onChange={setLocale}
          error={fieldErrorMessage(t, error, "locale")}
          data-testid="add-user-locale"
        />
        <TemporaryPasswordInput
          value={temporaryPassword}
          onChange={setTemporaryPassword}
          error={passwordError ?? fieldErrorMessage(t, error, "temporaryPassword")}
        />
        <Text size="xs" c="dimmed">
          {t("users.temporaryPasswordHint")}
        </Text>
        {mutation.isError && !isApiError(error, "email_taken") && !isOnlyFieldErrors(error, fields) && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            loading={mutation.isPending}
            disabled={email.trim() === "" || name.trim() === ""}
            data-testid="add-user-submit"
          >
            {t("users.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
