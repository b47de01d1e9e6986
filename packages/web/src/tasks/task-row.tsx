import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Anchor, Badge, Checkbox, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Task } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { formatDateTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { isOverdue } from "./group-tasks";
import { tasksKey, updateTask } from "./tasks.api";

type TaskRowProps = {
  task: Task;
  now: Date;
  /** The client card already says whose tasks these are. */
  showClient?: boolean;
  /** The deal page already says which deal. */
  showDeal?: boolean;
};

/** One open task with the checkbox that completes it; overdue ones are red. */
export const TaskRow = ({ task, now, showClient = true, showDeal = true }: TaskRowProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: () => updateTask(task.id, { done: true }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tasksKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("tasks.completed") });
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  const overdue = isOverdue(task, now);
  const done = task.state === "done" || complete.isSuccess;

  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      py={6}
      data-testid={`task-row-${task.title}`}
      data-overdue={overdue || undefined}
    >
      <Checkbox
        mt={2}
        checked={done}
        disabled={done || complete.isPending}
        onChange={() => complete.mutate()}
        aria-label={t("tasks.complete", { title: task.title })}
        data-testid={`task-done-${task.title}`}
      />
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={500} td={done ? "line-through" : undefined}>
            {task.title}
          </Text>
          <Badge size="xs" variant="light" color="gray">
            {t(`taskTypes.${task.type}`)}
          </Badge>
          {overdue && (
            <Badge size="xs" color="red">
              {t("tasks.overdue")}
            </Badge>
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c={overdue ? "red" : "dimmed"} fw={overdue ? 600 : undefined}>
            {t("tasks.dueAt", { when: formatDateTime(locale, task.dueAt, organization.timeZone) })}
          </Text>
          {showClient && task.companyId && (
            <Anchor component={Link} to={`/clients/${task.companyId}`} size="xs">
              {task.companyName ?? t("tasks.noClient")}
            </Anchor>
          )}
          {showDeal && task.dealId && (
            <Anchor component={Link} to={`/deals/${task.dealId}`} size="xs" data-testid={`task-deal-${task.title}`}>
              {t("dealTasks.onDeal", { title: task.dealTitle ?? "" })}
            </Anchor>
          )}
          {task.assigneeId !== user.id && (
            <Text size="xs" c="dimmed">
              · {task.assigneeName}
            </Text>
          )}
          {task.createdById !== task.assigneeId && (
            <Text size="xs" c="dimmed">
              · {t("tasks.setBy", { name: task.createdByName })}
            </Text>
          )}
        </Group>
        {task.plannedResult && (
          <Text size="xs" c="dimmed">
            {task.plannedResult}
          </Text>
        )}
      </Stack>
    </Group>
  );
};
