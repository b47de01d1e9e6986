import { useState, type FormEvent } from "react";
import { FormFooter } from "../ui/form-footer";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Group, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { taskTypes, type TaskType } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import { clientsKey } from "../clients/clients.api";
import { fromZonedInputValue, toZonedInputValue, zonedDayAt } from "../i18n/zoned-time";
import { usePeople } from "../people/people.api";
import { fieldErrorMessage } from "../ui/errors";
import { ZonedDateTimeInput } from "../ui/zoned-date-time-input";
import { isRemindChoice, remindAtFor, remindChoices, type RemindChoice } from "./remind-options";
import { createTask, tasksKey } from "./tasks.api";

const fields = ["title", "type", "dueAt", "companyId", "assigneeId", "plannedResult", "remindAt"];

type TaskFormProps = {
  /** Null until a client is picked (quick add); undefined: a task without a client. */
  companyId: string | null | undefined;
  /** A task on this deal (the deal page); the deal is of `companyId`. */
  dealId?: string;
  testIdPrefix?: string;
  onCreated?: () => void;
  onCancel?: () => void;
};

/** A new task defaults to the next working morning: tomorrow at the start of the working day. */
const defaultDue = (timeZone: string, workdayStart: string) =>
  toZonedInputValue(zonedDayAt(new Date(), 1, workdayStart, timeZone), timeZone);

export const TaskForm = ({ companyId, dealId, testIdPrefix = "", onCreated, onCancel }: TaskFormProps) => {
  const { t } = useTranslation();
  const { user, organization } = useCurrentSession();
  const queryClient = useQueryClient();
  const people = usePeople();
  const [title, setTitle] = useState("");
  const [type, setType] = useState<TaskType>("follow_up");
  const [dueAt, setDueAt] = useState(() => defaultDue(organization.timeZone, organization.workingHours.start));
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [plannedResult, setPlannedResult] = useState("");
  const [remind, setRemind] = useState<RemindChoice>("none");
  const [dueError, setDueError] = useState<string | undefined>();
  const testId = (name: string) => `${testIdPrefix}${name}`;

  const mutation = useMutation({
    mutationFn: (due: Date) =>
      createTask({
        title: title.trim(),
        type,
        dueAt: due.toISOString(),
        companyId: companyId ?? null,
        ...(assigneeId && assigneeId !== user.id ? { assigneeId } : {}),
        plannedResult: plannedResult.trim() || null,
        ...(dealId ? { dealId } : {}),
        remindAt: remindAtFor(due, remind),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tasksKey });
      void queryClient.invalidateQueries({ queryKey: clientsKey });
      notifications.show({ color: "green", message: t("tasks.created") });
      setTitle("");
      setPlannedResult("");
      setRemind("none");
      onCreated?.();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (companyId === null) return;
    const due = fromZonedInputValue(dueAt, organization.timeZone);
    if (!due) {
      setDueError(t("dateInput.invalid"));
      return;
    }
    setDueError(undefined);
    mutation.mutate(due);
  };

  const error = mutation.error;
  // A seller may only set tasks to themselves: the picker appears only when there is a choice.
  const others = (people.data ?? []).filter((person) => person.id !== user.id);

  return (
    <form onSubmit={submit} noValidate data-testid={testId("task-form")}>
      <Stack gap="sm">
        <TextInput
          label={t("tasks.title")}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "title")}
          data-testid={testId("task-title")}
        />
        <Group grow align="flex-start">
          <Select<TaskType>
            label={t("tasks.type")}
            allowDeselect={false}
            data={taskTypes.map((value) => ({ value, label: t(`taskTypes.${value}`) }))}
            value={type}
            onChange={(value) => value && setType(value)}
            error={fieldErrorMessage(t, error, "type")}
            data-testid={testId("task-type")}
          />
          <ZonedDateTimeInput
            label={t("tasks.due")}
            required
            value={dueAt}
            onChange={setDueAt}
            error={dueError ?? fieldErrorMessage(t, error, "dueAt")}
            data-testid={testId("task-due")}
          />
        </Group>
        <Select
          label={t("remindMe.label")}
          allowDeselect={false}
          data={remindChoices.map((value) => ({ value, label: t(`remindMe.${value}`) }))}
          value={remind}
          onChange={(value) => isRemindChoice(value) && setRemind(value)}
          error={fieldErrorMessage(t, error, "remindAt")}
          data-testid={testId("task-remind")}
        />
        {others.length > 0 && (
          <Select
            label={t("tasks.assignee")}
            placeholder={t("tasks.assigneeDefault")}
            clearable
            searchable
            data={[{ value: user.id, label: t("tasks.assigneeDefault") }, ...others.map((p) => ({ value: p.id, label: p.name }))]}
            value={assigneeId}
            onChange={setAssigneeId}
            error={fieldErrorMessage(t, error, "assigneeId")}
            data-testid={testId("task-assignee")}
          />
        )}
        <TextInput
          label={t("tasks.plannedResult")}
          value={plannedResult}
          onChange={(e) => setPlannedResult(e.currentTarget.value)}
          error={fieldErrorMessage(t, error, "plannedResult")}
          data-testid={testId("task-planned-result")}
        />
        <FormFooter
          error={mutation.error}
          fields={fields}
          pending={mutation.isPending}
          disabled={companyId === null || title.trim() === ""}
          submitLabel={t("tasks.submit")}
          submitTestId={testId("task-submit")}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
};
