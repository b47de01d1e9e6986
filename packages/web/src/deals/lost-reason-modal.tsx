import { useState, type FormEvent } from "react";
import { Alert, Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { fieldErrorMessage, problemMessage } from "../ui/errors";

type LostReasonModalProps = {
  /** The deal being lost; null keeps the modal closed. */
  dealTitle: string | null;
  pending?: boolean;
  error?: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
};

/** A deal is lost only with its reason (M5.15: where and why clients are lost). */
export const LostReasonModal = ({ dealTitle, pending, error, onSubmit, onClose }: LostReasonModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={dealTitle !== null} onClose={onClose} title={t("lostReason.title", { title: dealTitle ?? "" })}>
      {dealTitle !== null && <LostReasonForm pending={pending} error={error} onSubmit={onSubmit} onClose={onClose} />}
    </Modal>
  );
};

const LostReasonForm = ({ pending, error, onSubmit, onClose }: Omit<LostReasonModalProps, "dealTitle">) => {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim()) onSubmit(reason.trim());
  };
  const fieldError = fieldErrorMessage(t, error, "lostReason");
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Textarea
          label={t("lostReason.label")}
          placeholder={t("lostReason.placeholder")}
          required
          autosize
          minRows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError}
          data-autofocus
          data-testid="lost-reason"
        />
        {error !== undefined && error !== null && !fieldError && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" loading={pending} disabled={reason.trim() === ""} data-testid="lost-reason-submit">
            {t("lostReason.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
