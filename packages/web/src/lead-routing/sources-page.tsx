import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Alert, Badge, Button, Card, Group, Menu, Modal, Stack, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { CreatedLeadSource, LeadSource } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { SectionHeader } from "../department/section-header";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { checkLeadSourceMailbox, deleteLeadSource, leadSourcesKey, listLeadSources, pollLeadSource, rotateLeadSourceSecret, updateLeadSource } from "./lead-routing.api";
import { editableSourceKinds, isEditableKind, type EditableSourceKind } from "./source-draft";
import { MailboxCheckAnswer, SourceModal } from "./source-modal";
import { FormPublish, WebhookPublish } from "./source-publish";

const DotsIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    <circle cx="5" cy="12" r="2" />
    <circle cx="12" cy="12" r="2" />
    <circle cx="19" cy="12" r="2" />
  </svg>
);

type Dialog =
  | { kind: "add"; sourceKind: EditableSourceKind }
  | { kind: "edit"; source: LeadSource }
  | { kind: "details"; source: LeadSource; secret: string | null }
  | { kind: "delete"; source: LeadSource }
  | null;

const kindColor = (kind: LeadSource["kind"]): string => {
  switch (kind) {
    case "form":
      return "blue";
    case "webhook":
      return "grape";
    case "email":
      return "teal";
    case "manual":
    case "import":
      return "gray";
  }
};

/** What a source needs to be used: a form's link and snippet, a webhook's endpoint and secret, a mailbox's check and reading now. */
const SourceDetails = ({ source, secret: initialSecret }: { source: LeadSource; secret: string | null }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState(initialSecret);
  const rotate = useMutation({
    mutationFn: () => rotateLeadSourceSecret(source.id),
    onSuccess: (answer) => setSecret(answer.secret),
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  const check = useMutation({ mutationFn: () => checkLeadSourceMailbox(source.id) });
  const poll = useMutation({
    mutationFn: () => pollLeadSource(source.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadSourcesKey }),
  });

  switch (source.kind) {
    case "form":
      return <FormPublish publicKey={source.publicKey} />;
    case "webhook":
      return <WebhookPublish publicKey={source.publicKey} secret={secret} onRotate={() => rotate.mutate()} rotating={rotate.isPending} />;
    case "email":
      return (
        <Stack gap="sm" data-testid="email-details">
          <Text size="sm" dir="ltr">
            {source.email ? `${source.email.user} @ ${source.email.host}:${source.email.port} / ${source.email.mailbox}` : ""}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="light" loading={check.isPending} onClick={() => check.mutate()} data-testid="email-details-check">
              {t("leadRouting.email.check")}
            </Button>
            <Button size="xs" variant="default" loading={poll.isPending} disabled={!source.enabled} onClick={() => poll.mutate()} data-testid="email-details-poll">
              {t("leadRouting.email.pollNow")}
            </Button>
          </Group>
          {check.isSuccess && <MailboxCheckAnswer check={check.data} />}
          {poll.isSuccess && (
            <Alert color={poll.data.error ? "red" : "green"} data-testid="email-poll-answer">
              <Text size="sm">{t("leadRouting.email.pollDone", { read: poll.data.read, leads: poll.data.leads, replies: poll.data.replies, duplicates: poll.data.duplicates })}</Text>
              {poll.data.error && (
                <Text size="sm" dir="auto">
                  {poll.data.error}
                </Text>
              )}
            </Alert>
          )}
          {(check.isError || poll.isError) && (
            <Alert color="red" role="alert">
              {problemMessage(t, check.error ?? poll.error)}
            </Alert>
          )}
        </Stack>
      );
    case "manual":
    case "import":
      return <Text size="sm">{t("leadRouting.sources.systemSource")}</Text>;
  }
};

const DeleteSourceModal = ({ source, onClose }: { source: LeadSource | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: deleteLeadSource,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: leadSourcesKey });
      notifications.show({ color: "green", message: t("leadRouting.sources.deleted") });
      onClose();
    },
  });
  return (
    <Modal opened={source !== null} onClose={onClose} title={source ? t("leadRouting.sources.deleteTitle", { name: source.name }) : ""}>
      <Stack gap="md">
        <Text size="sm">{source && source.leadsTotal > 0 ? t("leadRouting.sources.deleteUsed") : t("leadRouting.sources.deleteText")}</Text>
        {mutation.isError && (
          <Text size="sm" c="red" role="alert">
            {problemMessage(t, mutation.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" loading={mutation.isPending} onClick={() => source && mutation.mutate(source.id)} data-testid="source-delete-confirm">
            {t("leadRouting.sources.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};

/**
 * M5.5 lead sources: web forms (built here, hosted and embeddable), signed webhooks and mailboxes, with how many
 * leads each brought today and in all, and the last error a mailbox answered.
 */
export const SourcesPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const sources = useQuery({ queryKey: leadSourcesKey, queryFn: listLeadSources });
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const toggle = useMutation({
    mutationFn: (source: LeadSource) => updateLeadSource(source.id, { enabled: !source.enabled }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: leadSourcesKey });
      notifications.show({ message: saved.enabled ? t("leadRouting.sources.switchedOn", { name: saved.name }) : t("leadRouting.sources.switchedOff", { name: saved.name }) });
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });

  const created = (source: CreatedLeadSource) => setDialog({ kind: "details", source, secret: source.secret });
  const editing = dialog?.kind === "edit" ? dialog.source : null;
  const adding = dialog?.kind === "add" ? dialog.sourceKind : null;

  return (
    <Stack gap="lg" maw={1180} data-testid="lead-sources-page">
      <SectionHeader
        title={t("leadRouting.sources.title")}
        hint={t("leadRouting.sources.hint")}
        actions={
          <Menu position="bottom-end">
            <Menu.Target>
              <Button data-testid="source-add">{t("leadRouting.sources.add")}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {editableSourceKinds.map((kind) => (
                <Menu.Item key={kind} onClick={() => setDialog({ kind: "add", sourceKind: kind })} data-testid={`source-add-${kind}`}>
                  <Stack gap={0}>
                    <Text size="sm">{t(`leadRouting.sources.kinds.${kind}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`leadRouting.sources.kindHints.${kind}`)}
                    </Text>
                  </Stack>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        }
      />
      <Card withBorder radius="md" padding={0}>
        {sources.isPending ? (
          <PageLoader />
        ) : sources.isError ? (
          <LoadError error={sources.error} onRetry={() => void sources.refetch()} />
        ) : sources.data.length === 0 ? (
          <Text size="sm" c="dimmed" p="lg" data-testid="lead-sources-empty">
            {t("leadRouting.sources.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="lead-sources-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("leadRouting.sources.name")}</Table.Th>
                  <Table.Th>{t("leadRouting.sources.kind")}</Table.Th>
                  <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.sources.today")}</Table.Th>
                  <Table.Th style={{ textAlign: "end" }}>{t("leadRouting.sources.total")}</Table.Th>
                  <Table.Th>{t("leadRouting.sources.state")}</Table.Th>
                  <Table.Th>{t("leadRouting.sources.health")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sources.data.map((source) => {
                  const editable = isEditableKind(source.kind);
                  return (
                    <Table.Tr key={source.id} data-testid={`lead-source-${source.name}`}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          <bdi>{source.name}</bdi>
                        </Text>
                        {source.channel && (
                          <Text size="xs" c="dimmed">
                            {t("leadRouting.sources.channelIs", { channel: source.channel })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={kindColor(source.kind)}>
                          {t(`leadRouting.sources.kinds.${source.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ textAlign: "end" }} data-testid="lead-source-today">
                        {formatNumber(locale, source.leadsToday)}
                      </Table.Td>
                      <Table.Td style={{ textAlign: "end" }}>{formatNumber(locale, source.leadsTotal)}</Table.Td>
                      <Table.Td>
                        <Switch
                          checked={source.enabled}
                          disabled={toggle.isPending && toggle.variables.id === source.id}
                          onChange={() => toggle.mutate(source)}
                          aria-label={t("leadRouting.sources.enabledLabel", { name: source.name })}
                          data-testid="lead-source-enabled"
                        />
                      </Table.Td>
                      <Table.Td maw={280}>
                        {source.lastError ? (
                          <Text size="xs" c="red" dir="auto" lineClamp={2} title={source.lastError} data-testid="lead-source-error">
                            {source.lastError}
                          </Text>
                        ) : source.kind === "email" ? (
                          <Text size="xs" c="dimmed">
                            {source.lastPolledAt
                              ? t("leadRouting.sources.lastRead", { at: formatDateTime(locale, source.lastPolledAt, organization.timeZone) })
                              : t("leadRouting.sources.neverRead")}
                          </Text>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t("leadRouting.sources.ok")}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {editable && (
                            <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: "details", source, secret: null })} data-testid="lead-source-details">
                              {t(`leadRouting.sources.detailsAction.${source.kind}`)}
                            </Button>
                          )}
                          {editable && (
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <ActionIcon variant="subtle" color="gray" aria-label={t("leadRouting.sources.actions", { name: source.name })} data-testid="lead-source-actions">
                                  <DotsIcon />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item onClick={() => setDialog({ kind: "edit", source })} data-testid="lead-source-edit">
                                  {t("leadRouting.sources.edit")}
                                </Menu.Item>
                                <Menu.Item color="red" onClick={() => setDialog({ kind: "delete", source })} data-testid="lead-source-delete">
                                  {t("leadRouting.sources.delete")}
                                </Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <SourceModal
        opened={adding !== null || editing !== null}
        source={editing}
        kind={adding ?? (editing && isEditableKind(editing.kind) ? editing.kind : "form")}
        onClose={close}
        onCreated={created}
      />
      <Modal
        opened={dialog?.kind === "details"}
        onClose={close}
        size="lg"
        title={dialog?.kind === "details" ? t(`leadRouting.sources.detailsTitle.${isEditableKind(dialog.source.kind) ? dialog.source.kind : "form"}`, { name: dialog.source.name }) : ""}
      >
        {dialog?.kind === "details" && <SourceDetails key={dialog.source.id} source={dialog.source} secret={dialog.secret} />}
      </Modal>
      <DeleteSourceModal source={dialog?.kind === "delete" ? dialog.source : null} onClose={close} />
    </Stack>
  );
};
