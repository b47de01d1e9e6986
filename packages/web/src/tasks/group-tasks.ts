import type { Task } from "@conveyor/contracts";
import { calendarDaysFrom } from "../i18n/zoned-time";

export type TaskGroups = { overdue: Task[]; today: Task[]; upcoming: Task[] };

const byDue = (a: Task, b: Task) => a.dueAt.localeCompare(b.dueAt) || a.title.localeCompare(b.title);

const dueTime = (task: Task) => new Date(task.dueAt).getTime();

/**
 * Splits open tasks for the "Today" screen: overdue once the due time has passed (as the server
 * decides a task's state), today if still ahead on today's calendar day in the organization's
 * time zone, upcoming after that. Done tasks are left out; each task appears once, earliest first.
 */
export const groupTasks = (tasks: readonly Task[], now: Date, timeZone: string): TaskGroups => {
  const seen = new Set<string>();
  const groups: TaskGroups = { overdue: [], today: [], upcoming: [] };
  for (const task of tasks) {
    if (seen.has(task.id) || task.state === "done" || task.doneAt !== null) continue;
    seen.add(task.id);
    if (dueTime(task) < now.getTime()) groups.overdue.push(task);
    else if (calendarDaysFrom(now, new Date(task.dueAt), timeZone) <= 0) groups.today.push(task);
    else groups.upcoming.push(task);
  }
  groups.overdue.sort(byDue);
  groups.today.sort(byDue);
  groups.upcoming.sort(byDue);
  return groups;
};

/** Whether a task is past due at `now`: red on every screen. */
export const isOverdue = (task: Task, now: Date): boolean =>
  task.state !== "done" && task.doneAt === null && dueTime(task) < now.getTime();
