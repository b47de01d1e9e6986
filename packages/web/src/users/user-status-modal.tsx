import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { User } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { deactivateUser, reactivateUser, usersKey } from "./users.api";

type UserStatusModalProps = { user: User | null; onClose: () => void };

/** Confirms deactivation or reactivation, whichever applies to the person's current status. */
export const UserStatusModal = ({ user, onClose }: UserStatusModalProps) => {
  const { t } = useTranslation();
  const deactivating = user?.status === "active";
  const title = user
    ? deactivating
      ? t("users.deactivateTitle", { name: user.name })
      : t("users.reactivateTitle", { name: user.name })
    : "";
  return (
    <Modal opened={user !== null} onClose={onClose} title={title}>
      {user && <UserStatusConfirm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
};

const UserStatusConfirm = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deactivating = user.status === "active";
  const mutation = useMutation({
    mutationFn: () => (deactivating ? deactivateUser(user.id) : reactivateUser(user.id)),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      notifications.show({
        color: "green",
        message: deactivating
          ? t("users.deactivated", { name: updated.name })
          : t("users.reactivated", { name: updated.name }),
      });
      onClose();
    },
  });

  return (
    <Stack gap="md">
      <Text size="sm">{deactivating ? t("users.deactivateText") : t("users.reactivateText")}</Text>
      {mutation.isError && (
        <Alert color="red" role="alert" data-testid="user-status-error">
          {problemMessage(t, mutation.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button
          color={deactivating ? "red" : "blue"}
          loading={mutation.isPending}
          onClick={() => mutation.mutate()}
          data-testid="user-status-confirm"
        >
          {deactivating ? t("users.deactivate") : t("users.reactivate")}
        </Button>
      </Group>
    </Stack>
  );
};
