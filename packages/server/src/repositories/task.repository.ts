import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";
import { companies, deals, tasks, users } from "../db/schema";
import type { Viewer } from "../scope";
import { visibleTasks } from "./visibility";

const assignee = alias(users, "assignee");
const creator = alias(users, "creator");

export type TaskRow = typeof tasks.$inferSelect & {
  companyName: string | null;
  dealTitle: string | null;
  assigneeName: string;
  createdByName: string;
};

const taskColumns = {
  id: tasks.id,
  organizationId: tasks.organizationId,
  companyId: tasks.companyId,
  title: tasks.title,
  type: tasks.type,
  dueAt: tasks.dueAt,
  assigneeId: tasks.assigneeId,
  createdById: tasks.createdById,
  plannedResult: tasks.plannedResult,
  dealId: tasks.dealId,
  remindAt: tasks.remindAt,
  reminderDismissedAt: tasks.reminderDismissedAt,
  doneAt: tasks.doneAt,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
  companyName: companies.name,
  dealTitle: deals.title,
  assigneeName: assignee.name,
  createdByName: creator.name,
};

const selectTasks = (ex: Executor) =>
  ex
    .select(taskColumns)
    .from(tasks)
    .leftJoin(companies, and(eq(companies.id, tasks.companyId), eq(companies.organizationId, tasks.organizationId)))
    .leftJoin(deals, and(eq(deals.id, tasks.dealId), eq(deals.organizationId, tasks.organizationId)))
    .innerJoin(assignee, eq(assignee.id, tasks.assigneeId))
    .innerJoin(creator, eq(creator.id, tasks.createdById));

export type TaskFilter = {
  assigneeId?: string | undefined;
  companyId?: string | undefined;
  dealId?: string | undefined;
  view: "today" | "open" | "done" | "all";
  /** End of the organization's today: "today" means due before it and not done. */
  todayEnd: Date;
};

export type TaskCursor = { dueAt: string; id: string };

const filterConditions = (viewer: Viewer, filter: TaskFilter): SQL[] => {
  const conditions: SQL[] = [visibleTasks(viewer)];
  if (filter.assigneeId) conditions.push(eq(tasks.assigneeId, filter.assigneeId));
  if (filter.companyId) conditions.push(eq(tasks.companyId, filter.companyId));
  if (filter.dealId) conditions.push(eq(tasks.dealId, filter.dealId));
  switch (filter.view) {
    case "today":
      conditions.push(isNull(tasks.doneAt), lt(tasks.dueAt, filter.todayEnd));
      break;
    case "open":
      conditions.push(isNull(tasks.doneAt));
      break;
    case "done":
      conditions.push(isNotNull(tasks.doneAt));
      break;
    case "all":
      break;
  }
  return conditions;
};

/** Open tasks by due time, soonest first; done tasks most recently due first. */
export const listTasks = async (
  ex: Executor,
  viewer: Viewer,
  filter: TaskFilter,
  page: { limit: number; after: TaskCursor | undefined },
): Promise<{ rows: TaskRow[]; total: number }> => {
  const conditions = filterConditions(viewer, filter);
  const totalRows = await ex.select({ total: count() }).from(tasks).where(and(...conditions));
  const newestFirst = filter.view === "done";
  if (page.after) {
    const op = newestFirst ? sql`<` : sql`>`;
    conditions.push(sql`(${tasks.dueAt}, ${tasks.id}) ${op} (${page.after.dueAt}::timestamptz, ${page.after.id}::uuid)`);
  }
  const order = newestFirst ? [desc(tasks.dueAt), desc(tasks.id)] : [asc(tasks.dueAt), asc(tasks.id)];
  const rows = await selectTasks(ex)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(page.limit);
  return { rows, total: totalRows[0]?.total ?? 0 };
};

export const findTask = async (ex: Executor, viewer: Viewer, id: string): Promise<TaskRow | undefined> => {
  const rows = await selectTasks(ex).where(and(visibleTasks(viewer), eq(tasks.id, id)));
  return rows[0];
};

export const tasksByIds = (ex: Executor, viewer: Viewer, ids: string[]): Promise<TaskRow[]> =>
  ids.length === 0 ? Promise.resolve([]) : selectTasks(ex).where(and(visibleTasks(viewer), inArray(tasks.id, ids)));

export const openTasksOfCompany = (ex: Executor, viewer: Viewer, companyId: string): Promise<TaskRow[]> =>
  selectTasks(ex)
    .where(and(visibleTasks(viewer), eq(tasks.companyId, companyId), isNull(tasks.doneAt)))
    .orderBy(asc(tasks.dueAt))
    .limit(200);

export type NewTask = Omit<typeof tasks.$inferInsert, "id" | "organizationId">;

export const insertTask = async (ex: Executor, viewer: Viewer, values: NewTask): Promise<string> => {
  const rows = await ex
    .insert(tasks)
    .values({ ...values, organizationId: viewer.organizationId })
    .returning({ id: tasks.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into tasks returned no row");
  return id;
};

export type TaskPatch = Partial<
  Pick<
    typeof tasks.$inferInsert,
    | "title"
    | "type"
    | "dueAt"
    | "assigneeId"
    | "plannedResult"
    | "doneAt"
    | "updatedAt"
    | "companyId"
    | "dealId"
    | "remindAt"
    | "reminderDismissedAt"
  >
>;

export const updateTaskRow = async (ex: Executor, viewer: Viewer, id: string, patch: TaskPatch): Promise<void> => {
  await ex
    .update(tasks)
    .set(patch)
    .where(and(eq(tasks.organizationId, viewer.organizationId), eq(tasks.id, id)));
};

/**
 * The viewer's own open tasks whose reminder time has come by `now` and that they have not
 * dismissed, the latest reminder first (reads tasks_reminder_idx).
 */
export const dueReminders = (ex: Executor, viewer: Viewer, now: Date, limit: number): Promise<TaskRow[]> =>
  selectTasks(ex)
    .where(
      and(
        visibleTasks(viewer),
        eq(tasks.assigneeId, viewer.userId),
        isNotNull(tasks.remindAt),
        lte(tasks.remindAt, now),
        isNull(tasks.doneAt),
        isNull(tasks.reminderDismissedAt),
      ),
    )
    .orderBy(desc(tasks.remindAt), desc(tasks.id))
    .limit(limit);
