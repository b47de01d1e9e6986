import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Contact } from "@conveyor/contracts";
import { clientsKey, createContact, updateContact } from "../clients/clients.api";
import { fieldErrorMessage, isExplainedByFields, problemMessage } from "../ui/errors";

/** Null: closed; "new": adding; a contact: editing it. */
export type ContactDialog = "new" | Contact | null;

type ContactModalProps = { companyId: string; dialog: ContactDialog; onClose: () => void };

export const ContactModal = ({ companyId, dialog, onClose }: ContactModalProps) => {
  const { t } = useTranslation();
  const contact = dialog === "new" ? null : dialog;
  return (
    <Modal
      opened={dialog !== null}
      onClose={onClose}
      title={contact ? t("contacts.editTitle", { name: contact.name }) : t("contacts.addTitle")}
    >
      {dialog !== null && <ContactForm key={contact?.id ?? "new"} companyId={companyId} contact={contact} onClose={onClose} />}
    </Modal>
  );
};

const XIcon = () => (
  <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);

/** Several phones or emails: one input each, always at least one, blanks dropped on save. */
const MultiInput = ({
  label,
  itemLabel,
  addLabel,
  values,
  onChange,
  field,
  type,
  error,
}: {
  label: string;
  itemLabel: (n: number) => string;
  addLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  field: "phone" | "email";
  type: "tel" | "email";
  error: (index: number) => string | undefined;
}) => {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {values.map((value, index) => (
        <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            style={{ flex: 1 }}
            type={type}
            dir="ltr"
            aria-label={itemLabel(index + 1)}
            value={value}
            onChange={(e) => onChange(values.map((v, i) => (i === index ? e.currentTarget.value : v)))}
            error={error(index)}
            data-testid={`contact-${field}-${index}`}
          />
          {values.length > 1 && (
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={6}
              aria-label={t("contacts.remove")}
              onClick={() => onChange(values.filter((_, i) => i !== index))}
              data-testid={`contact-${field}-remove-${index}`}
            >
              <XIcon />
            </ActionIcon>
          )}
        </Group>
      ))}
      {values.length < 10 && (
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ alignSelf: "flex-start" }}
          onClick={() => onChange([...values, ""])}
          data-testid={`contact-${field}-add`}
        >
          {addLabel}
        </Button>
      )}
    </Stack>
  );
};

const nonBlank = (values: string[]) => values.map((v) => v.trim()).filter(Boolean);

const ContactForm = ({ companyId, contact, onClose }: { companyId: string; contact: Contact | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(contact?.name ?? "");
  const [position, setPosition] = useState(contact?.position ?? "");
  const [phones, setPhones] = useState<string[]>(contact && contact.phones.length > 0 ? contact.phones : [""]);
  const [emails, setEmails] = useState<string[]>(contact && contact.emails.length > 0 ? contact.emails : [""]);
  const [isDecisionMaker, setIsDecisionMaker] = useState(contact?.isDecisionMaker ?? false);

  // Blank inputs are dropped before sending, so the server's "phones.N" counts only the filled ones.
  const filledPhoneIndexes = phones.flatMap((v, i) => (v.trim() ? [i] : []));
  const filledEmailIndexes = emails.flatMap((v, i) => (v.trim() ? [i] : []));

  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        position: position.trim() || null,
        phones: nonBlank(phones),
        emails: nonBlank(emails),
        isDecisionMaker,
      };
      return contact ? updateContact(contact.id, body) : createContact(companyId, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("contacts.saved") });
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate();
  };

  const error = mutation.error;
  const listError = (prefix: "phones" | "emails", filled: number[]) => (index: number) => {
    const sent = filled.indexOf(index);
    if (sent < 0) return undefined;
    return fieldErrorMessage(t, error, `${prefix}.${sent}`) ?? (sent === 0 ? fieldErrorMessage(t, error, prefix) : undefined);
  };
  const fields = ["name", "position", "phones", "emails", "isDecisionMaker"];
  const explained = isExplainedByFields(error, fields);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("contacts.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "name")}
          data-testid="contact-name"
        />
        <TextInput
          label={t("contacts.position")}
          value={position}
          onChange={(e) => setPosition(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "position")}
          data-testid="contact-position"
        />
        <MultiInput
          label={t("contacts.phones")}
          itemLabel={(number) => t("contacts.phone", { number })}
          addLabel={t("contacts.addPhone")}
          values={phones}
          onChange={setPhones}
          field="phone"
          type="tel"
          error={listError("phones", filledPhoneIndexes)}
        />
        <MultiInput
          label={t("contacts.emails")}
          itemLabel={(number) => t("contacts.email", { number })}
          addLabel={t("contacts.addEmail")}
          values={emails}
          onChange={setEmails}
          field="email"
          type="email"
          error={listError("emails", filledEmailIndexes)}
        />
        <Checkbox
          label={t("contacts.decisionMaker")}
          checked={isDecisionMaker}
          onChange={(e) => setIsDecisionMaker(e.currentTarget.checked)}
          data-testid="contact-decision-maker"
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
          <Button type="submit" loading={mutation.isPending} disabled={name.trim() === ""} data-testid="contact-submit">
            {t("contacts.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
