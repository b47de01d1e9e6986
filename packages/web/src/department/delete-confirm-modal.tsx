import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { problemMessage } from "../ui/errors";
import { conveyorKey } from "./department.api";

export type DeleteTarget = {
  /** What the title names ("Delete Callers?"). */
  title: string;
  text: string;
  doneMessage: string;
  remove: () => Promise<void>;
};

/**
 * Confirms a deletion and shows why the server refused it, in the reader's language — e.g. a department
 * that still has teams answers 409 `department_in_use`.
 */
export const DeleteConfirmModal = ({ target, onClose }: { target: DeleteTarget | null; onClose: () => void }) => (
  <Modal opened={target !== null} onClose={onClose} title={target?.title ?? ""}>
    {target && <DeleteConfirm key={target.title} target={target} onClose={onClose} />}
  </Modal>
);

const DeleteConfirm = ({ target, onClose }: { target: DeleteTarget; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: target.remove,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conveyorKey });
      notifications.show({ color: "green", message: target.doneMessage });
      onClose();
    },
  });
  return (
    <Stack gap="md">
      <Text size="sm">{target.text}</Text>
      {mutation.isError && (
        <Alert color="red" role="alert" data-testid="delete-error">
          {problemMessage(t, mutation.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()} data-testid="delete-confirm">
          {t("department.teams.delete")}
        </Button>
      </Group>
    </Stack>
  );
};
