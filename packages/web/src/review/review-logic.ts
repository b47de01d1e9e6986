import type { CloseReviewItem, plannedResultOutcomeValues, reviewReasonValues } from "@conveyor/contracts";
import { fromZonedInputValue } from "../i18n/zoned-time";

export type ReviewReason = (typeof reviewReasonValues)[number];
export type PlannedResultOutcome = (typeof plannedResultOutcomeValues)[number];

/*
 * The review workspace's pure rules: how the cursor moves through the queue, which client opens after one is
 * closed, the order reasons are shown in, and how the close form's draft becomes the request body (M2.1).
 */

/**
 * The reasons as a head reads them, most urgent first: a task already due or a result date passed loses money
 * today; a deal without a next step or stuck in its stage loses it soon; hot and new clients are chances.
 */
export const reasonOrder: readonly ReviewReason[] = ["task_due", "result_date_passed", "no_next_task", "stale_in_stage", "hot", "new_since_review"];

export const sortReasons = (reasons: readonly ReviewReason[]): ReviewReason[] =>
  [...new Set(reasons)].sort((a, b) => reasonOrder.indexOf(a) - reasonOrder.indexOf(b));

export type QueueKey = "next" | "previous";

/** j and ↓ go down the queue, k and ↑ go up; anything else is not the queue's key. */
export const queueKeyOf = (key: string): QueueKey | null => {
  switch (key) {
    case "j":
    case "ArrowDown":
      return "next";
    case "k":
    case "ArrowUp":
      return "previous";
    default:
      return null;
  }
};

/** The cursor after a key: it stops at both ends; with nothing under it (-1) the first move lands on the first client. */
export const moveCursor = (current: number, length: number, move: QueueKey): number => {
  if (length === 0) return -1;
  if (current < 0 || current >= length) return move === "next" ? 0 : length - 1;
  return move === "next" ? Math.min(current + 1, length - 1) : Math.max(current - 1, 0);
};

/** The client to open once `closedId` is closed: the one after it in the queue as it was, else the one before, else none. */
export const nextAfterClose = (ids: readonly string[], closedId: string): string | null => {
  const at = ids.indexOf(closedId);
  if (at < 0) return ids[0] ?? null;
  return ids[at + 1] ?? ids[at - 1] ?? null;
};

export type CloseMode = "next_task" | "lost";

/** What the reviewer has typed for one client; strings as the inputs hold them. */
export type CloseDraft = {
  mode: CloseMode;
  plannedResultOutcome: PlannedResultOutcome | null;
  outcomeComment: string;
  risks: string;
  opportunities: string;
  taskTitle: string;
  /** "YYYY-MM-DDTHH:mm" on the organization's clock. */
  taskDueAt: string;
  taskPlannedResult: string;
  lostDealId: string | null;
  lostReason: string;
};

export const emptyDraft = (firstDealId: string | null): CloseDraft => ({
  mode: "next_task",
  plannedResultOutcome: null,
  outcomeComment: "",
  risks: "",
  opportunities: "",
  taskTitle: "",
  taskDueAt: "",
  taskPlannedResult: "",
  lostDealId: firstDealId,
  lostReason: "",
});

export type CloseContext = {
  companyId: string;
  reasons: readonly ReviewReason[];
  lastTaskId: string | null;
  /** The deal under discussion: the lost one, else the client's largest open deal. */
  dealId: string | null;
  secondsSpent: number;
  timeZone: string;
};

const text = (value: string): string | null => (value.trim() === "" ? null : value.trim());

/**
 * The request body for closing one client's review. Exactly one of a next task or a lost deal is sent, as the
 * mode says; blanks are sent as missing so the server names the field at fault (400 review_incomplete).
 */
export const closeRequestOf = (draft: CloseDraft, context: CloseContext): CloseReviewItem => {
  const common = {
    companyId: context.companyId,
    reasons: sortReasons(context.reasons),
    lastTaskId: context.lastTaskId,
    plannedResultOutcome: context.lastTaskId ? draft.plannedResultOutcome : null,
    outcomeComment: text(draft.outcomeComment),
    risks: text(draft.risks),
    opportunities: text(draft.opportunities),
    secondsSpent: Math.min(Math.max(Math.round(context.secondsSpent), 0), 86_400),
  };
  switch (draft.mode) {
    case "lost":
      return { ...common, dealId: draft.lostDealId ?? context.dealId, nextTask: null, lost: { dealId: draft.lostDealId, lostReason: text(draft.lostReason) } };
    case "next_task": {
      const due = draft.taskDueAt === "" ? null : fromZonedInputValue(draft.taskDueAt, context.timeZone);
      const title = text(draft.taskTitle);
      return {
        ...common,
        dealId: context.dealId,
        lost: null,
        nextTask: { ...(title !== null && { title }), dueAt: due ? due.toISOString() : null, plannedResult: text(draft.taskPlannedResult), dealId: context.dealId },
      };
    }
  }
};

/** The form's fields the server may name; an error on any other field shows above the form. */
export const closeFormFields = ["nextTask", "nextTask.title", "nextTask.dueAt", "lost", "lost.dealId", "lost.lostReason", "outcomeComment", "dealId"] as const;
export type CloseFormField = (typeof closeFormFields)[number];

export type FieldMessageKey =
  | "chooseOutcome"
  | "needNextTask"
  | "needTitle"
  | "needDate"
  | "dateInPast"
  | "needDeal"
  | "needLostReason"
  | "needComment"
  | "notBoth"
  | "foreignDeal";

/** The message under a field for the rule's code (domain/review/review-close.ts), in the reader's words. */
export const fieldMessageKey = (field: string, code: string): FieldMessageKey | null => {
  if (code === "in_the_past") return "dateInPast";
  if (code === "conflict") return "notBoth";
  if (code !== "required") return field === "lost.dealId" || field === "dealId" ? "foreignDeal" : null;
  switch (field) {
    case "nextTask":
      return "needNextTask";
    case "nextTask.title":
      return "needTitle";
    case "nextTask.dueAt":
      return "needDate";
    case "lost.dealId":
      return "needDeal";
    case "lost.lostReason":
      return "needLostReason";
    case "outcomeComment":
      return "needComment";
    default:
      return null;
  }
};

// ---------------------------------------------------------------- the log and the settings (M2 evidence, M2.5)

export type ReviewTab = "queue" | "log" | "settings";
/** The workspace's tab from `?tab=`: the queue unless the log or the settings are asked for. */
export const reviewTabOf = (value: string | null): ReviewTab => (value === "log" || value === "settings" ? value : "queue");

export type Cadence = "twice_daily" | "daily" | "every_two_days" | "weekly";
export const cadences: readonly Cadence[] = ["twice_daily", "daily", "every_two_days", "weekly"];
const reviewsPerWorkingDay = (cadence: Cadence): number => {
  switch (cadence) {
    case "twice_daily":
      return 2;
    case "daily":
      return 1;
    case "every_two_days":
      return 1 / 2;
    case "weekly":
      return 1 / 5;
  }
};

/**
 * M2.5, live while the head edits: the chosen cadence is too slow when it reviews less often than the slowest the
 * team's deals allow (the server's `slowestAllowedCadence`, from the median days to close of its won deals).
 */
export const tooSlowForDeals = (cadence: Cadence, slowestAllowed: Cadence): boolean => reviewsPerWorkingDay(cadence) < reviewsPerWorkingDay(slowestAllowed);

/** "12:5" is not a time: the sweep's local time is HH:MM. */
export const isTimeOfDay = (value: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/**
 * The team's stale days per stage as the request sends them: a stage left empty (or at the default) follows the
 * default and is not sent.
 */
export const staleDaysRequestOf = (draft: Readonly<Record<string, number | null>>, defaultDays: number): Record<string, number> =>
  Object.fromEntries(Object.entries(draft).flatMap(([stageId, days]) => (days === null || days === defaultDays ? [] : [[stageId, days]])));

/** The points of a small line chart (x left to right, y from the top) for values over weeks; no values, no points. */
export const linePoints = (values: readonly number[], width: number, height: number, pad = 4): Array<{ x: number; y: number }> => {
  if (values.length === 0) return [];
  const max = Math.max(...values, 1);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values.map((v, i) => ({
    x: Math.round((values.length > 1 ? pad + i * step : width / 2) * 10) / 10,
    y: Math.round((height - pad - (Math.max(0, v) / max) * (height - 2 * pad)) * 10) / 10,
  }));
};

/** Seconds as minutes and seconds ("4:05"), the way a review's time per client is read. */
export const minutesSeconds = (seconds: number): string => {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
};
