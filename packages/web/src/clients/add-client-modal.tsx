import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/client";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { isExplainedByFields, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { draftToCreate, emptyClientDraft, type ClientDraft } from "./client-draft";
import { clientFormFields, ClientFormFields } from "./client-form-fields";
import { clientsKey, createCompany } from "./clients.api";

type AddClientModalProps = { opened: boolean; onClose: () => void };

export const AddClientModal = ({ opened, onClose }: AddClientModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("clientForm.addTitle")} size="lg">
      {opened && <AddClientForm onClose={onClose} />}
    </Modal>
  );
};

const AddClientForm = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ClientDraft>(emptyClientDraft);
  const customFields = useCustomFields("company");
  const mutation = useMutation({
    mutationFn: () => createCompany(draftToCreate(draft, customFields.fields)),
    onSuccess: (company) => {
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("clientForm.created", { name: company.name }) });
      onClose();
      void navigate(`/clients/${company.id}`);
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  const error = mutation.error;
  // A taken legal ID is explained under its field; the server names the field in errors[].
  const explained = isApiError(error, "legal_id_taken") || isOnlyFieldErrors(error, clientFormFields) || isExplainedByFields(error, ["custom"]);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ClientFormFields
          draft={draft}
          onChange={(patch) => setDraft((previous) => ({ ...previous, ...patch }))}
          error={error}
          testIdPrefix="add-client-"
        />
        {mutation.isError && !explained && (
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
            disabled={draft.name.trim() === ""}
            data-testid="add-client-submit"
          >
            {t("clientForm.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
