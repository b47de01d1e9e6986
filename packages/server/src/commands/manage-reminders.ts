import type { SnoozeReminder } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { forbidden, notFound } from "../http/app-error";
import { findTask, updateTaskRow, type TaskPatch, type TaskRow } from "../repositories/task.repository";
import type { Viewer } from "../scope";

/** A reminder is the assignee's own: others who see the task (its creator, a lead) cannot silence it. */
const assigneesTask = async (ex: Executor, viewer: Viewer, id: string): Promise<TaskRow> => {
  const task = await findTask(ex, viewer, id);
  if (!task) throw notFound("The task");
  if (task.assigneeId !== viewer.userId) throw forbidden("Only the task's assignee can dismiss or snooze its reminder");
  return task;
};

const changeReminder = async (context: AppContext, viewer: Viewer, id: string, patch: (now: Date) => TaskPatch): Promise<TaskRow> =>
  context.database.db.transaction(async (tx) => {
    const before = await assigneesTask(tx, viewer, id);
    const now = context.now();
    const changes = { ...patch(now), updatedAt: now };
    await updateTaskRow(tx, viewer, id, changes);
    return (await findTask(tx, viewer, id)) ?? { ...before, ...changes };
  });

/** The reminder stops showing until its time or the due time changes. */
export const dismissReminder = (context: AppContext, viewer: Viewer, id: string): Promise<TaskRow> =>
  changeReminder(context, viewer, id, (now) => ({ reminderDismissedAt: now }));

/** Remind again `minutes` from now (5 minutes to a day). */
export const snoozeReminder = (context: AppContext, viewer: Viewer, id: string, input: SnoozeReminder): Promise<TaskRow> =>
  changeReminder(context, viewer, id, (now) => ({
    remindAt: new Date(now.getTime() + input.minutes * 60_000),
    reminderDismissedAt: null,
  }));
