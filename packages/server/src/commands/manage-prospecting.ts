import type { ProspectingProposal, ProspectingTarget } from "@conveyor/contracts";
import {
  addDays,
  defaultProspectingSettings,
  defaultWarmStageProbability,
  hasMoneyThisMonth,
  monthRange,
  prospectingProgress,
  prospectingTargetCount,
  warmToWonRate,
} from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { prospectingFigures } from "../repositories/kpi-rollup.repository";
import { openStages, sellerDealsWithTemperature, warmedClientsSince, warmFunnelOf } from "../repositories/review-queue.repository";
import { findProspectingTarget, upsertProspectingTarget } from "../repositories/review.repository";
import type { PersonRef } from "../repositories/review-people.repository";
import type { Viewer } from "../scope";
import { mustReviewSeller } from "./review-context";

/*
 * M2.2: a seller with no hot or warm deal expected this month is proposed the task "gather N prospects and bring
 * them to warm"; the reviewer sets it for the month and its progress is counted live from the seller's clients.
 */

const monthOf = (today: string): { first: string; from: string; to: string } => {
  const range = monthRange(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
  return { first: range.from, ...range };
};

const presentTarget = async (ex: Executor, organizationId: string, sellerId: string, month: string): Promise<ProspectingTarget | null> => {
  const row = await findProspectingTarget(ex, organizationId, sellerId, month);
  if (!row) return null;
  const progress = prospectingProgress(row.target, await warmedClientsSince(ex, organizationId, sellerId, row.setAt));
  return {
    id: row.id,
    seller: { id: row.sellerId, name: row.sellerName },
    month: row.month,
    target: row.target,
    setBy: { id: row.setById, name: row.setByName },
    setAt: row.setAt.toISOString(),
    ...progress,
  };
};

/** The window of closed deals the rates are read from (M2.2). */
const rateWindowDays = 180;

/** The plan gap and average deal (KPI rollups), and the warm-to-won rate of the seller's last 180 days' funnel. */
const targetFigures = async (ex: Executor, organizationId: string, sellerId: string, month: { from: string; to: string }, today: string) => {
  const since = new Date(`${addDays(today, -rateWindowDays)}T00:00:00Z`);
  const [figures, funnel] = await Promise.all([
    prospectingFigures(ex, organizationId, sellerId, month, today),
    warmFunnelOf(ex, organizationId, sellerId, since, defaultWarmStageProbability),
  ]);
  return { ...figures, warmToWonRate: warmToWonRate(funnel, figures.warmToWonRate) };
};

/** The M2.2 proposal for a seller this month (the organization's local month), with the target if one is set. */
export const readProspectingProposal = async (ex: Executor, organizationId: string, seller: PersonRef, today: string): Promise<ProspectingProposal> => {
  const month = monthOf(today);
  const stages = await openStages(ex, organizationId);
  const deals = await sellerDealsWithTemperature(ex, organizationId, seller.id, stages.map((s) => s.id));
  const moneyThisMonth = hasMoneyThisMonth(deals, month);
  // Enough warm clients to cover the month's gap to plan at the seller's average deal and warm-to-won rate (the win
  // rate when no closed deal reached the warm stage); else the default.
  const proposedTarget = moneyThisMonth ? null : prospectingTargetCount(await targetFigures(ex, organizationId, seller.id, month, today), defaultProspectingSettings);
  return { seller, month: month.first, moneyThisMonth, proposedTarget, target: await presentTarget(ex, organizationId, seller.id, month.first) };
};

export const getProspecting = async (context: AppContext, viewer: Viewer, sellerId: string): Promise<ProspectingProposal> => {
  const { db } = context.database;
  const seller = await mustReviewSeller(db, viewer, sellerId);
  const cal = await loadOrgCalendar(db, viewer.organizationId, context.now());
  return readProspectingProposal(db, viewer.organizationId, seller, cal.today);
};

/** Sets (or changes) the seller's M2.2 target for this month: the proposed count unless one is given. */
export const setProspectingTarget = async (context: AppContext, viewer: Viewer, input: { sellerId: string; target?: number | undefined }): Promise<ProspectingProposal> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const seller = await mustReviewSeller(tx, viewer, input.sellerId);
    const cal = await loadOrgCalendar(tx, viewer.organizationId, now);
    const before = await readProspectingProposal(tx, viewer.organizationId, seller, cal.today);
    const target = input.target ?? before.proposedTarget ?? defaultProspectingSettings.defaultCount;
    await upsertProspectingTarget(tx, viewer, { sellerId: seller.id, month: before.month, target, setAt: now });
    return readProspectingProposal(tx, viewer.organizationId, seller, cal.today);
  });
};
