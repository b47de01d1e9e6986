import { plannedResultOutcomeSchema, reviewReasonSchema, type ReviewItem, type ReviewSession } from "@conveyor/contracts";
import type { ReviewItemRow, ReviewSessionRow } from "../repositories/review.repository";

/** [daily-review] review rows → wire shapes. */

export const presentReviewItem = (row: ReviewItemRow): ReviewItem => ({
  id: row.id,
  sessionId: row.sessionId,
  reviewer: { id: row.reviewerId, name: row.reviewerName },
  seller: { id: row.sellerId, name: row.sellerName },
  company: { id: row.companyId, name: row.companyName },
  dealId: row.dealId,
  reasons: row.reasons.flatMap((r) => {
    const parsed = reviewReasonSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  }),
  lastTaskId: row.lastTaskId,
  plannedResultOutcome: row.plannedResultOutcome === null ? null : plannedResultOutcomeSchema.parse(row.plannedResultOutcome),
  outcomeComment: row.outcomeComment,
  risks: row.risks,
  opportunities: row.opportunities,
  nextTask:
    row.nextTaskId && row.nextTaskTitle !== null && row.nextTaskDueAt
      ? {
          id: row.nextTaskId,
          title: row.nextTaskTitle,
          dueAt: row.nextTaskDueAt.toISOString(),
          plannedResult: row.nextTaskPlannedResult,
          doneAt: row.nextTaskDoneAt?.toISOString() ?? null,
        }
      : null,
  closedAsLost: row.closedAsLost,
  lostReason: row.lostReason,
  secondsSpent: row.secondsSpent,
  reviewedAt: row.reviewedAt.toISOString(),
});

export const presentReviewSession = (row: ReviewSessionRow): ReviewSession => ({
  id: row.id,
  reviewer: { id: row.reviewerId, name: row.reviewerName },
  seller: { id: row.sellerId, name: row.sellerName },
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  clientsReviewed: row.clientsReviewed,
});
