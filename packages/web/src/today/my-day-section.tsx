import { Link } from "react-router";
import { Alert, Anchor, Badge, Card, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { companyStatuses, type MyDay, type MyDayTask } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { formatNumber, formatShortDate, formatTime } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { useMyDay } from "../review/review.api";
import { LoadError } from "../ui/page-states";

/** A local date read at noon UTC, so it names the same day in every zone the formatter uses. */
const dayOf = (date: string) => `${date}T12:00:00Z`;

const TaskLine = ({ task }: { task: MyDayTask }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const corrected = task.fromReview !== null;
  return (
    <Paper
      p="xs"
      radius="sm"
      withBorder
      data-testid="my-day-task"
      data-title={task.title}
      data-from-review={corrected}
      style={corrected ? { borderColor: "var(--mantine-color-violet-5)", background: "var(--mantine-color-violet-light)" } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500}>
          {task.title}
          {task.company && (
            <>
              {" · "}
              <Anchor component={Link} to={`/clients/${task.company.id}`} size="sm">
                {task.company.name}
              </Anchor>
            </>
          )}
        </Text>
        <Group gap={4} wrap="nowrap">
          {task.overdue && (
            <Badge size="sm" color="red" variant="light">
              {t("myDay.overdue")}
            </Badge>
          )}
          <Text size="sm" c="dimmed" dir="ltr">
            {formatTime(locale, task.dueAt, organization.timeZone)}
          </Text>
        </Group>
      </Group>
      {task.plannedResult && (
        <Text size="xs" c="dimmed">
          {t("myDay.plannedResult", { result: task.plannedResult })}
        </Text>
      )}
      {task.fromReview && (
        <Badge size="sm" color="violet" variant="light" tt="none" mt={4} data-testid="my-day-from-review">
          {t("myDay.fromReview", { name: task.fromReview.reviewer.name })}
        </Badge>
      )}
    </Paper>
  );
};

/** M2.2, shown only to people who sell: the server leaves it out (null) for an admin or head without deals or a plan. */
const Prospecting = ({ day }: { day: MyDay }) => {
  const { t } = useTranslation();
  if (!day.prospecting) return null;
  const target = day.prospecting.target;
  if (target) {
    return (
      <Stack gap={4} data-testid="my-day-prospecting" data-reached={target.reached} data-target={target.target}>
        <Text size="sm">{t("myDay.prospecting", { reached: target.reached, target: target.target })}</Text>
        <Progress value={Math.min(100, (target.reached / target.target) * 100)} color={target.done ? "green" : "blue"} />
      </Stack>
    );
  }
  if (day.prospecting.moneyThisMonth) return null;
  return (
    <Alert color="orange" data-testid="my-day-prospecting">
      {t("myDay.prospectingProposed")}
    </Alert>
  );
};

/**
 * My day (M2.4): today's tasks by client type, those set at a review highlighted with who set them, the prospecting
 * target (M2.2), the week ahead and the money expected this month.
 */
export const MyDaySection = () => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const myDay = useMyDay();
  if (myDay.isPending) return null;
  if (myDay.isError) return <LoadError error={myDay.error} onRetry={() => void myDay.refetch()} />;
  const day = myDay.data;
  const groups = day.groups.filter((g) => g.tasks.length > 0);
  const money = companyStatuses.filter((status) => (day.expectedMoney.byClientType[status] ?? 0) > 0);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="my-day" data-corrections={day.corrections}>
      <Stack gap="md">
        <Group gap="xs">
          <Title order={2} size="h4">
            {t("myDay.title")}
          </Title>
          {day.corrections > 0 && (
            <Badge color="violet" variant="light" data-testid="my-day-corrections">
              {t("myDay.corrections", { count: day.corrections })}
            </Badge>
          )}
        </Group>
        {groups.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("myDay.noTasks")}
          </Text>
        ) : (
          groups.map((group) => (
            <Stack key={group.clientType} gap={4} data-testid={`my-day-group-${group.clientType}`}>
              <Text fw={600} size="sm">
                {t(`myDay.groups.${group.clientType}`)} · {formatNumber(locale, group.tasks.length)}
              </Text>
              {group.tasks.map((task) => (
                <TaskLine key={task.id} task={task} />
              ))}
            </Stack>
          ))
        )}
        <Prospecting day={day} />
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t("myDay.week")}
          </Text>
          <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs" data-testid="my-day-week">
            {day.week.map((d) => (
              <Paper key={d.date} withBorder p={6} radius="sm" ta="center">
                <Text size="xs" c="dimmed">
                  {formatShortDate(locale, dayOf(d.date), organization.timeZone)}
                </Text>
                <Text fw={600}>{t("myDay.weekDay", { count: d.total })}</Text>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
        {money.length > 0 && (
          <Stack gap={4} data-testid="my-day-money">
            <Text fw={600} size="sm">
              {t("myDay.expectedMoney")}
            </Text>
            <Group gap="md">
              {money.map((status) => (
                <Text key={status} size="sm">
                  {t(`companyStatuses.${status}`)}: {formatMoney(locale, day.expectedMoney.byClientType[status] ?? 0, day.expectedMoney.currency)}
                </Text>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
};
