import { describe, expect, it } from "vitest";
import { weekdayOf } from "../calendars/calendar-date";
import {
  buildReviewQueue,
  defaultStaleSettings,
  isStaleInStage,
  reviewReasonsOf,
  staleDaysFor,
  type QueueClientFacts,
  type QueueRuleInput,
  type ReviewReason,
} from "./queue";
import { cadenceWarning, isReviewDue, medianDaysToClose, nextReviewDueOn, reviewSlotOf, slowestAllowedCadence, type ReviewCadence } from "./cadence";
import { outcomeAfterReview, reviewCloseProblems, reviewTimeTrend } from "./review-close";
import { hasMoneyThisMonth, prospectingProgress, prospectingTargetCount, warmToWonRate } from "./prospecting";

const now = new Date("2026-03-18T09:00:00Z"); // Wednesday, 12:00 in Moscow
const input: QueueRuleInput = {
  now,
  today: "2026-03-18",
  endOfToday: new Date("2026-03-18T21:00:00Z"),
  newSince: new Date("2026-03-16T09:00:00Z"),
  stale: { defaultStaleDays: 7, staleDaysByStage: { proposal: 3 } },
};
const days = (n: number) => new Date(now.getTime() - n * 86_400_000);

const quiet: QueueClientFacts = {
  companyId: "c-quiet",
  temperature: "warm",
  createdAt: days(30),
  earliestOpenTaskDueAt: new Date("2026-03-20T09:00:00Z"),
  openDeals: [{ id: "d", stageId: "talks", stageEnteredAt: days(2), amountMinor: 100, expectedCloseDate: "2026-03-31", hasOpenTask: true }],
};

describe("reviewReasonsOf (M2.1, M2.6)", () => {
  it.each<[string, Partial<QueueClientFacts>, ReviewReason[]]>([
    ["a quiet client with a next task: none", {}, []],
    ["a task due later today", { earliestOpenTaskDueAt: new Date("2026-03-18T15:00:00Z") }, ["task_due"]],
    ["an overdue task", { earliestOpenTaskDueAt: days(3) }, ["task_due"]],
    ["a task due tomorrow: not due", { earliestOpenTaskDueAt: new Date("2026-03-19T06:00:00Z") }, []],
    ["a deal without an open task", { openDeals: [{ ...quiet.openDeals[0]!, hasOpenTask: false }] }, ["no_next_task"]],
    ["8 days in a 7-day stage", { openDeals: [{ ...quiet.openDeals[0]!, stageEnteredAt: days(8) }] }, ["stale_in_stage"]],
    ["6 days in a 7-day stage: not stale", { openDeals: [{ ...quiet.openDeals[0]!, stageEnteredAt: days(6) }] }, []],
    ["4 days in the 3-day proposal stage", { openDeals: [{ ...quiet.openDeals[0]!, stageId: "proposal", stageEnteredAt: days(4) }] }, ["stale_in_stage"]],
    ["planned result date yesterday", { openDeals: [{ ...quiet.openDeals[0]!, expectedCloseDate: "2026-03-17" }] }, ["result_date_passed"]],
    ["planned result date today: not passed", { openDeals: [{ ...quiet.openDeals[0]!, expectedCloseDate: "2026-03-18" }] }, []],
    ["a hot client", { temperature: "hot" }, ["hot"]],
    ["created after the last review", { createdAt: days(1) }, ["new_since_review"]],
    [
      "all reasons, in the screen's order",
      {
        temperature: "hot",
        createdAt: days(1),
        earliestOpenTaskDueAt: days(1),
        openDeals: [{ id: "d", stageId: "talks", stageEnteredAt: days(10), amountMinor: 5, expectedCloseDate: "2026-03-01", hasOpenTask: false }],
      },
      ["task_due", "no_next_task", "stale_in_stage", "result_date_passed", "hot", "new_since_review"],
    ],
  ])("%s", (_, change, expected) => {
    expect(reviewReasonsOf({ ...quiet, ...change }, input)).toEqual(expected);
  });

  it("stale days per stage fall back to the default", () => {
    expect(staleDaysFor("proposal", input.stale)).toBe(3);
    expect(staleDaysFor("talks", input.stale)).toBe(7);
    expect(staleDaysFor("x", { defaultStaleDays: 5, staleDaysByStage: { x: 0 } })).toBe(5);
    expect(isStaleInStage({ stageId: "x", stageEnteredAt: days(8) }, defaultStaleSettings, now)).toBe(true);
  });
});

describe("buildReviewQueue (M2.6: money at stake first)", () => {
  const client = (id: string, amounts: number[], change: Partial<QueueClientFacts> = {}): QueueClientFacts => ({
    ...quiet,
    companyId: id,
    temperature: "hot",
    openDeals: amounts.map((amountMinor, i) => ({ ...quiet.openDeals[0]!, id: `${id}-${i}`, amountMinor })),
    ...change,
  });

  it("orders by the money at stake, then by the number of reasons, then by id", () => {
    const queue = buildReviewQueue(
      [client("small", [100]), client("big", [600, 500]), client("mid-two", [300], { createdAt: days(1) }), client("mid-one", [300]), client("none", [999], { temperature: "warm" })],
      input,
    );
    expect(queue.map((e) => e.companyId)).toEqual(["big", "mid-two", "mid-one", "small"]);
    expect(queue[0]?.moneyAtStakeMinor).toBe(1100);
  });

  it("filters by deal size (the client's largest open deal) and by reason", () => {
    const clients = [client("a", [100, 900]), client("b", [500, 500]), client("c", [50], { createdAt: days(1) })];
    expect(buildReviewQueue(clients, input, { minDealAmountMinor: 600 }).map((e) => e.companyId)).toEqual(["a"]);
    expect(buildReviewQueue(clients, input, { reason: "new_since_review" }).map((e) => e.companyId)).toEqual(["c"]);
  });
});

const weekdays = (date: string) => weekdayOf(date) !== 0 && weekdayOf(date) !== 6;

describe("cadence (M2.5)", () => {
  it.each<[ReviewCadence, { on: string; at: string } | null, string, string, boolean]>([
    ["daily", null, "2026-03-18", "09:00", true],
    ["daily", { on: "2026-03-18", at: "09:30" }, "2026-03-18", "17:00", false],
    ["daily", { on: "2026-03-17", at: "09:30" }, "2026-03-18", "08:00", true],
    ["daily", { on: "2026-03-13", at: "09:30" }, "2026-03-14", "10:00", false], // Saturday
    ["twice_daily", { on: "2026-03-18", at: "09:30" }, "2026-03-18", "12:00", false],
    ["twice_daily", { on: "2026-03-18", at: "09:30" }, "2026-03-18", "13:00", true],
    ["twice_daily", { on: "2026-03-18", at: "14:00" }, "2026-03-18", "17:00", false],
    ["every_two_days", { on: "2026-03-17", at: "10:00" }, "2026-03-18", "10:00", false],
    ["every_two_days", { on: "2026-03-16", at: "10:00" }, "2026-03-18", "10:00", true],
    // Friday → Monday is one working day, not three calendar days.
    ["every_two_days", { on: "2026-03-13", at: "10:00" }, "2026-03-16", "10:00", false],
    ["every_two_days", { on: "2026-03-13", at: "10:00" }, "2026-03-17", "10:00", true],
    ["weekly", { on: "2026-03-11", at: "10:00" }, "2026-03-17", "10:00", false],
    ["weekly", { on: "2026-03-11", at: "10:00" }, "2026-03-18", "10:00", true],
  ])("%s after %j, on %s at %s: due %s", (cadence, last, today, timeNow, due) => {
    expect(isReviewDue({ cadence, last, today, timeNow, middayAt: "13:00", isWorkingDay: weekdays })).toBe(due);
  });

  it("the next due date counts working days", () => {
    expect(nextReviewDueOn("every_two_days", { on: "2026-03-13", at: "10:00" }, "2026-03-13", "13:00", weekdays)).toBe("2026-03-17");
    expect(nextReviewDueOn("daily", { on: "2026-03-13", at: "10:00" }, "2026-03-13", "13:00", weekdays)).toBe("2026-03-16");
    expect(nextReviewDueOn("twice_daily", { on: "2026-03-13", at: "10:00" }, "2026-03-13", "13:00", weekdays)).toBe("2026-03-13");
    expect(nextReviewDueOn("weekly", null, "2026-03-14", "13:00", weekdays)).toBe("2026-03-16");
  });

  it("fast deals (≤ 14 days) need a review at least every two days", () => {
    expect(medianDaysToClose([3, 30, 10])).toBe(10);
    expect(medianDaysToClose([4, 10, 20, 30])).toBe(15);
    expect(medianDaysToClose([])).toBeNull();
    expect(slowestAllowedCadence(10)).toBe("every_two_days");
    expect(slowestAllowedCadence(40)).toBe("weekly");
    expect(cadenceWarning("weekly", 10)).toBe("too_slow_for_fast_deals");
    expect(cadenceWarning("every_two_days", 10)).toBeNull();
    expect(cadenceWarning("twice_daily", 5)).toBeNull();
    expect(cadenceWarning("weekly", 30)).toBeNull();
    expect(cadenceWarning("weekly", null)).toBeNull();
  });
});

describe("reviewCloseProblems (M2.1: no review closes without a next step)", () => {
  const startOfToday = new Date("2026-03-17T21:00:00Z");
  const fields = (i: Parameters<typeof reviewCloseProblems>[0]) => reviewCloseProblems(i, startOfToday).map((p) => p.field);

  it.each<[string, Parameters<typeof reviewCloseProblems>[0], string[]]>([
    ["nothing", {}, ["nextTask"]],
    ["a next task with a date", { nextTask: { title: "Call", dueAt: new Date("2026-03-19T07:00:00Z") } }, []],
    ["a next task without a date", { nextTask: { title: "Call", dueAt: null } }, ["nextTask.dueAt"]],
    ["a next task without a title", { nextTask: { title: " ", dueAt: new Date("2026-03-19T07:00:00Z") } }, ["nextTask.title"]],
    ["a next task due yesterday", { nextTask: { title: "Call", dueAt: new Date("2026-03-17T10:00:00Z") } }, ["nextTask.dueAt"]],
    ["lost with a reason", { lost: { dealId: "d", lostReason: "Price" } }, []],
    ["lost without a reason", { lost: { dealId: "d", lostReason: "" } }, ["lost.lostReason"]],
    ["lost without the deal", { lost: { lostReason: "Price" } }, ["lost.dealId"]],
    ["both", { lost: { dealId: "d", lostReason: "Price" }, nextTask: { title: "Call", dueAt: new Date("2026-03-19T07:00:00Z") } }, ["lost"]],
    [
      "not reached without a comment",
      { outcome: "not_reached", nextTask: { title: "Call", dueAt: new Date("2026-03-19T07:00:00Z") } },
      ["outcomeComment"],
    ],
    ["partly with a comment", { outcome: "partly", outcomeComment: "Budget later", nextTask: { title: "Call", dueAt: new Date("2026-03-19T07:00:00Z") } }, []],
    ["reached without a comment", { outcome: "reached", nextTask: { title: "Call", dueAt: new Date("2026-03-19T07:00:00Z") } }, []],
  ])("%s", (_, value, expected) => {
    expect(fields(value)).toEqual(expected);
  });

  it("the deal's outcome after a review", () => {
    expect(outcomeAfterReview({ stageId: "a", position: 1 }, { stageId: "a", position: 1, kind: "open" })).toBe("unchanged");
    expect(outcomeAfterReview({ stageId: "a", position: 1 }, { stageId: "w", position: 9, kind: "won" })).toBe("won");
    expect(outcomeAfterReview({ stageId: "a", position: 1 }, { stageId: "l", position: 9, kind: "lost" })).toBe("lost");
    expect(outcomeAfterReview({ stageId: "a", position: 1 }, { stageId: "b", position: 2, kind: "open" })).toBe("advanced");
    expect(outcomeAfterReview({ stageId: "b", position: 2 }, { stageId: "a", position: 1, kind: "open" })).toBe("moved_back");
  });

  it("the time-per-client trend", () => {
    expect(reviewTimeTrend(120, 300)).toBe("faster");
    expect(reviewTimeTrend(330, 300)).toBe("steady");
    expect(reviewTimeTrend(400, 300)).toBe("slower");
    expect(reviewTimeTrend(100, null)).toBe("no_data");
  });
});

describe("M2.2: no money this month", () => {
  const month = { from: "2026-03-01", to: "2026-03-31" };
  it.each<[string, Parameters<typeof hasMoneyThisMonth>[0], boolean]>([
    ["no deals", [], false],
    ["a warm deal this month", [{ temperature: "warm", expectedCloseDate: "2026-03-25" }], true],
    ["a hot deal this month", [{ temperature: "hot", expectedCloseDate: "2026-03-01" }], true],
    ["a cold deal this month", [{ temperature: "cold", expectedCloseDate: "2026-03-25" }], false],
    ["a hot deal next month", [{ temperature: "hot", expectedCloseDate: "2026-04-02" }], false],
    ["a hot deal without a date", [{ temperature: "hot", expectedCloseDate: null }], false],
  ])("%s → %s", (_, deals, expected) => {
    expect(hasMoneyThisMonth(deals, month)).toBe(expected);
  });

  it("the prospecting target covers the gap at the average deal and warm-to-won rate", () => {
    expect(prospectingTargetCount({ gapMinor: 1_000_000, averageDealMinor: 100_000, warmToWonRate: 0.25 })).toBe(40);
    expect(prospectingTargetCount({ gapMinor: 1_000_000, averageDealMinor: 100_000, warmToWonRate: 0.1 })).toBe(50);
    expect(prospectingTargetCount({ gapMinor: 10, averageDealMinor: 100_000, warmToWonRate: 0.5 })).toBe(1);
    expect(prospectingTargetCount({ gapMinor: null, averageDealMinor: 100, warmToWonRate: 0.5 })).toBe(10);
    expect(prospectingTargetCount({ gapMinor: 0, averageDealMinor: 100, warmToWonRate: 0.5 }, { defaultCount: 6, maxCount: 50 })).toBe(6);
    expect(prospectingProgress(10, 3)).toEqual({ reached: 3, remaining: 7, done: false });
    expect(prospectingProgress(2, 3)).toEqual({ reached: 3, remaining: 0, done: true });
  });
});

describe("reviewSlotOf (M2.5: one reminder per slot)", () => {
  it.each<[ReviewCadence, string, string]>([
    ["twice_daily", "09:30", "morning"],
    ["twice_daily", "12:59", "morning"],
    ["twice_daily", "13:00", "afternoon"],
    ["twice_daily", "17:45", "afternoon"],
    ["daily", "17:45", "day"],
    ["every_two_days", "09:00", "day"],
    ["weekly", "13:00", "day"],
  ])("%s at %s: %s", (cadence, time, slot) => {
    expect(reviewSlotOf(cadence, time, "13:00")).toBe(slot);
  });
});

describe("warmToWonRate (M2.2)", () => {
  it.each<[string, { reachedWarm: number; wonOfThem: number }, number | null, number | null]>([
    ["warm deals: their share won", { reachedWarm: 4, wonOfThem: 1 }, 0.1, 0.25],
    ["all warm deals won", { reachedWarm: 3, wonOfThem: 3 }, 0.5, 1],
    ["no warm deal closed: the win rate", { reachedWarm: 0, wonOfThem: 0 }, 0.2, 0.2],
    ["nothing closed: unknown", { reachedWarm: 0, wonOfThem: 0 }, null, null],
  ])("%s", (_, funnel, winRate, expected) => {
    expect(warmToWonRate(funnel, winRate)).toBe(expected);
  });
});
