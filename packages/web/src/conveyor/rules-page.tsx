import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Alert, Button, Card, Group, Menu, Modal, Stack, Switch, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { HandoverRule } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { canEditRules } from "./conveyor-access";
import { deleteRule, listRules, previewRule, rulesKey, updateRule } from "./conveyor.api";
import { levelPair } from "./level-words";
import { RuleModal } from "./rule-modal";
import { RulePreview } from "./rule-preview";
import { describeRule } from "./rule-words";
import { useRuleNames } from "./use-rule-names";

const DotsIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    <circle cx="5" cy="12" r="2" />
    <circle cx="12" cy="12" r="2" />
    <circle cx="19" cy="12" r="2" />
  </svg>
);

type Dialog = { kind: "add" } | { kind: "edit" | "delete" | "switch-on"; rule: HandoverRule } | null;

const DeleteRuleModal = ({ rule, onClose }: { rule: HandoverRule | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: deleteRule,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rulesKey });
      notifications.show({ color: "green", message: t("handoverRules.deleted") });
      onClose();
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  return (
    <Modal opened={rule !== null} onClose={onClose} title={rule ? t("handoverRules.deleteTitle", { name: rule.name }) : ""}>
      <Stack gap="md">
        <Text size="sm">{t("handoverRules.deleteText")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" loading={mutation.isPending} onClick={() => rule && mutation.mutate(rule.id)} data-testid="rule-delete-confirm">
            {t("handoverRules.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};

/** Switching a saved rule on from the list shows whom it would move first, like the form does. */
const SwitchOnModal = ({ rule, onClose }: { rule: HandoverRule | null; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal opened={rule !== null} onClose={onClose} size="xl" title={rule ? t("handoverRules.switchOnTitle", { name: rule.name }) : ""}>
      {rule && <SwitchOnBody key={rule.id} rule={rule} onClose={onClose} />}
    </Modal>
  );
};

const SwitchOnBody = ({ rule, onClose }: { rule: HandoverRule; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preview = useQuery({ queryKey: [...rulesKey, "preview", rule.id, rule.updatedAt], queryFn: () => previewRule(rule.rule), staleTime: 0, gcTime: 0 });
  const mutation = useMutation({
    mutationFn: () => updateRule(rule.id, { enabled: true }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rulesKey });
      notifications.show({ color: "green", message: t("handoverRules.switchedOn", { name: rule.name }) });
      onClose();
    },
  });
  return (
    <Stack gap="md">
      <Text size="sm">{t("handoverRules.switchOnText")}</Text>
      {preview.isPending ? (
        <PageLoader />
      ) : preview.isError ? (
        <LoadError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <RulePreview preview={preview.data} />
      )}
      {mutation.isError && (
        <Alert color="red" role="alert">
          {problemMessage(t, mutation.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button disabled={!preview.isSuccess} loading={mutation.isPending} onClick={() => mutation.mutate()} data-testid="rule-switch-on-confirm">
          {t("handoverRules.switchOn")}
        </Button>
      </Group>
    </Stack>
  );
};

const RulesTable = ({ rules, editable, onDialog }: { rules: HandoverRule[]; editable: boolean; onDialog: (dialog: Dialog) => void }) => {
  const { t } = useTranslation();
  const names = useRuleNames();
  const queryClient = useQueryClient();
  const switchOff = useMutation({
    mutationFn: (rule: HandoverRule) => updateRule(rule.id, { enabled: false }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: rulesKey });
      notifications.show({ message: t("handoverRules.switchedOff", { name: saved.name }) });
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="rules-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("handoverRules.column.name")}</Table.Th>
            <Table.Th>{t("handoverRules.column.levels")}</Table.Th>
            <Table.Th>{t("handoverRules.column.rule")}</Table.Th>
            <Table.Th>{t("handoverRules.column.enabled")}</Table.Th>
            {editable && (
              <Table.Th>
                <VisuallyHidden>{t("handoverRules.column.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => (
            <Table.Tr key={rule.id} data-testid={`rule-row-${rule.name}`} data-enabled={rule.enabled || undefined}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  <bdi>{rule.name}</bdi>
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{levelPair(t, rule.fromLevel, rule.toLevel)}</Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="rule-words">
                  {describeRule(t, rule.rule, names)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={rule.enabled}
                  disabled={!editable || (switchOff.isPending && switchOff.variables.id === rule.id)}
                  onChange={(e) => (e.currentTarget.checked ? onDialog({ kind: "switch-on", rule }) : switchOff.mutate(rule))}
                  aria-label={t("handoverRules.enabledLabel", { name: rule.name })}
                  data-testid="rule-enabled-switch"
                />
              </Table.Td>
              {editable && (
                <Table.Td ta="end">
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={t("handoverRules.actions", { name: rule.name })} data-testid="rule-actions">
                        <DotsIcon />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onDialog({ kind: "edit", rule })} data-testid="rule-edit">
                        {t("handoverRules.edit")}
                      </Menu.Item>
                      <Menu.Item color="red" onClick={() => onDialog({ kind: "delete", rule })} data-testid="rule-delete">
                        {t("handoverRules.delete")}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};

/**
 * The handover rules (M1.4, M4.1): when a client moves from L1 to L2 and from L2 to L3. Heads of sales
 * write them; team leads read them.
 */
export const RulesPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const editable = canEditRules(user.role);
  const rules = useQuery({ queryKey: rulesKey, queryFn: listRules });
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const dialogRule = (kind: "edit" | "delete" | "switch-on") => (dialog && dialog.kind === kind ? dialog.rule : null);
  const editing = dialogRule("edit");

  return (
    <Stack gap="lg" maw={1180} data-testid="rules-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t("handoverRules.title")}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t("handoverRules.hint")}
          </Text>
        </Stack>
        {editable && (
          <Button onClick={() => setDialog({ kind: "add" })} data-testid="rule-add">
            {t("handoverRules.add")}
          </Button>
        )}
      </Group>
      {!editable && (
        <Text size="sm" c="dimmed">
          {t("handoverRules.readOnly")}
        </Text>
      )}
      <Card withBorder radius="md" padding="lg">
        {rules.isPending ? (
          <PageLoader />
        ) : rules.isError ? (
          <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : rules.data.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="rules-empty">
            {t("handoverRules.empty")}
          </Text>
        ) : (
          <RulesTable rules={rules.data} editable={editable} onDialog={setDialog} />
        )}
      </Card>
      <RuleModal opened={dialog?.kind === "add" || editing !== null} rule={editing} onClose={close} />
      <DeleteRuleModal rule={dialogRule("delete")} onClose={close} />
      <SwitchOnModal rule={dialogRule("switch-on")} onClose={close} />
    </Stack>
  );
};
