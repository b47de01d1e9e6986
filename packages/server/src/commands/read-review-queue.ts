import type { ReviewDeal, ReviewQueue, ReviewQueueQuery } from "@conveyor/contracts";
import { buildReviewQueue, dayBounds, isReviewDue, localDateOf, localTimeOf, nextReviewDueOn, type QueueClientFacts, type ReviewReason } from "@conveyor/domain";
import type { AppContext } from "../context";
import { loadOrgCalendar } from "../kpi/org-calendar";
import {
  lastReviewsOfSeller,
  openStages,
  queueCompanies,
  sellerHotOrNewClients,
  sellerNextTasks,
  openDealsOf,
  type OpenStage,
  type SellerOpenDeal,
} from "../repositories/review-queue.repository";
import type { Viewer } from "../scope";
import { mustReviewSeller, reviewMiddayAt, reviewSlotStart, settingsForSeller } from "./review-context";
import { readProspectingProposal } from "./manage-prospecting";

const dayMs = 86_400_000;
/** A seller never reviewed: clients of the last week count as new. */
const firstReviewNewWindowDays = 7;

export const presentReviewDeal = (deal: SellerOpenDeal, stages: ReadonlyMap<string, OpenStage>, now: Date): ReviewDeal => {
  const stage = stages.get(deal.stageId);
  return {
    id: deal.id,
    title: deal.title,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    stage: { id: deal.stageId, name: stage?.name ?? "", probability: stage?.probability ?? 0 },
    stageEnteredAt: deal.stageEnteredAt.toISOString(),
    daysInStage: Math.max(0, Math.floor((now.getTime() - deal.stageEnteredAt.getTime()) / dayMs)),
    expectedCloseDate: deal.expectedCloseDate,
    hasOpenTask: deal.hasOpenTask,
  };
};

const asLocal = (at: Date | null, timeZone: string) => (at ? { on: localDateOf(at, timeZone), at: localTimeOf(at, timeZone) } : null);

/**
 * M2.1 / M2.6: the seller's clients to review now — each with its reasons, ordered by the money at stake —
 * filtered by client type, temperature, deal size (the team's high-ticket setting by default) and reason.
 * Clients the seller was already reviewed on in this slot (today, or this half-day when twice daily) are left out.
 */
export const readReviewQueue = async (context: AppContext, viewer: Viewer, query: ReviewQueueQuery): Promise<ReviewQueue> => {
  const { db } = context.database;
  const now = context.now();
  const org = viewer.organizationId;
  const seller = await mustReviewSeller(db, viewer, query.sellerId);
  const [settings, cal, stages] = await Promise.all([settingsForSeller(db, org, seller.id), loadOrgCalendar(db, org, now), openStages(db, org)]);
  const slotStart = reviewSlotStart(now, cal.timeZone, settings.cadence);
  const { end: endOfToday } = dayBounds(now, cal.timeZone);
  const [deals, nextTasks, reviews] = await Promise.all([
    openDealsOf(db, org, { sellerId: seller.id }, stages.map((s) => s.id)),
    sellerNextTasks(db, org, seller.id),
    lastReviewsOfSeller(db, org, seller.id, slotStart),
  ]);
  const newSince = reviews.lastBefore ?? new Date(now.getTime() - firstReviewNewWindowDays * dayMs);
  const hotOrNew = await sellerHotOrNewClients(db, org, seller.id, newSince);
  const ids = [...new Set([...deals.map((d) => d.companyId), ...nextTasks.keys(), ...hotOrNew])];
  const companies = (await queueCompanies(db, org, seller.id, ids, slotStart)).filter(
    (c) => !c.reviewedSinceSlot && (!query.clientType || c.status === query.clientType) && (!query.temperature || c.temperature === query.temperature),
  );

  const dealsByCompany = new Map<string, SellerOpenDeal[]>();
  for (const deal of deals) dealsByCompany.set(deal.companyId, [...(dealsByCompany.get(deal.companyId) ?? []), deal]);
  const facts: QueueClientFacts[] = companies.map((c) => ({
    companyId: c.id,
    temperature: c.temperature,
    createdAt: c.createdAt,
    earliestOpenTaskDueAt: nextTasks.get(c.id)?.dueAt ?? null,
    openDeals: dealsByCompany.get(c.id) ?? [],
  }));
  const ruleInput = { now, today: cal.today, endOfToday, newSince, stale: settings.stale };
  const minDealAmountMinor = query.minDealAmountMinor ?? settings.minDealAmountMinor;
  const all = buildReviewQueue(facts, ruleInput, { minDealAmountMinor });
  const counts: Record<ReviewReason, number> = { task_due: 0, no_next_task: 0, stale_in_stage: 0, result_date_passed: 0, hot: 0, new_since_review: 0 };
  for (const entry of all) for (const reason of entry.reasons) counts[reason] += 1;
  const reason = query.reason;
  const shown = reason ? all.filter((e) => e.reasons.includes(reason)) : all;

  const stageById = new Map(stages.map((s) => [s.id, s]));
  const companyById = new Map(companies.map((c) => [c.id, c]));
  const last = asLocal(reviews.last, cal.timeZone);
  const timeNow = localTimeOf(now, cal.timeZone);
  return {
    seller,
    team: settings.team,
    items: shown.map((entry) => {
      const company = companyById.get(entry.companyId);
      const task = nextTasks.get(entry.companyId);
      return {
        company: {
          id: entry.companyId,
          name: company?.name ?? "",
          clientType: company?.status === "current" || company?.status === "permanent" ? company.status : "new",
          temperature: entry.client.temperature,
        },
        reasons: [...entry.reasons],
        moneyAtStakeMinor: entry.moneyAtStakeMinor,
        deals: (dealsByCompany.get(entry.companyId) ?? []).map((d) => presentReviewDeal(d, stageById, now)),
        nextTask: task ? { id: task.id, title: task.title, dueAt: task.dueAt.toISOString(), plannedResult: task.plannedResult, doneAt: null } : null,
        lastReviewedAt: company?.lastReviewedAt?.toISOString() ?? null,
      };
    }),
    counts,
    filter: { minDealAmountMinor, clientType: query.clientType ?? null, temperature: query.temperature ?? null, reason: query.reason ?? null },
    cadence: {
      cadence: settings.cadence,
      lastReviewedAt: reviews.last?.toISOString() ?? null,
      due: isReviewDue({ cadence: settings.cadence, last, today: cal.today, timeNow, middayAt: reviewMiddayAt, isWorkingDay: cal.calendar.isWorkingDay }),
      nextDueOn: nextReviewDueOn(settings.cadence, last, cal.today, reviewMiddayAt, cal.calendar.isWorkingDay),
    },
    prospecting: await readProspectingProposal(db, org, seller, cal.today),
  };
};
