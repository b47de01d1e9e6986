import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Role, User } from "@conveyor/contracts";
import { updateSessionUser } from "../auth/session";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { roleOptions } from "./role-options";
import { updateUser, usersKey } from "./users.api";

type EditUserModalProps = { user: User | null; onClose: () => void };

export const EditUserModal = ({ user, onClose }: EditUserModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t("users.editTitle", { name: user.name }) : ""}>
      {user && <EditUserForm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
};

const EditUserForm = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const mutation = useMutation({
    mutationFn: () =>
      updateUser(user.id, {
        ...(name.trim() !== user.name ? { name: name.trim() } : {}),
        ...(role !== user.role ? { role } : {}),
      }),
    onSuccess: (updated) => {
      // Editing oneself changes the header and the menu too.
      updateSessionUser(updated);
      void queryClient.invalidateQueries({ queryKey: usersKey });
      notifications.show({ color: "green", message: t("users.updated") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  const unchanged = name.trim() === user.name && role === user.role;
  const error = mutation.error;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("users.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "name")}
          data-testid="edit-user-name"
        />
        <Select<Role>
          label={t("users.role")}
          allowDeselect={false}
          data={roleOptions(t)}
          value={role}
          onChange={(value) => value && setRole(value)}
          error={fieldErrorMessage(t, error, "role")}
          data-testid="edit-user-role"
        />
        {mutation.isError && !isOnlyFieldErrors(error, ["name", "role"]) && (
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
            disabled={unchanged || name.trim() === ""}
            data-testid="edit-user-submit"
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
