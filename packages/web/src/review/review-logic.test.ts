import { describe, expect, it } from "vitest";
import {
  closeRequestOf,
  emptyDraft,
  fieldMessageKey,
  isTimeOfDay,
  linePoints,
  minutesSeconds,
  moveCursor,
  nextAfterClose,
  queueKeyOf,
  reviewTabOf,
  sortReasons,
  staleDaysRequestOf,
  tooSlowForDeals,
  type CloseContext,
} from "./review-logic";

describe("the queue's keys", () => {
  it.each([
    ["j", "next"],
    ["ArrowDown", "next"],
    ["k", "previous"],
    ["ArrowUp", "previous"],
    ["Enter", null],
    ["J", null],
  ] as const)("%s → %s", (key, move) => expect(queueKeyOf(key)).toBe(move));

  it.each([
    [-1, 3, "next", 0],
    [-1, 3, "previous", 2],
    [0, 3, "next", 1],
    [2, 3, "next", 2],
    [0, 3, "previous", 0],
    [2, 3, "previous", 1],
    [5, 3, "next", 0],
    [0, 0, "next", -1],
  ] as const)("from %i of %i, %s lands on %i", (current, length, move, expected) => expect(moveCursor(current, length, move)).toBe(expected));
});

describe("the client after a close", () => {
  it("opens the next one, the previous one at the end, none when the queue is done", () => {
    expect(nextAfterClose(["a", "b", "c"], "a")).toBe("b");
    expect(nextAfterClose(["a", "b", "c"], "c")).toBe("b");
    expect(nextAfterClose(["a"], "a")).toBeNull();
    expect(nextAfterClose(["a", "b"], "x")).toBe("a");
  });
});

describe("reason order", () => {
  it("puts money lost today first and chances last, without duplicates", () => {
    expect(sortReasons(["new_since_review", "hot", "no_next_task", "task_due", "stale_in_stage", "result_date_passed", "hot"])).toEqual([
      "task_due",
      "result_date_passed",
      "no_next_task",
      "stale_in_stage",
      "hot",
      "new_since_review",
    ]);
  });
});

describe("the close form's request", () => {
  const context: CloseContext = { companyId: "c1", reasons: ["hot", "task_due"], lastTaskId: "t1", dealId: "d1", secondsSpent: 95.4, timeZone: "Europe/Moscow" };

  it("a next task on the organization's clock, blanks left out", () => {
    const draft = { ...emptyDraft("d1"), plannedResultOutcome: "partly" as const, outcomeComment: " wants a discount ", taskTitle: "Send the offer", taskDueAt: "2026-12-10T10:00" };
    expect(closeRequestOf(draft, context)).toEqual({
      companyId: "c1",
      reasons: ["task_due", "hot"],
      lastTaskId: "t1",
      plannedResultOutcome: "partly",
      outcomeComment: "wants a discount",
      risks: null,
      opportunities: null,
      secondsSpent: 95,
      dealId: "d1",
      lost: null,
      nextTask: { title: "Send the offer", dueAt: "2026-12-10T07:00:00.000Z", plannedResult: null, dealId: "d1" },
    });
  });

  it("an empty next task still goes, so the server names its missing title and date", () => {
    expect(closeRequestOf(emptyDraft(null), { ...context, dealId: null }).nextTask).toEqual({ dueAt: null, plannedResult: null, dealId: null });
  });

  it("lost: the chosen deal and its reason, no next task", () => {
    const body = closeRequestOf({ ...emptyDraft("d1"), mode: "lost", lostDealId: "d2", lostReason: "Went with a competitor", taskTitle: "ignored" }, context);
    expect(body).toMatchObject({ dealId: "d2", nextTask: null, lost: { dealId: "d2", lostReason: "Went with a competitor" } });
  });

  it("no outcome without a last task", () => {
    expect(closeRequestOf({ ...emptyDraft(null), plannedResultOutcome: "reached" }, { ...context, lastTaskId: null }).plannedResultOutcome).toBeNull();
  });
});

describe("field messages", () => {
  it.each([
    ["nextTask", "required", "needNextTask"],
    ["nextTask.dueAt", "required", "needDate"],
    ["nextTask.dueAt", "in_the_past", "dateInPast"],
    ["lost.lostReason", "required", "needLostReason"],
    ["lost", "conflict", "notBoth"],
    ["lost.dealId", "invalid", "foreignDeal"],
    ["outcomeComment", "required", "needComment"],
    ["somethingElse", "invalid", null],
  ] as const)("%s %s → %s", (field, code, key) => expect(fieldMessageKey(field, code)).toBe(key));
});

describe("the log and the settings", () => {
  it.each([
    [null, "queue"],
    ["log", "log"],
    ["settings", "settings"],
    ["other", "queue"],
  ] as const)("?tab=%s → %s", (value, tab) => expect(reviewTabOf(value)).toBe(tab));

  it.each([
    ["weekly", "every_two_days", true],
    ["every_two_days", "every_two_days", false],
    ["daily", "every_two_days", false],
    ["twice_daily", "weekly", false],
    ["weekly", "weekly", false],
  ] as const)("%s with %s allowed: too slow %s", (cadence, slowest, slow) => expect(tooSlowForDeals(cadence, slowest)).toBe(slow));

  it("sweep time HH:MM", () => {
    expect(["18:00", "09:05", "23:59"].map(isTimeOfDay)).toEqual([true, true, true]);
    expect(["24:00", "9:00", "18:0", ""].map(isTimeOfDay)).toEqual([false, false, false, false]);
  });

  it("sends only the stages that differ from the default", () => {
    expect(staleDaysRequestOf({ a: 3, b: null, c: 7, d: 14 }, 7)).toEqual({ a: 3, d: 14 });
  });

  it("line points over weeks, and time per client as m:ss", () => {
    expect(linePoints([], 100, 40)).toEqual([]);
    expect(linePoints([60], 100, 40)).toEqual([{ x: 50, y: 4 }]);
    expect(linePoints([0, 60, 30], 108, 40)).toEqual([
      { x: 4, y: 36 },
      { x: 54, y: 4 },
      { x: 104, y: 20 },
    ]);
    expect([0, 59, 60, 245, 3600].map(minutesSeconds)).toEqual(["0:00", "0:59", "1:00", "4:05", "60:00"]);
  });
});
