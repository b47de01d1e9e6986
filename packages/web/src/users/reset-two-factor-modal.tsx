import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { User } from "@conveyor/contracts";
import { resetTwoFactorOf } from "../security/security.api";
import { problemMessage } from "../ui/errors";
import { usersKey } from "./users.api";

type ResetTwoFactorModalProps = { user: User | null; onClose: () => void };

/**
 * [anti-leak] An admin clears a person's two-factor sign-in (a lost phone and lost recovery codes) after a
 * confirmation: their sessions end, the audit log keeps who did it.
 */
export const ResetTwoFactorModal = ({ user, onClose }: ResetTwoFactorModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t("users.resetTwoFactorTitle", { name: user.name }) : ""}>
      {user && <ResetTwoFactorConfirm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
};

const ResetTwoFactorConfirm = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => resetTwoFactorOf(user.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      notifications.show({ color: "green", message: t("users.resetTwoFactorDone", { name: user.name }) });
      onClose();
    },
  });
  return (
    <Stack gap="md">
      <Text size="sm">{t("users.resetTwoFactorText")}</Text>
      {mutation.isError && (
        <Alert color="red" role="alert" data-testid="reset-two-factor-error">
          {problemMessage(t, mutation.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()} data-testid="reset-two-factor-confirm">
          {t("users.resetTwoFactor")}
        </Button>
      </Group>
    </Stack>
  );
};
