import { useState, type DragEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Badge, Button, Card, Group, Menu, Modal, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { RoutingRule } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { SectionHeader } from "../department/section-header";
import { problemMessage } from "../ui/errors";
import { LoadError, PageLoader } from "../ui/page-states";
import { DistributionOrder } from "./distribution-order";
import { canEditRouting } from "./lead-routing-access";
import { deleteRoutingRule, reorderRoutingRules, routingRulesKey, updateRoutingRule, useRoutingRules } from "./lead-routing.api";
import { RouteTester } from "./route-tester";
import { moveId } from "./routing-draft";
import { RoutingRuleModal } from "./routing-rule-modal";
import { describeRoutingRule } from "./routing-words";
import { useRoutingNames } from "./use-routing-names";

const DotsIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    <circle cx="5" cy="12" r="2" />
    <circle cx="12" cy="12" r="2" />
    <circle cx="19" cy="12" r="2" />
  </svg>
);

const GripIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    {[5, 12, 19].map((y) => (
      <g key={y}>
        <circle cx="9" cy={y} r="1.6" />
        <circle cx="15" cy={y} r="1.6" />
      </g>
    ))}
  </svg>
);

const ArrowIcon = ({ up }: { up: boolean }) => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d={up ? "M12 19V5M5 12l7-7 7 7" : "M12 5v14M5 12l7 7 7-7"} />
  </svg>
);

type Dialog = { kind: "add" } | { kind: "edit" | "delete"; rule: RoutingRule } | null;

const byPosition = (rules: readonly RoutingRule[]) => [...rules].sort((a, b) => a.position - b.position);

const DeleteRuleModal = ({ rule, onClose }: { rule: RoutingRule | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: deleteRoutingRule,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: routingRulesKey });
      notifications.show({ color: "green", message: t("leadRouting.rules.deleted") });
      onClose();
    },
  });
  return (
    <Modal opened={rule !== null} onClose={onClose} title={rule ? t("leadRouting.rules.deleteTitle", { name: rule.name }) : ""}>
      <Stack gap="md">
        <Text size="sm">{t("leadRouting.rules.deleteText")}</Text>
        {mutation.isError && (
          <Text size="sm" c="red" role="alert">
            {problemMessage(t, mutation.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" loading={mutation.isPending} onClick={() => rule && mutation.mutate(rule.id)} data-testid="routing-rule-delete-confirm">
            {t("leadRouting.rules.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};

/**
 * The rules in their order, each said as a sentence. Editors drag a rule by its handle or step it up and down
 * (the buttons are the keyboard's way); the new order is saved at once and shown before the server answers.
 */
const RulesList = ({ rules, editable, onDialog }: { rules: RoutingRule[]; editable: boolean; onDialog: (dialog: Dialog) => void }) => {
  const { t } = useTranslation();
  const names = useRoutingNames();
  const queryClient = useQueryClient();
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);

  const reorder = useMutation({
    mutationFn: reorderRoutingRules,
    onMutate: async (ids: string[]) => {
      await queryClient.cancelQueries({ queryKey: routingRulesKey });
      const previous = queryClient.getQueryData<RoutingRule[]>(routingRulesKey);
      if (previous) {
        const byId = new Map(previous.map((rule) => [rule.id, rule]));
        const next = ids.flatMap((ruleId, position) => {
          const rule = byId.get(ruleId);
          return rule ? [{ ...rule, position }] : [];
        });
        queryClient.setQueryData<RoutingRule[]>(routingRulesKey, next);
      }
      return { previous };
    },
    onError: (error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData<RoutingRule[]>(routingRulesKey, context.previous);
      notifications.show({ color: "red", message: problemMessage(t, error) });
    },
    onSuccess: (saved) => queryClient.setQueryData<RoutingRule[]>(routingRulesKey, saved),
  });

  const toggle = useMutation({
    mutationFn: (rule: RoutingRule) => updateRoutingRule(rule.id, { enabled: !rule.enabled }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: routingRulesKey });
      notifications.show({
        message: saved.enabled ? t("leadRouting.rules.switchedOn", { name: saved.name }) : t("leadRouting.rules.switchedOff", { name: saved.name }),
      });
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });

  const ids = rules.map((rule) => rule.id);
  const move = (from: number, to: number) => {
    const next = moveId(ids, from, to);
    if (next.some((ruleId, i) => ruleId !== ids[i])) reorder.mutate(next);
  };
  const drop = (event: DragEvent, to: number) => {
    event.preventDefault();
    if (dragging !== null) move(dragging, to);
    setDragging(null);
    setOver(null);
  };

  return (
    <Stack gap="xs" data-testid="routing-rules-list">
      {rules.map((rule, index) => (
        <Paper
          key={rule.id}
          withBorder
          radius="md"
          p="sm"
          draggable={editable}
          onDragStart={(event) => {
            event.dataTransfer.effectAllowed = "move";
            setDragging(index);
          }}
          onDragOver={(event) => {
            if (dragging === null) return;
            event.preventDefault();
            setOver(index);
          }}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
          onDrop={(event) => drop(event, index)}
          style={{
            opacity: rule.enabled ? 1 : 0.65,
            borderColor: over === index && dragging !== index ? "var(--mantine-primary-color-filled)" : undefined,
          }}
          data-testid={`routing-rule-${rule.name}`}
          data-enabled={rule.enabled || undefined}
        >
          <Group wrap="nowrap" align="flex-start" gap="sm">
            {editable && (
              <Text c="dimmed" style={{ cursor: "grab", paddingTop: 2 }} aria-hidden="true">
                <GripIcon />
              </Text>
            )}
            <Badge variant="light" radius="sm" mt={2} aria-label={t("leadRouting.rules.positionLabel", { position: index + 1 })}>
              {index + 1}
            </Badge>
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  <bdi>{rule.name}</bdi>
                </Text>
                {!rule.enabled && (
                  <Badge size="xs" variant="outline" color="gray">
                    {t("leadRouting.rules.off")}
                  </Badge>
                )}
              </Group>
              <Text size="sm" data-testid="routing-rule-words">
                {describeRoutingRule(t, rule, names)}
              </Text>
            </Stack>
            <Switch
              mt={2}
              checked={rule.enabled}
              disabled={!editable || (toggle.isPending && toggle.variables.id === rule.id)}
              onChange={() => toggle.mutate(rule)}
              aria-label={t("leadRouting.rules.enabledLabel", { name: rule.name })}
              data-testid="routing-rule-enabled"
            />
            {editable && (
              <Group gap={2} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === 0 || reorder.isPending}
                  onClick={() => move(index, index - 1)}
                  aria-label={t("leadRouting.rules.moveUp", { name: rule.name })}
                  data-testid="routing-rule-up"
                >
                  <ArrowIcon up />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === rules.length - 1 || reorder.isPending}
                  onClick={() => move(index, index + 1)}
                  aria-label={t("leadRouting.rules.moveDown", { name: rule.name })}
                  data-testid="routing-rule-down"
                >
                  <ArrowIcon up={false} />
                </ActionIcon>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t("leadRouting.rules.actions", { name: rule.name })} data-testid="routing-rule-actions">
                      <DotsIcon />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => onDialog({ kind: "edit", rule })} data-testid="routing-rule-edit">
                      {t("leadRouting.rules.edit")}
                    </Menu.Item>
                    <Menu.Item color="red" onClick={() => onDialog({ kind: "delete", rule })} data-testid="routing-rule-delete">
                      {t("leadRouting.rules.delete")}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
};

/**
 * M5.5 lead routing: the order of distribution, the rules that send leads by channel, audience, product,
 * territory, warmth and amount to a team or to sellers with the skills asked for, and a tester that shows
 * where a lead would go right now. Heads of sales write the rules; team leads read them and use the tester.
 */
export const RoutingRulesPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const editable = canEditRouting(user.role);
  const rules = useRoutingRules();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const editing = dialog?.kind === "edit" ? dialog.rule : null;

  return (
    <Stack gap="lg" maw={1180} data-testid="routing-rules-page">
      <SectionHeader
        title={t("leadRouting.rules.title")}
        hint={t("leadRouting.rules.hint")}
        actions={
          editable && (
            <Button onClick={() => setDialog({ kind: "add" })} data-testid="routing-rule-add">
              {t("leadRouting.rules.add")}
            </Button>
          )
        }
      />
      <DistributionOrder />
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="routing-rules-title">
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4" id="routing-rules-title">
              {t("leadRouting.rules.listTitle")}
            </Title>
            {editable && rules.isSuccess && rules.data.length > 1 && (
              <Text size="xs" c="dimmed">
                {t("leadRouting.rules.reorderHint")}
              </Text>
            )}
          </Group>
          {!editable && (
            <Text size="sm" c="dimmed">
              {t("leadRouting.rules.readOnly")}
            </Text>
          )}
          {rules.isPending ? (
            <PageLoader />
          ) : rules.isError ? (
            <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
          ) : rules.data.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="routing-rules-empty">
              {t("leadRouting.rules.empty")}
            </Text>
          ) : (
            <RulesList rules={byPosition(rules.data)} editable={editable} onDialog={setDialog} />
          )}
        </Stack>
      </Card>
      <RouteTester />
      <RoutingRuleModal opened={dialog?.kind === "add" || editing !== null} rule={editing} onClose={close} />
      <DeleteRuleModal rule={dialog?.kind === "delete" ? dialog.rule : null} onClose={close} />
    </Stack>
  );
};
