import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text } from "@mantine/core";
import { useWindowEvent } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Task } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { tasksKey, updateTask } from "../tasks/tasks.api";
import { problemMessage } from "../ui/errors";
import { newlyDue } from "./reminder-popups";
import { dismissReminder, listReminders, remindersKey, snoozeReminder } from "./reminders.api";

const BellIcon = () => (
  <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

/** How often the bell asks for due reminders; also whenever the window regains focus. */
const pollMs = 60_000;
/** More fresh reminders at once than this pop up as one summary, not a wall of toasts. */
const maxPopups = 3;

/** Where "Open" leads: the client card, else the deal, else the day's tasks. */
const openPath = (task: Task): string =>
  task.companyId ? `/clients/${task.companyId}` : task.dealId ? `/deals/${task.dealId}` : "/today";

const ReminderItem = ({ task, onOpen }: { task: Task; onOpen: () => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: tasksKey });
    void queryClient.invalidateQueries({ queryKey: clientsKey });
  };
  const onError = (error: unknown) => notifications.show({ color: "red", message: problemMessage(t, error) });
  const done = useMutation({ mutationFn: () => updateTask(task.id, { done: true }), onSuccess: refresh, onError });
  const snooze = useMutation({ mutationFn: (minutes: number) => snoozeReminder(task.id, { minutes }), onSuccess: refresh, onError });
  const dismiss = useMutation({ mutationFn: () => dismissReminder(task.id), onSuccess: refresh, onError });
  const busy = done.isPending || snooze.isPending || dismiss.isPending;

  return (
    <Stack gap={4} py="xs" data-testid={`reminder-${task.title}`}>
      <Text size="sm" fw={500}>
        <bdi>{task.title}</bdi>
      </Text>
      <Text size="xs" c="dimmed">
        {[task.companyName, task.dealTitle, t("tasks.dueAt", { when: formatDateTime(locale, task.dueAt, organization.timeZone) })]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      <Group gap={6} wrap="wrap">
        <Button size="compact-xs" variant="light" component={Link} to={openPath(task)} onClick={onOpen} data-testid="reminder-open">
          {t("reminders.open")}
        </Button>
        <Button size="compact-xs" variant="light" color="teal" disabled={busy} onClick={() => done.mutate()} data-testid="reminder-done">
          {t("reminders.done")}
        </Button>
        <Button size="compact-xs" variant="default" disabled={busy} onClick={() => snooze.mutate(15)} data-testid="reminder-snooze-15">
          {t("reminders.snooze15")}
        </Button>
        <Button size="compact-xs" variant="default" disabled={busy} onClick={() => snooze.mutate(60)} data-testid="reminder-snooze-60">
          {t("reminders.snooze60")}
        </Button>
        <Button size="compact-xs" variant="subtle" color="gray" disabled={busy} onClick={() => dismiss.mutate()} data-testid="reminder-dismiss">
          {t("reminders.dismiss")}
        </Button>
      </Group>
    </Stack>
  );
};

/**
 * The header's bell: how many of my reminders are due, polled every minute and on window
 * focus; a reminder that falls due pops up once; the dropdown acts on each.
 */
export const RemindersBell = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [opened, setOpened] = useState(false);
  const shown = useRef<ReadonlySet<string>>(new Set());
  const reminders = useQuery({
    queryKey: remindersKey,
    queryFn: listReminders,
    refetchInterval: pollMs,
    refetchOnWindowFocus: "always",
    staleTime: 0,
  });
  const items = reminders.data ?? [];
  // Escape closes the list even when focus left it (a dismissed line takes its button away).
  useWindowEvent("keydown", (event) => {
    if (event.key === "Escape") setOpened(false);
  });

  useEffect(() => {
    if (!reminders.data) return;
    const { fresh, shown: next } = newlyDue(reminders.data, shown.current);
    shown.current = next;
    if (fresh.length > maxPopups) {
      notifications.show({ id: "reminders-summary", title: t("reminders.popupTitle"), message: t("reminders.count", { count: fresh.length }) });
      return;
    }
    for (const task of fresh) {
      notifications.show({
        id: `reminder-${task.id}`,
        title: t("reminders.popupTitle"),
        message: task.companyName ? `${task.title} · ${task.companyName}` : task.title,
        autoClose: 20_000,
      });
    }
  }, [reminders.data, t]);

  const count = items.length;
  const label = count > 0 ? t("reminders.count", { count }) : t("reminders.bell");
  return (
    <Popover opened={opened} onChange={setOpened} onDismiss={() => setOpened(false)} position="bottom-end" width={400} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={formatNumber(locale, count)}
          size={16}
          color="red"
          disabled={count === 0}
          offset={4}
          data-testid="reminders-count"
          data-count={count}
        >
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} title={label} onClick={() => setOpened((o) => !o)} data-testid="reminders-bell">
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown data-testid="reminders-dropdown">
        <Text fw={600} size="sm" mb={4}>
          {t("reminders.bell")}
        </Text>
        {count === 0 ? (
          <Text size="sm" c="dimmed" data-testid="reminders-empty">
            {t("reminders.empty")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            {items.map((task, index) => (
              <div key={task.id}>
                {index > 0 && <Divider />}
                <ReminderItem task={task} onOpen={() => setOpened(false)} />
              </div>
            ))}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
};
