import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useInterval } from "@mantine/hooks";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Task } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatLongDate, formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { LoadError, PageLoader } from "../ui/page-states";
import { groupTasks } from "../tasks/group-tasks";
import { TaskRow } from "../tasks/task-row";
import { listTasks, tasksKey } from "../tasks/tasks.api";
import { MyDaySection } from "./my-day-section";

const pageSize = 50;

/** Re-renders every minute, so a task turns red when its time passes while the page is open. */
const useNow = () => {
  const [now, setNow] = useState(() => new Date());
  useInterval(() => setNow(new Date()), 60_000, { autoInvoke: true });
  return now;
};

const Section = ({
  title,
  count,
  color,
  empty,
  testId,
  children,
  footer,
}: {
  title: string;
  count: number;
  color?: string;
  empty: string;
  testId: string;
  children: ReactNode;
  footer?: ReactNode;
}) => {
  const { locale } = useLocale();
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId} style={color ? { borderColor: `var(--mantine-color-${color}-4)` } : undefined}>
      <Group gap="xs" mb="xs">
        <Title order={2} size="h4" c={color}>
          {title}
        </Title>
        <Badge variant="light" color={color ?? "gray"} circle={count < 10}>
          {formatNumber(locale, count)}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap={0}>{children}</Stack>
      )}
      {footer}
    </Card>
  );
};

/** The seller's day: My day (M2.4) from the review, then what is overdue, what is due today, and what comes next (M2.1's daily plan). */
export const TodayPage = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const now = useNow();

  const today = useQuery({
    queryKey: [...tasksKey, "today"],
    queryFn: () => listTasks({ assignee: "me", view: "today", limit: 100 }),
  });
  const upcoming = useInfiniteQuery({
    queryKey: [...tasksKey, "open"],
    queryFn: ({ pageParam }) => listTasks({ assignee: "me", view: "open", limit: pageSize, cursor: pageParam || undefined }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  if (today.isPending) return <PageLoader />;
  if (today.isError) return <LoadError error={today.error} onRetry={() => void today.refetch()} />;

  const openTasks: Task[] = upcoming.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = groupTasks([...today.data.items, ...openTasks], now, organization.timeZone);
  const rows = (tasks: Task[]) => tasks.map((task) => <TaskRow key={task.id} task={task} now={now} />);

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1} size="h2">
          {t("today.title")}
        </Title>
        <Text c="dimmed">{formatLongDate(locale, now, organization.timeZone)}</Text>
      </div>

      <MyDaySection />

      <Section
        title={t("today.overdue")}
        count={groups.overdue.length}
        color={groups.overdue.length > 0 ? "red" : undefined}
        empty={t("today.nothingOverdue")}
        testId="today-overdue"
      >
        {rows(groups.overdue)}
      </Section>
      <Section title={t("today.today")} count={groups.today.length} empty={t("today.nothingToday")} testId="today-today">
        {rows(groups.today)}
      </Section>
      {upcoming.isError && openTasks.length === 0 ? (
        <LoadError error={upcoming.error} onRetry={() => void upcoming.refetch()} />
      ) : (
        <Section
          title={t("today.upcoming")}
          count={groups.upcoming.length}
          empty={upcoming.isPending ? t("common.loading") : t("today.nothingUpcoming")}
          testId="today-upcoming"
          footer={
            upcoming.hasNextPage && (
              <Group justify="center" mt="sm">
                <Button
                  variant="default"
                  loading={upcoming.isFetchingNextPage}
                  onClick={() => void upcoming.fetchNextPage()}
                  data-testid="today-load-more"
                >
                  {t("today.loadMore")}
                </Button>
              </Group>
            )
          }
        >
          {rows(groups.upcoming)}
        </Section>
      )}
    </Stack>
  );
};
