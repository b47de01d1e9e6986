import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ApiToken } from "@conveyor/contracts";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { apiTokensKey, createApiToken, revokeApiToken } from "./settings.api";

export const CreateTokenModal = ({ opened, onClose }: { opened: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("settings.createTokenTitle")}
      size="lg"
      // The secret is on screen: a stray click outside must not lose it before it is copied.
      closeOnClickOutside={false}
    >
      {opened && <CreateTokenForm onClose={onClose} />}
    </Modal>
  );
};

const CreateTokenForm = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const mutation = useMutation({
    mutationFn: createApiToken,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });

  if (mutation.data) {
    const { token } = mutation.data;
    return (
      <Stack gap="md" data-testid="api-token-created">
        <Alert color="yellow">{t("settings.tokenShownOnce")}</Alert>
        <Code block dir="ltr" style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }} data-testid="api-token-secret">
          {token}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={token}>
            {({ copied, copy }) => (
              <Button variant={copied ? "light" : "default"} color={copied ? "green" : undefined} onClick={copy}>
                {copied ? t("common.copied") : t("common.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t("settings.tokenCopiedDone")}</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() !== "") mutation.mutate(name.trim());
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("settings.tokenName")}
          placeholder={t("settings.tokenNamePlaceholder")}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrorMessage(t, mutation.error, "name")}
          data-testid="api-token-name"
        />
        {mutation.isError && !isOnlyFieldErrors(mutation.error, ["name"]) && (
          <Alert color="red" role="alert">
            {problemMessage(t, mutation.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            loading={mutation.isPending}
            disabled={name.trim() === ""}
            data-testid="api-token-create-submit"
          >
            {t("settings.createToken")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

export const RevokeTokenModal = ({ token, onClose }: { token: ApiToken | null; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal opened={token !== null} onClose={onClose} title={token ? t("settings.revokeTitle", { name: token.name }) : ""}>
      {token && <RevokeTokenConfirm key={token.id} token={token} onClose={onClose} />}
    </Modal>
  );
};

const RevokeTokenConfirm = ({ token, onClose }: { token: ApiToken; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => revokeApiToken(token.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: apiTokensKey });
      notifications.show({ color: "green", message: t("settings.revoked") });
      onClose();
    },
  });
  return (
    <Stack gap="md">
      <Text size="sm">{t("settings.revokeText")}</Text>
      {mutation.isError && (
        <Alert color="red" role="alert">
          {problemMessage(t, mutation.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()} data-testid="api-token-revoke-confirm">
          {t("settings.revoke")}
        </Button>
      </Group>
    </Stack>
  );
};
