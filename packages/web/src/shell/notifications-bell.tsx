import { useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionIcon, Box, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useWindowEvent } from "@mantine/hooks";
import { notifications as toasts } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { Notification } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { notificationText } from "../conveyor/notification-text";
import { exportNoticeTarget } from "../export-control/notification-target";
import { formatDateTime, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { problemMessage } from "../ui/errors";
import { listNotifications, markAllNotificationsRead, markNotificationRead, notificationsKey } from "./notifications.api";

const InboxIcon = () => (
  <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M22 12h-6l-2 3h-4l-2-3H2" />
    <path d="M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z" />
  </svg>
);

/** How often the header asks for new notifications (a handover by the nightly check arrives without a click). */
const pollMs = 60_000;

const NotificationItem = ({ notification, onOpen }: { notification: Notification; onOpen: (notification: Notification) => void }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const unread = notification.readAt === null;
  const content = (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Box
        mt={6}
        w={8}
        h={8}
        style={{ flex: "none", borderRadius: "50%", background: unread ? "var(--mantine-color-blue-6)" : "transparent" }}
        aria-hidden="true"
      />
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={unread ? 600 : 400}>
          {notificationText(t, notification)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(locale, notification.createdAt, organization.timeZone)}
        </Text>
      </Stack>
    </Group>
  );
  const common = {
    py: "xs",
    w: "100%",
    onClick: () => onOpen(notification),
    "data-testid": "notification-item",
    "data-kind": notification.kind,
    "data-unread": unread || undefined,
  } as const;
  const target = notification.company ? `/clients/${notification.company.id}` : exportNoticeTarget(notification);
  return target ? (
    <UnstyledButton component={Link} to={target} {...common}>
      {content}
    </UnstyledButton>
  ) : (
    <UnstyledButton {...common}>{content}</UnstyledButton>
  );
};

/**
 * The header's notifications (M1.4: both sellers hear of a handover; M4.2: a client became permanent):
 * the unread count, polled every minute; opening one goes to the client and marks it read.
 */
export const NotificationsBell = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const list = useQuery({ queryKey: notificationsKey, queryFn: listNotifications, refetchInterval: pollMs, staleTime: 0 });
  useWindowEvent("keydown", (event) => {
    if (event.key === "Escape") setOpened(false);
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationsKey });
  const onError = (error: unknown) => toasts.show({ color: "red", message: problemMessage(t, error) });
  const markRead = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh, onError });
  const markAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh, onError });

  const items = list.data?.items ?? [];
  const unread = list.data?.unread ?? 0;
  const label = unread > 0 ? t("inbox.count", { count: unread }) : t("inbox.label");
  const open = (notification: Notification) => {
    setOpened(false);
    if (notification.readAt === null) markRead.mutate(notification.id);
  };

  return (
    <Popover opened={opened} onChange={setOpened} onDismiss={() => setOpened(false)} position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={formatNumber(locale, unread)}
          size={16}
          color="blue"
          disabled={unread === 0}
          offset={4}
          data-testid="notifications-count"
          data-count={unread}
        >
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} title={label} onClick={() => setOpened((o) => !o)} data-testid="notifications-bell">
            <InboxIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown data-testid="notifications-dropdown">
        <Group justify="space-between" mb={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {t("inbox.label")}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-read-all">
              {t("inbox.markAllRead")}
            </Button>
          )}
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="notifications-empty">
            {t("inbox.empty")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            {items.map((notification, index) => (
              <div key={notification.id}>
                {index > 0 && <Divider />}
                <NotificationItem notification={notification} onOpen={open} />
              </div>
            ))}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
};
