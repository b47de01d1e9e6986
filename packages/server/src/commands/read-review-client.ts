import type { ReviewClient, ReviewTaskRef } from "@conveyor/contracts";
import { dayBounds, reviewReasonsOf } from "@conveyor/domain";
import type { AppContext } from "../context";
import { forbidden, notFound } from "../http/app-error";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { findCompany } from "../repositories/company.repository";
import { lastInteractions, lastTaskWithPlannedResult, nextOpenTaskOfClient, type ClientTaskRow } from "../repositories/review-client.repository";
import { lastReviewsOfSeller, openDealsOf, openStages } from "../repositories/review-queue.repository";
import { listReviewItems } from "../repositories/review.repository";
import { presentReviewItem } from "../presenters/review.presenter";
import type { Viewer } from "../scope";
import { presentReviewDeal } from "./read-review-queue";
import { mustReviewSeller, reviewSlotStart, settingsForSeller } from "./review-context";

const interactionsShown = 10;
const previousReviewsShown = 3;
const dayMs = 86_400_000;

const taskRef = (task: ClientTaskRow | undefined): ReviewTaskRef | null =>
  task ? { id: task.id, title: task.title, dueAt: task.dueAt.toISOString(), plannedResult: task.plannedResult, doneAt: task.doneAt?.toISOString() ?? null } : null;

/**
 * M2.1: one client on one screen — the card, the last interactions, the last task's planned result (reached?),
 * the open deals, the next task, why it is in the queue and its previous reviews. The client must be one the
 * viewer sees and its owner (or `sellerId`) a seller they may review.
 */
export const readReviewClient = async (context: AppContext, viewer: Viewer, companyId: string, sellerId?: string): Promise<ReviewClient> => {
  const { db } = context.database;
  const now = context.now();
  const org = viewer.organizationId;
  if (viewer.role === "seller") throw forbidden("Sellers do not review; they see their own reviews and My day");
  const company = await findCompany(db, viewer, companyId);
  if (!company) throw notFound("The client");
  const seller = await mustReviewSeller(db, viewer, sellerId ?? company.ownerId);
  const [settings, cal, stages] = await Promise.all([settingsForSeller(db, org, seller.id), loadOrgCalendar(db, org, now), openStages(db, org)]);
  const [interactions, lastTask, nextTask, deals, reviews, previous] = await Promise.all([
    lastInteractions(db, org, company.id, interactionsShown),
    lastTaskWithPlannedResult(db, org, company.id, now),
    nextOpenTaskOfClient(db, org, company.id),
    openDealsOf(db, org, { companyId: company.id }, stages.map((s) => s.id)),
    lastReviewsOfSeller(db, org, seller.id, reviewSlotStart(now, cal.timeZone, settings.cadence)),
    listReviewItems(db, org, { sellerIds: null, companyId: company.id }, previousReviewsShown),
  ]);
  const reasons = reviewReasonsOf(
    {
      companyId: company.id,
      temperature: company.temperature === "hot" || company.temperature === "warm" ? company.temperature : "cold",
      createdAt: company.createdAt,
      earliestOpenTaskDueAt: nextTask?.dueAt ?? null,
      openDeals: deals,
    },
    { now, today: cal.today, endOfToday: dayBounds(now, cal.timeZone).end, newSince: reviews.lastBefore ?? new Date(now.getTime() - 7 * dayMs), stale: settings.stale },
  );
  const stageById = new Map(stages.map((s) => [s.id, s]));
  return {
    company: {
      id: company.id,
      name: company.name,
      clientType: company.status === "current" || company.status === "permanent" ? company.status : "new",
      temperature: company.temperature === "hot" || company.temperature === "warm" ? company.temperature : "cold",
      owner: { id: company.ownerId, name: company.ownerName },
      region: company.region,
      audience: company.audience,
      level: company.level,
      createdAt: company.createdAt.toISOString(),
      lastActivityAt: company.lastActivityAt?.toISOString() ?? null,
    },
    reasons,
    interactions: interactions.map((i) => ({
      id: i.id,
      type: i.type,
      occurredAt: i.occurredAt.toISOString(),
      outcome: i.outcome,
      body: i.body,
      author: { id: i.authorId, name: i.authorName },
    })),
    lastTask: taskRef(lastTask),
    openDeals: deals.map((d) => presentReviewDeal(d, stageById, now)),
    nextTask: taskRef(nextTask),
    previousReviews: previous.map(presentReviewItem),
  };
};
