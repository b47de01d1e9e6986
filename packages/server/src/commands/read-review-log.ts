import type { ReviewLog } from "@conveyor/contracts";
import { addDays, dayBounds, outcomeAfterReview, reviewTimeTrend, weekdayOf } from "@conveyor/domain";
import type { z } from "zod";
import type { reviewLogQuerySchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { notFound } from "../http/app-error";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { activeSellers, findPeople, findPerson, overseenIds } from "../repositories/review-people.repository";
import {
  activeClientsBySeller,
  clientsReviewedSince,
  dealsChangedAfterReview,
  listReviewItems,
  listReviewSessionsLog,
  reviewFiguresBySeller,
  reviewTimeByWeek,
} from "../repositories/review.repository";
import { presentReviewItem } from "../presenters/review.presenter";
import type { Viewer } from "../scope";

type LogQuery = z.infer<typeof reviewLogQuerySchema>;

/** The start of the local date `date` in the organization's time zone. */
const startOf = (date: string, timeZone: string): Date => dayBounds(new Date(`${date}T12:00:00Z`), timeZone).start;
const mondayOf = (date: string): string => addDays(date, -((weekdayOf(date) + 6) % 7));

/**
 * Which review items the viewer reads: heads and admins all of them; a team lead their team's sellers' and their
 * own reviews; a seller their own (reviewed as the seller). A seller or reviewer filter outside that is missing (404).
 */
const logScope = async (ex: Executor, viewer: Viewer): Promise<{ sellerIds: string[] | null; orReviewerId?: string }> => {
  switch (viewer.role) {
    case "admin":
    case "head_of_sales":
      return { sellerIds: null };
    case "team_lead":
      return { sellerIds: await overseenIds(ex, viewer), orReviewerId: viewer.userId };
    case "seller":
      return { sellerIds: [viewer.userId] };
  }
};

/** The sellers whose rows the log shows: a head's active sellers, a team lead's team members, a seller themselves. */
const sellersInScope = async (ex: Executor, viewer: Viewer): Promise<string[]> => {
  switch (viewer.role) {
    case "admin":
    case "head_of_sales":
      return (await activeSellers(ex, viewer.organizationId)).map((s) => s.id);
    case "team_lead":
      return (await overseenIds(ex, viewer)).filter((id) => id !== viewer.userId);
    case "seller":
      return [viewer.userId];
  }
};

/**
 * M2 evidence: who reviewed which clients and when, the time per client and its trend by week, each seller's
 * share of active clients reviewed this week, and the reviewed deals whose outcome changed afterwards.
 * The period defaults to the last four weeks up to today.
 */
export const readReviewLog = async (context: AppContext, viewer: Viewer, query: LogQuery): Promise<ReviewLog> => {
  const { db } = context.database;
  const org = viewer.organizationId;
  const now = context.now();
  const cal = await loadOrgCalendar(db, org, now);
  const scope = await logScope(db, viewer);
  const inScope = (id: string) => scope.sellerIds === null || scope.sellerIds.includes(id);
  if (query.sellerId && (!inScope(query.sellerId) || !(await findPerson(db, org, query.sellerId)))) throw notFound("The seller");
  if (query.reviewerId && !(await findPerson(db, org, query.reviewerId))) throw notFound("The reviewer");
  // A reviewer filter only narrows within the scope: it reveals nothing beyond it.
  const to = query.to ?? cal.today;
  const from = query.from ?? addDays(to, -27);
  const filter = {
    ...scope,
    ...(query.sellerId && { sellerId: query.sellerId }),
    ...(query.reviewerId && { reviewerId: query.reviewerId }),
    from: startOf(from, cal.timeZone),
    to: startOf(addDays(to, 1), cal.timeZone),
  };
  const [items, sessions, figures, weeks, changes] = await Promise.all([
    listReviewItems(db, org, filter, query.limit),
    listReviewSessionsLog(db, org, filter, query.limit),
    reviewFiguresBySeller(db, org, filter),
    reviewTimeByWeek(db, org, cal.timeZone, filter),
    dealsChangedAfterReview(db, org, filter, 100),
  ]);

  // Every seller in scope has a row (a seller nobody reviewed shows a share of 0), unless one seller or reviewer is asked for.
  const everyone = query.sellerId ? [query.sellerId] : query.reviewerId ? [] : await sellersInScope(db, viewer);
  const sellerIds = [...new Set([...everyone, ...figures.map((f) => f.sellerId)])];
  const weekStart = startOf(mondayOf(cal.today), cal.timeZone);
  const [active, reviewedThisWeek, sellers] = await Promise.all([
    activeClientsBySeller(db, org, sellerIds),
    clientsReviewedSince(db, org, sellerIds, weekStart),
    findPeople(db, org, sellerIds),
  ]);
  const byWeek = weeks.slice(-2);
  return {
    from,
    to,
    items: items.map(presentReviewItem),
    sessions: sessions.map((row) => ({
      id: row.id,
      reviewer: { id: row.reviewerId, name: row.reviewerName },
      seller: { id: row.sellerId, name: row.sellerName },
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      clientsReviewed: row.clientsReviewed,
      averageSecondsPerClient: row.averageSeconds,
      clients: row.clients,
    })),
    sellers: sellers.map((seller) => {
      const activeClients = active.get(seller.id) ?? 0;
      const reviewed = reviewedThisWeek.get(seller.id) ?? 0;
      const f = figures.find((x) => x.sellerId === seller.id);
      return {
        seller,
        activeClients,
        reviewedThisWeek: reviewed,
        shareReviewedThisWeek: activeClients === 0 ? 0 : Math.min(1, Math.round((reviewed / activeClients) * 1000) / 1000),
        clientsReviewed: f?.clientsReviewed ?? 0,
        averageSecondsPerClient: f?.averageSeconds === null || f?.averageSeconds === undefined ? null : Math.round(f.averageSeconds),
      };
    }),
    timePerClient: {
      weeks,
      trend: byWeek.length === 2 ? reviewTimeTrend(byWeek[1]?.averageSeconds ?? null, byWeek[0]?.averageSeconds ?? null) : "no_data",
    },
    outcomeChanges: changes.flatMap((c) => {
      const change = outcomeAfterReview({ stageId: c.stageAtReviewId, position: c.positionAtReview }, { stageId: c.stageNowId, position: c.positionNow, kind: c.kindNow });
      if (change === "unchanged") return [];
      return [{ deal: { id: c.dealId, name: c.dealTitle }, company: { id: c.companyId, name: c.companyName }, reviewedAt: c.reviewedAt.toISOString(), change, stageName: c.stageNowName }];
    }),
  };
};
