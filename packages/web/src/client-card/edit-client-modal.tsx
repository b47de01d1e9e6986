import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Company } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { draftFromCompany, draftToUpdate, type ClientDraft } from "../clients/client-draft";
import { clientFormFields, ClientFormFields } from "../clients/client-form-fields";
import { clientsKey, updateCompany } from "../clients/clients.api";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { isExplainedByFields, isOnlyFieldErrors, problemMessage } from "../ui/errors";

type EditClientModalProps = { company: Company | null; onClose: () => void };

export const EditClientModal = ({ company, onClose }: EditClientModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal
      opened={company !== null}
      onClose={onClose}
      title={company ? t("clientForm.editTitle", { name: company.name }) : ""}
      size="lg"
    >
      {company && <EditClientForm key={company.id} company={company} onClose={onClose} />}
    </Modal>
  );
};

const EditClientForm = ({ company, onClose }: { company: Company; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ClientDraft>(() => draftFromCompany(company));
  const customFields = useCustomFields("company");
  const changes = draftToUpdate(company, draft, customFields.fields);
  const mutation = useMutation({
    mutationFn: () => updateCompany(company.id, changes),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("clientForm.saved") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  const error = mutation.error;
  // Custom values the server refused are named under their inputs (`custom.<key>`).
  const explained = isApiError(error, "legal_id_taken") || isOnlyFieldErrors(error, clientFormFields) || isExplainedByFields(error, ["custom"]);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ClientFormFields
          draft={draft}
          onChange={(patch) => setDraft((previous) => ({ ...previous, ...patch }))}
          error={error}
          testIdPrefix="edit-client-"
          withStatus
          currentOwner={{ id: company.ownerId, name: company.ownerName }}
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
            disabled={Object.keys(changes).length === 0 || draft.name.trim() === ""}
            data-testid="edit-client-submit"
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
