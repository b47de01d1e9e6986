import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { temperatureSchema } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { clientsKey } from "../clients/clients.api";
import { temperatureOptions } from "../clients/client-options";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { draftToLeadInput, emptyLeadDraft, leadTextFields, type LeadDraft, type LeadTextField } from "./lead-draft";
import { createLead, leadsKey } from "./leads.api";

/** The server's word under a field; the contract's "a phone, an email or a name" rule is said in the reader's language. */
const fieldMessage = (t: TFunction, error: unknown, field: LeadTextField): string | undefined => {
  if (field === "phone" && isApiError(error, "validation_failed") && error.fieldError("phone")?.code === "custom") return t("leads.new.reachRequired");
  return fieldErrorMessage(t, error, field);
};

type NewLeadModalProps = { opened: boolean; onClose: () => void; onCreated: (leadId: string) => void };

/** "New lead" (M5.5): a lead taken by phone or at a meeting goes through the same intake as every other one. */
export const NewLeadModal = ({ opened, onClose, onCreated }: NewLeadModalProps) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("leads.new.title")} size="lg">
      {opened && <NewLeadForm onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
};

const NewLeadForm = ({ onClose, onCreated }: Omit<NewLeadModalProps, "opened">) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<LeadDraft>(emptyLeadDraft);
  const set = (patch: Partial<LeadDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const mutation = useMutation({
    mutationFn: () => createLead(draftToLeadInput(draft)),
    onSuccess: (receipt) => {
      void queryClient.invalidateQueries({ queryKey: leadsKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      const client = draft.companyName.trim() || draft.name.trim() || draft.phone.trim() || draft.email.trim();
      notifications.show({
        color: "green",
        message: receipt.duplicate ? t("leads.new.duplicate") : t("leads.new.created", { client }),
      });
      onClose();
      onCreated(receipt.id);
    },
  });
  const error = mutation.error;
  const explained = isOnlyFieldErrors(error, leadTextFields);

  const text = (field: LeadTextField, props: { type?: string; dir?: "ltr" | "auto"; autoComplete?: string } = {}) => (
    <TextInput
      label={t(`leads.field.${field}`)}
      value={draft[field]}
      onChange={(event) => set({ [field]: event.currentTarget.value })}
      error={fieldMessage(t, error, field)}
      data-testid={`new-lead-${field}`}
      {...props}
    />
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="new-lead-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("leads.new.hint")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text("name", { autoComplete: "name" })}
          {text("companyName", { autoComplete: "organization" })}
          {text("phone", { type: "tel", dir: "ltr", autoComplete: "tel" })}
          {text("email", { type: "email", dir: "ltr", autoComplete: "email" })}
        </SimpleGrid>
        <Textarea
          label={t("leads.field.message")}
          autosize
          minRows={2}
          maxRows={6}
          value={draft.message}
          onChange={(event) => set({ message: event.currentTarget.value })}
          error={fieldMessage(t, error, "message")}
          data-testid="new-lead-message"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text("region")}
          {text("productInterest")}
          {text("audience")}
          {text("channel")}
          <Select
            label={t("leads.field.temperature")}
            placeholder={t("leads.new.temperatureDefault")}
            clearable
            data={temperatureOptions(t)}
            value={draft.temperature}
            onChange={(value) => {
              const parsed = temperatureSchema.safeParse(value);
              set({ temperature: parsed.success ? parsed.data : null });
            }}
            data-testid="new-lead-temperature"
          />
        </SimpleGrid>
        {mutation.isError && !explained && (
          <Alert color="red" role="alert" data-testid="new-lead-error">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="new-lead-submit">
            {t("leads.new.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
