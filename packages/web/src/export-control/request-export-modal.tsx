import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ExportEntity } from "@conveyor/contracts";
import { problemMessage } from "../ui/errors";
import { exportControlKey, requestExport } from "./export-control.api";

/** M1.5: an export past the threshold becomes a request to the heads of sales, with a reason. */
export const RequestExportModal = ({ entity, query, onClose }: { entity: ExportEntity; query: Record<string, string> | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const send = useMutation({
    mutationFn: () => requestExport(entity, query ?? {}, reason),
    onSuccess: () => {
      notifications.show({ message: t("exportControl.request.sent"), color: "green" });
      void queryClient.invalidateQueries({ queryKey: exportControlKey });
      setReason("");
      onClose();
    },
  });
  return (
    <Modal opened={query !== null} onClose={onClose} title={t("exportControl.request.title")} data-testid="export-request-modal">
      <Stack gap="sm">
        <Text size="sm">{t("exportControl.request.text")}</Text>
        <Textarea label={t("exportControl.request.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} autosize minRows={2} data-testid="export-request-reason" />
        {send.isError && <Alert color="red">{problemMessage(t, send.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => send.mutate()} loading={send.isPending} data-testid="export-request-submit">
            {t("exportControl.request.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
