import { useState } from "react";
import { Button, Card, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Task } from "@conveyor/contracts";
import { TaskForm } from "../tasks/task-form";
import { TaskRow } from "../tasks/task-row";

export const OpenTasksSection = ({ companyId, tasks }: { companyId: string; tasks: Task[] }) => {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const now = new Date();
  const sorted = [...tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="open-tasks">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t("card.openTasks")}
        </Title>
        <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="task-add">
          {t("tasks.add")}
        </Button>
      </Group>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("card.noOpenTasks")}
        </Text>
      ) : (
        <Stack gap={0}>
          {sorted.map((task) => (
            <TaskRow key={task.id} task={task} now={now} showClient={false} />
          ))}
        </Stack>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t("tasks.addTitle")}>
        {adding && <TaskForm companyId={companyId} onCreated={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      </Modal>
    </Card>
  );
};
