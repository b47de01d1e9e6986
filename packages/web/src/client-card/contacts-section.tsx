import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Anchor, Badge, Button, Card, Group, Menu, Modal, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Contact } from "@conveyor/contracts";
import { MailIcon, PhoneIcon } from "../activities/timeline-icons";
import { clientsKey, deleteContact } from "../clients/clients.api";
import { isMaskedValue, RevealableValues } from "../export-control/reveal-button";
import { problemMessage } from "../ui/errors";
import { ContactModal, type ContactDialog } from "./contact-modal";

const DotsIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    <circle cx="5" cy="12" r="2" />
    <circle cx="12" cy="12" r="2" />
    <circle cx="19" cy="12" r="2" />
  </svg>
);

const ContactRow = ({ contact, onEdit, onDelete }: { contact: Contact; onEdit: () => void; onDelete: () => void }) => {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" py="xs" data-testid={`contact-row-${contact.name}`}>
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group gap="xs">
          <Text fw={500} size="sm">
            {contact.name}
          </Text>
          {contact.isDecisionMaker && (
            <Badge size="xs" color="violet" variant="light" data-testid="contact-decision-maker-badge">
              {t("contacts.decisionMaker")}
            </Badge>
          )}
        </Group>
        {contact.position && (
          <Text size="xs" c="dimmed">
            {contact.position}
          </Text>
        )}
        {/* [anti-leak] masked for roles without "reveal": a Show button asks for the real values. */}
        {contact.phones.some(isMaskedValue) ? (
          <RevealableValues contactId={contact.id} field="phones" values={contact.phones} />
        ) : contact.phones.map((phone) => (
          <Group key={phone} gap={6} wrap="nowrap">
            <PhoneIcon />
            <Anchor href={`tel:${phone}`} size="sm" dir="ltr">
              {phone}
            </Anchor>
          </Group>
        ))}
        {contact.emails.some(isMaskedValue) ? (
          <RevealableValues contactId={contact.id} field="emails" values={contact.emails} />
        ) : contact.emails.map((email) => (
          <Group key={email} gap={6} wrap="nowrap">
            <MailIcon />
            <Anchor href={`mailto:${email}`} size="sm" dir="ltr" style={{ wordBreak: "break-all" }}>
              {email}
            </Anchor>
          </Group>
        ))}
      </Stack>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t("contacts.actions", { name: contact.name })}
            data-testid={`contact-actions-${contact.name}`}
          >
            <DotsIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEdit} data-testid="contact-edit">
            {t("contacts.edit")}
          </Menu.Item>
          <Menu.Item color="red" onClick={onDelete} data-testid="contact-delete">
            {t("contacts.delete")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
};

const DeleteContactModal = ({ contact, onClose }: { contact: Contact | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (id: string) => deleteContact(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("contacts.deleted") });
      onClose();
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  return (
    <Modal opened={contact !== null} onClose={onClose} title={contact ? t("contacts.deleteTitle", { name: contact.name }) : ""}>
      <Stack gap="md">
        <Text size="sm">{t("contacts.deleteText")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            loading={mutation.isPending}
            onClick={() => contact && mutation.mutate(contact.id)}
            data-testid="contact-delete-confirm"
          >
            {t("contacts.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};

export const ContactsSection = ({ companyId, contacts }: { companyId: string; contacts: Contact[] }) => {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<ContactDialog>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="contacts">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t("card.contacts")}
        </Title>
        <Button size="xs" variant="light" onClick={() => setDialog("new")} data-testid="contact-add">
          {t("contacts.add")}
        </Button>
      </Group>
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("card.noContacts")}
        </Text>
      ) : (
        <Stack gap={0}>
          {contacts.map((contact) => (
            <ContactRow
              key={contact.id}
              contact={contact}
              onEdit={() => setDialog(contact)}
              onDelete={() => setDeleting(contact)}
            />
          ))}
        </Stack>
      )}
      <ContactModal companyId={companyId} dialog={dialog} onClose={() => setDialog(null)} />
      <DeleteContactModal contact={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
};
