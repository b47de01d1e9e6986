import type { CloseReviewItem, ReviewItem, ReviewSession } from "@conveyor/contracts";
import { dayBounds, reviewCloseProblems } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Tx } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { findCompany } from "../repositories/company.repository";
import { findDeal } from "../repositories/deal.repository";
import { lostStageOfDeal, taskOfClient } from "../repositories/review-client.repository";
import { finishSession, findOwnSession, insertReviewItem, insertReviewSession, listReviewItems, type ReviewSessionRow } from "../repositories/review.repository";
import { presentReviewItem, presentReviewSession } from "../presenters/review.presenter";
import type { Viewer } from "../scope";
import { moveDealIn } from "./manage-deals";
import { createTaskIn } from "./manage-tasks";
import { mustReviewSeller } from "./review-context";

/*
 * M2.1: a reviewer's sitting with one seller, and closing each client's review — the outcome of the last
 * task's planned result, risks and chances, and a next step in the same transaction: the seller's next task
 * with a date, or the deal moved to its lost stage with the reason. Without one of them nothing is written.
 */

const mustOwnSession = async (tx: Tx, viewer: Viewer, id: string): Promise<ReviewSessionRow> => {
  const session = await findOwnSession(tx, viewer, id);
  if (!session) throw notFound("The review session");
  return session;
};

/** Starts a sitting with a seller the viewer may review (a seller asking: 403; outside their scope: 404). */
export const startReviewSession = async (context: AppContext, viewer: Viewer, sellerId: string): Promise<ReviewSession> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const seller = await mustReviewSeller(tx, viewer, sellerId);
    const id = await insertReviewSession(tx, viewer, seller.id, now);
    return presentReviewSession(await mustOwnSession(tx, viewer, id));
  });
};

export const finishReviewSession = async (context: AppContext, viewer: Viewer, id: string): Promise<ReviewSession> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    await mustOwnSession(tx, viewer, id);
    await finishSession(tx, viewer, id, now);
    return presentReviewSession(await mustOwnSession(tx, viewer, id));
  });
};

const fieldProblem = (field: string, message: string) =>
  new AppError("review_incomplete", message, { errors: [{ field, code: "invalid", message }] });

/** Closes one client's review in the viewer's session (see the file's comment); 400 `review_incomplete` names the field at fault. */
export const closeReviewItem = async (context: AppContext, viewer: Viewer, sessionId: string, input: CloseReviewItem): Promise<ReviewItem> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const session = await mustOwnSession(tx, viewer, sessionId);
    // The reviewer's scope is checked again: a team lead moved off the team cannot go on with the sitting.
    await mustReviewSeller(tx, viewer, session.sellerId);
    const company = await findCompany(tx, viewer, input.companyId);
    if (!company) throw notFound("The client");
    const cal = await loadOrgCalendar(tx, viewer.organizationId, now);
    const problems = reviewCloseProblems(
      {
        outcome: input.plannedResultOutcome ?? null,
        outcomeComment: input.outcomeComment ?? null,
        nextTask: input.nextTask ? { title: input.nextTask.title ?? null, dueAt: input.nextTask.dueAt ? new Date(input.nextTask.dueAt) : null } : null,
        lost: input.lost ?? null,
      },
      dayBounds(now, cal.timeZone).start,
    );
    if (problems.length > 0) {
      throw new AppError("review_incomplete", problems[0]?.message, { errors: problems.map((p) => ({ field: p.field, code: p.code, message: p.message })) });
    }
    const dealId = input.lost?.dealId ?? input.dealId ?? null;
    const deal = dealId ? await findDeal(tx, viewer, dealId) : undefined;
    if (dealId && (!deal || deal.companyId !== company.id)) {
      throw fieldProblem(input.lost ? "lost.dealId" : "dealId", "Not a deal of this client you can see");
    }
    if (input.lastTaskId && !(await taskOfClient(tx, viewer.organizationId, company.id, input.lastTaskId))) {
      throw fieldProblem("lastTaskId", "Not a task of this client");
    }

    let nextTaskId: string | null = null;
    let dealStageId = deal?.stageId ?? null;
    if (input.nextTask) {
      const task = await createTaskIn(
        tx,
        viewer,
        {
          title: input.nextTask.title ?? "",
          type: input.nextTask.type ?? "follow_up",
          dueAt: input.nextTask.dueAt ?? now.toISOString(),
          companyId: company.id,
          assigneeId: session.sellerId,
          plannedResult: input.nextTask.plannedResult ?? null,
          dealId: input.nextTask.dealId ?? dealId,
        },
        now,
      );
      nextTaskId = task.id;
    } else if (deal && input.lost) {
      const lostStageId = await lostStageOfDeal(tx, viewer.organizationId, deal.id);
      if (!lostStageId) throw fieldProblem("lost.dealId", "The deal's pipeline has no lost stage");
      await moveDealIn(tx, viewer, deal.id, { stageId: lostStageId, lostReason: input.lost.lostReason ?? "" }, now);
      dealStageId = lostStageId;
    }

    const id = await insertReviewItem(tx, viewer, {
      sessionId: session.id,
      reviewerId: viewer.userId,
      sellerId: session.sellerId,
      companyId: company.id,
      dealId: deal?.id ?? null,
      dealStageId,
      reasons: input.reasons ?? [],
      lastTaskId: input.lastTaskId ?? null,
      plannedResultOutcome: input.plannedResultOutcome ?? null,
      outcomeComment: input.outcomeComment || null,
      risks: input.risks || null,
      opportunities: input.opportunities || null,
      nextTaskId,
      closedAsLost: nextTaskId === null,
      lostReason: nextTaskId === null ? (input.lost?.lostReason ?? null) : null,
      secondsSpent: input.secondsSpent,
      reviewedAt: now,
    });
    const rows = await listReviewItems(tx, viewer.organizationId, { sellerIds: null, id }, 1);
    const row = rows[0];
    if (!row) throw notFound("The review item");
    return presentReviewItem(row);
  });
};
