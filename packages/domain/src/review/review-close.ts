/*
 * M2.1: closing one client's review. The head asks whether the planned result of the last negotiation was
 * reached; if not, the actions are corrected; either way the client leaves the review with a next step —
 * a next task with a date, or the deal closed as lost with its reason. Nothing is lost silently (M2.6).
 */

/** Was the planned result of the last task reached? */
export const plannedResultOutcomes = ["reached", "partly", "not_reached"] as const;
export type PlannedResultOutcome = (typeof plannedResultOutcomes)[number];

export type ReviewCloseInput = {
  outcome?: PlannedResultOutcome | null;
  outcomeComment?: string | null;
  nextTask?: { title?: string | null; dueAt?: Date | null } | null;
  lost?: { dealId?: string | null; lostReason?: string | null } | null;
};

/** One field at fault, named as the request names it. */
export type ReviewCloseProblem = { field: string; code: "required" | "in_the_past" | "conflict"; message: string };

const blank = (value: string | null | undefined): boolean => (value ?? "").trim().length === 0;

/**
 * M2.1 / M2.6: what stops a review item from closing — none when it may close. A review closes only with a
 * next task that has a title and a due time not before the start of today, or with a deal closed as lost
 * with a reason (not both). A result reached only partly or not at all needs a comment: what goes wrong is
 * what the head corrects.
 */
export const reviewCloseProblems = (input: ReviewCloseInput, startOfToday: Date): ReviewCloseProblem[] => {
  const problems: ReviewCloseProblem[] = [];
  const task = input.nextTask ?? null;
  const lost = input.lost ?? null;
  if (task !== null && lost !== null) {
    problems.push({ field: "lost", code: "conflict", message: "Either set a next task or close the deal as lost, not both" });
  } else if (lost !== null) {
    if (blank(lost.dealId)) problems.push({ field: "lost.dealId", code: "required", message: "Which deal was lost" });
    if (blank(lost.lostReason)) problems.push({ field: "lost.lostReason", code: "required", message: "Say why the deal was lost" });
  } else if (task === null) {
    problems.push({ field: "nextTask", code: "required", message: "Set a next task with a date, or close the deal as lost with a reason" });
  } else {
    if (blank(task.title)) problems.push({ field: "nextTask.title", code: "required", message: "Say what the next task is" });
    if (!task.dueAt) problems.push({ field: "nextTask.dueAt", code: "required", message: "Give the next task a date" });
    else if (task.dueAt.getTime() < startOfToday.getTime()) problems.push({ field: "nextTask.dueAt", code: "in_the_past", message: "The next task cannot be due before today" });
  }
  if ((input.outcome === "partly" || input.outcome === "not_reached") && blank(input.outcomeComment)) {
    problems.push({ field: "outcomeComment", code: "required", message: "Say what went differently from the planned result" });
  }
  return problems;
};

/** How a reviewed deal fared after its review, for the review log's "outcome changed". */
export type OutcomeChange = "won" | "lost" | "advanced" | "moved_back" | "unchanged";

/**
 * M2.6 evidence: a deal's outcome after a review, from its stage then and now — won, lost, moved forward
 * or back in the pipeline, or unchanged.
 */
export const outcomeAfterReview = (
  atReview: { stageId: string; position: number },
  now: { stageId: string; position: number; kind: "open" | "won" | "lost" },
): OutcomeChange => {
  if (atReview.stageId === now.stageId) return "unchanged";
  switch (now.kind) {
    case "won":
      return "won";
    case "lost":
      return "lost";
    case "open":
      return now.position >= atReview.position ? "advanced" : "moved_back";
  }
};

/** M2.5: a first review of a client takes about 30 minutes, a practiced one 1–5. */
export const practicedReviewSeconds = { min: 60, max: 300, first: 1800 } as const;

export type TimeTrend = "faster" | "slower" | "steady" | "no_data";

/**
 * M2.5: the trend of time spent per client, this period against the one before: "faster" or "slower" when
 * the average moved by more than `tolerance` (a share, 10% by default), otherwise "steady".
 */
export const reviewTimeTrend = (currentAverageSeconds: number | null, previousAverageSeconds: number | null, tolerance = 0.1): TimeTrend => {
  if (currentAverageSeconds === null || previousAverageSeconds === null || previousAverageSeconds <= 0) return "no_data";
  const change = (currentAverageSeconds - previousAverageSeconds) / previousAverageSeconds;
  if (change < -tolerance) return "faster";
  if (change > tolerance) return "slower";
  return "steady";
};
