import { describe, expect, it } from "vitest";
import type { Task } from "@conveyor/contracts";
import { groupTasks, isOverdue } from "./group-tasks";

const task = (id: string, dueAt: string, overrides: Partial<Task> = {}): Task => ({
  id: `00000000-0000-4000-8000-${id.padStart(12, "0")}`,
  companyId: null,
  companyName: null,
  title: `Task ${id}`,
  type: "call",
  dueAt,
  assigneeId: "00000000-0000-4000-8000-000000000001",
  assigneeName: "Ali",
  createdById: "00000000-0000-4000-8000-000000000001",
  createdByName: "Ali",
  state: "open",
  doneAt: null,
  plannedResult: null,
  dealId: null,
  dealTitle: null,
  remindAt: null,
  createdAt: "2025-03-01T00:00:00Z",
  ...overrides,
});

// 14:00 in Tehran on 21 March 2025.
const now = new Date("2025-03-21T10:30:00Z");

describe("grouping tasks for the Today screen", () => {
  it("splits by the organization's day, earliest first", () => {
    const groups = groupTasks(
      [
        task("1", "2025-03-21T19:00:00Z"), // 22:30 today in Tehran
        task("2", "2025-03-21T05:30:00Z"), // 09:00 today, passed
        task("3", "2025-03-21T20:31:00Z"), // 00:01 tomorrow in Tehran, still the 21st in UTC
        task("4", "2025-03-19T08:00:00Z", { state: "overdue" }),
        task("5", "2025-03-21T12:00:00Z"),
      ],
      now,
      "Asia/Tehran",
    );
    expect(groups.overdue.map((t) => t.title)).toEqual(["Task 4", "Task 2"]);
    expect(groups.today.map((t) => t.title)).toEqual(["Task 5", "Task 1"]);
    expect(groups.upcoming.map((t) => t.title)).toEqual(["Task 3"]);
  });

  it("in UTC the same task falls on today", () => {
    expect(groupTasks([task("3", "2025-03-21T20:31:00Z")], now, "UTC").today).toHaveLength(1);
  });

  it("leaves out done tasks and duplicates from overlapping lists", () => {
    const open = task("1", "2025-03-22T08:00:00Z");
    const groups = groupTasks(
      [open, open, task("2", "2025-03-20T08:00:00Z", { state: "done", doneAt: "2025-03-20T09:00:00Z" })],
      now,
      "UTC",
    );
    expect(groups).toEqual({ overdue: [], today: [], upcoming: [open] });
  });

  it("marks a task overdue the moment its due time passes", () => {
    expect(isOverdue(task("1", "2025-03-21T10:29:59Z"), now)).toBe(true);
    expect(isOverdue(task("1", "2025-03-21T10:30:00Z"), now)).toBe(false);
  });
});
