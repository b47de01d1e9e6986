import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Deal } from "@conveyor/contracts";
import { TaskForm } from "../tasks/task-form";
import { TaskRow } from "../tasks/task-row";
import { listTasks, tasksKey } from "../tasks/tasks.api";
import { LoadError } from "../ui/page-states";

/** The deal's open tasks, soonest first, and adding one on the deal (and so on its client). */
export const DealTasksSection = ({ deal }: { deal: Deal }) => {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const query = { dealId: deal.id, view: "open" as const, limit: 100 };
  const tasks = useQuery({ queryKey: [...tasksKey, "deal", query], queryFn: () => listTasks(query) });
  const now = new Date();
  const items = tasks.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="deal-tasks">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t("dealTasks.title")}
        </Title>
        <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="deal-task-add">
          {t("tasks.add")}
        </Button>
      </Group>
      {tasks.isError ? (
        <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {tasks.isPending ? t("common.loading") : t("dealTasks.empty")}
        </Text>
      ) : (
        <Stack gap={0}>
          {items.map((task) => (
            <TaskRow key={task.id} task={task} now={now} showClient={false} showDeal={false} />
          ))}
        </Stack>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("dealTasks.addTitle", { title: deal.title })}>
        {adding && (
          <TaskForm
            companyId={deal.companyId}
            dealId={deal.id}
            testIdPrefix="deal-"
            onCreated={() => setAdding(false)}
            onCancel={() => setAdding(false)}
          />
        )}
      </Modal>
    </Card>
  );
};
