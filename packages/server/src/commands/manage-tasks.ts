import type { CreateTask, UpdateTask } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor, Tx } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { findCompany } from "../repositories/company.repository";
import { findDeal } from "../repositories/deal.repository";
import { findTask, insertTask, updateTaskRow, type TaskPatch, type TaskRow } from "../repositories/task.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { assertAssignable } from "./company-input";

const mustFindTask = async (ex: Executor, viewer: Viewer, id: string): Promise<TaskRow> => {
  const row = await findTask(ex, viewer, id);
  if (!row) throw notFound("The task");
  return row;
};

const dealNotLinkable = (message: string): AppError =>
  new AppError("deal_not_linkable", message, { errors: [{ field: "dealId", code: "deal_not_linkable", message }] });

/**
 * The deal a task may be linked to: one the viewer sees, of the task's client when it has one.
 * Answers the client the task belongs to (the deal's, when the task had none). A deal of another
 * organization answers exactly as a missing one.
 */
const linkableDeal = async (
  ex: Executor,
  viewer: Viewer,
  dealId: string,
  companyId: string | null,
): Promise<{ companyId: string }> => {
  const deal = await findDeal(ex, viewer, dealId);
  if (!deal) throw dealNotLinkable("No such deal among those you can see");
  if (companyId !== null && deal.companyId !== companyId) throw dealNotLinkable("The deal belongs to another client");
  return { companyId: deal.companyId };
};

const sameInstant = (a: Date | null, b: Date | null): boolean => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * A task for the viewer or, for a team lead or head of sales, for someone they oversee; the
 * task keeps who set it (M4.4). A task on a client lands in the client's timeline; a task on a
 * deal is on the deal's client.
 */
export const createTask = async (context: AppContext, viewer: Viewer, input: CreateTask): Promise<TaskRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => createTaskIn(tx, viewer, input, now));
};

/** createTask inside a caller's transaction (a review item sets the seller's next task with its own writes). */
export const createTaskIn = async (tx: Tx, viewer: Viewer, input: CreateTask, now: Date): Promise<TaskRow> => {
  const assigneeId = input.assigneeId ?? viewer.userId;
  await assertAssignable(tx, viewer, assigneeId, "assigneeId");
  let companyId = input.companyId ?? null;
  if (companyId && !(await findCompany(tx, viewer, companyId))) throw notFound("The client");
  const dealId = input.dealId ?? null;
  if (dealId) companyId = (await linkableDeal(tx, viewer, dealId, companyId)).companyId;
  const id = await insertTask(tx, viewer, {
    companyId,
    dealId,
    title: input.title,
    type: input.type ?? "follow_up",
    dueAt: new Date(input.dueAt),
    assigneeId,
    createdById: viewer.userId,
    plannedResult: input.plannedResult ?? null,
    remindAt: input.remindAt ? new Date(input.remindAt) : null,
    createdAt: now,
    updatedAt: now,
  });
  if (companyId) {
    await recordTimelineEvent(tx, viewer, { companyId, kind: "task_created", at: now, actorId: viewer.userId, taskId: id });
  }
  return mustFindTask(tx, viewer, id);
};

export const updateTask = async (context: AppContext, viewer: Viewer, id: string, input: UpdateTask): Promise<TaskRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const before = await mustFindTask(tx, viewer, id);
    if (input.assigneeId !== undefined && input.assigneeId !== before.assigneeId) {
      await assertAssignable(tx, viewer, input.assigneeId, "assigneeId");
    }
    const patch: TaskPatch = { updatedAt: now };
    if (input.title !== undefined) patch.title = input.title;
    if (input.type !== undefined) patch.type = input.type;
    if (input.dueAt !== undefined) patch.dueAt = new Date(input.dueAt);
    if (input.assigneeId !== undefined) patch.assigneeId = input.assigneeId;
    if (input.plannedResult !== undefined) patch.plannedResult = input.plannedResult;
    if (input.dealId !== undefined) {
      patch.dealId = input.dealId;
      if (input.dealId) {
        const { companyId } = await linkableDeal(tx, viewer, input.dealId, before.companyId);
        if (before.companyId === null) patch.companyId = companyId;
      }
    }
    if (input.remindAt !== undefined) patch.remindAt = input.remindAt === null ? null : new Date(input.remindAt);
    // A new time brings back a reminder that was dismissed for the old one.
    const dueChanged = patch.dueAt !== undefined && !sameInstant(patch.dueAt, before.dueAt);
    const remindChanged = patch.remindAt !== undefined && !sameInstant(patch.remindAt, before.remindAt);
    if (dueChanged || remindChanged) patch.reminderDismissedAt = null;
    const completes = input.done === true && before.doneAt === null;
    if (completes) patch.doneAt = now;
    if (input.done === false) patch.doneAt = null;
    await updateTaskRow(tx, viewer, id, patch);
    if (completes && before.companyId) {
      await recordTimelineEvent(tx, viewer, { companyId: before.companyId, kind: "task_done", at: now, actorId: viewer.userId, taskId: id });
    }
    return (await findTask(tx, viewer, id)) ?? { ...before, ...patch, doneAt: patch.doneAt ?? before.doneAt };
  });
};
