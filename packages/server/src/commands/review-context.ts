import { dayBounds, defaultStaleSettings, localTimeOf, type ReviewCadence, type StaleSettings } from "@conveyor/domain";
import { reviewCadenceSchema } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { forbidden, notFound } from "../http/app-error";
import { findReviewableSeller, sellerTeams, type PersonRef } from "../repositories/review-people.repository";
import { reviewSettingsOfTeams, type ReviewSettingsRow } from "../repositories/review.repository";
import type { Viewer } from "../scope";

/*
 * [daily-review] what every review use case needs: may the viewer review this seller (M2: heads and admins
 * anyone, team leads their team; sellers never), and which team settings apply to the seller.
 */

/** Where a twice-daily review's second sitting begins (M2.1 "ideally twice a day"), local time. */
export const reviewMiddayAt = "13:00";

export type EffectiveReviewSettings = {
  team: PersonRef | null;
  teamLeadId: string | null;
  cadence: ReviewCadence;
  stale: StaleSettings;
  minDealAmountMinor: number | null;
  sweepAt: string;
};

export const defaultReviewSettings: Omit<EffectiveReviewSettings, "team" | "teamLeadId"> = {
  cadence: "daily",
  stale: defaultStaleSettings,
  minDealAmountMinor: null,
  sweepAt: "18:00",
};

/** A seller the viewer may review; a seller asking is refused (403), a seller outside their scope is missing (404). */
export const mustReviewSeller = async (ex: Executor, viewer: Viewer, sellerId: string): Promise<PersonRef> => {
  if (viewer.role === "seller") throw forbidden("Sellers do not review; they see their own reviews and My day");
  const seller = await findReviewableSeller(ex, viewer, sellerId);
  if (!seller) throw notFound("The seller");
  return seller;
};

export const effectiveSettings = (row: ReviewSettingsRow | undefined, team: PersonRef | null, teamLeadId: string | null): EffectiveReviewSettings => {
  if (!row) return { ...defaultReviewSettings, team, teamLeadId };
  return {
    team,
    teamLeadId,
    cadence: reviewCadenceSchema.catch("daily").parse(row.cadence),
    stale: { defaultStaleDays: row.staleDaysDefault, staleDaysByStage: row.staleDaysByStage },
    minDealAmountMinor: row.minDealAmountMinor,
    sweepAt: row.sweepAt,
  };
};

/** The review settings of each seller: their team's, else the defaults. */
export const settingsForSellers = async (ex: Executor, organizationId: string, sellerIds: readonly string[]): Promise<Map<string, EffectiveReviewSettings>> => {
  const teams = await sellerTeams(ex, organizationId, sellerIds);
  const teamIds = [...new Set([...teams.values()].flatMap((t) => (t.teamId ? [t.teamId] : [])))];
  const rows = await reviewSettingsOfTeams(ex, organizationId, teamIds);
  const result = new Map<string, EffectiveReviewSettings>();
  for (const [sellerId, team] of teams) {
    const ref = team.teamId ? { id: team.teamId, name: team.teamName ?? "" } : null;
    result.set(sellerId, effectiveSettings(team.teamId ? rows.get(team.teamId) : undefined, ref, team.leadUserId));
  }
  return result;
};

export const settingsForSeller = async (ex: Executor, organizationId: string, sellerId: string): Promise<EffectiveReviewSettings> =>
  (await settingsForSellers(ex, organizationId, [sellerId])).get(sellerId) ?? { ...defaultReviewSettings, team: null, teamLeadId: null };

/**
 * The start of the current review slot: the local day's start, or its midday for a twice-daily cadence in the
 * afternoon. A client reviewed since then has left the queue.
 */
export const reviewSlotStart = (now: Date, timeZone: string, cadence: ReviewCadence): Date => {
  const { start } = dayBounds(now, timeZone);
  if (cadence !== "twice_daily" || localTimeOf(now, timeZone) < reviewMiddayAt) return start;
  const [h, m] = reviewMiddayAt.split(":").map(Number) as [number, number];
  return new Date(start.getTime() + (h * 60 + m) * 60_000);
};
