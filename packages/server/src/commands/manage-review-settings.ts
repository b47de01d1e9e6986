import type { ReviewSettings, SaveReviewSettings } from "@conveyor/contracts";
import { cadenceWarning, slowestAllowedCadence } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, forbidden, notFound } from "../http/app-error";
import { medianDaysToCloseOf, reviewSettingsOfTeams, upsertReviewSettings } from "../repositories/review.repository";
import { uuidArray } from "../repositories/review-people.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { effectiveSettings } from "./review-context";

/*
 * M2.5 / M2.6: each team's review settings — cadence, days a deal may sit in each stage, the high-ticket filter
 * and the evening sweep's time — with the warning when the cadence is too slow for the team's deals.
 */

/** The typical deal length is read from the deals won in this window. */
const dealLengthWindowDays = 180;

type TeamRow = { id: string; name: string; leadUserId: string | null; memberIds: string[] };

/** Heads and admins: every team; a team lead: the teams they lead (to read); a seller: refused. */
const teamsFor = async (ex: Executor, viewer: Viewer, teamId?: string): Promise<TeamRow[]> => {
  if (viewer.role === "seller") throw forbidden("Sellers do not set review settings");
  const onlyLed = viewer.role === "team_lead" ? sql`and t.lead_user_id = ${viewer.userId}` : sql``;
  const one = teamId ? sql`and t.id = ${teamId}` : sql``;
  const result = await ex.execute<{ id: string; name: string; lead_user_id: string | null; member_ids: string[] | null }>(sql`
    select t.id, t.name, t.lead_user_id,
      array(select tm.user_id from team_members tm where tm.organization_id = t.organization_id and tm.team_id = t.id) as member_ids
    from teams t where t.organization_id = ${viewer.organizationId} ${onlyLed} ${one} order by t.name, t.id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, leadUserId: r.lead_user_id, memberIds: r.member_ids ?? [] }));
};

const present = async (ex: Executor, viewer: Viewer, teams: readonly TeamRow[], now: Date): Promise<ReviewSettings[]> => {
  const rows = await reviewSettingsOfTeams(ex, viewer.organizationId, teams.map((t) => t.id));
  const since = new Date(now.getTime() - dealLengthWindowDays * 86_400_000);
  return Promise.all(
    teams.map(async (team) => {
      const settings = effectiveSettings(rows.get(team.id), { id: team.id, name: team.name }, team.leadUserId);
      const median = await medianDaysToCloseOf(ex, viewer.organizationId, team.memberIds, since);
      return {
        team: { id: team.id, name: team.name },
        cadence: settings.cadence,
        staleDaysDefault: settings.stale.defaultStaleDays,
        staleDaysByStage: { ...settings.stale.staleDaysByStage },
        minDealAmountMinor: settings.minDealAmountMinor,
        sweepAt: settings.sweepAt,
        medianDaysToClose: median,
        slowestAllowedCadence: slowestAllowedCadence(median),
        warning: cadenceWarning(settings.cadence, median),
      };
    }),
  );
};

export const listReviewSettings = async (context: AppContext, viewer: Viewer): Promise<{ items: ReviewSettings[] }> => {
  const { db } = context.database;
  return { items: await present(db, viewer, await teamsFor(db, viewer), context.now()) };
};

/**
 * Saves a team's settings (heads of sales and admins: the cadence is the department's rule, a team lead reads it);
 * stage ids must be stages of the organization's pipelines.
 */
export const saveReviewSettings = async (context: AppContext, viewer: Viewer, teamId: string, input: SaveReviewSettings): Promise<ReviewSettings> => {
  if (viewer.role !== "admin" && viewer.role !== "head_of_sales") throw forbidden("Only heads of sales and admins set the review settings");
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const team = (await teamsFor(tx, viewer, teamId))[0];
    if (!team) throw notFound("The team");
    const stageIds = Object.keys(input.staleDaysByStage ?? {});
    if (stageIds.length > 0) {
      const known = await tx.execute<{ id: string }>(sql`
        select id from pipeline_stages where organization_id = ${viewer.organizationId} and id = any(${uuidArray(stageIds)})`);
      const found = new Set(known.rows.map((r) => r.id));
      const unknown = stageIds.filter((id) => !found.has(id));
      if (unknown.length > 0) {
        throw new AppError("validation_failed", "No such stage", {
          errors: unknown.map((id) => ({ field: `staleDaysByStage.${id}`, code: "unknown_stage", message: "Not a stage of your pipelines" })),
        });
      }
    }
    const current = effectiveSettings((await reviewSettingsOfTeams(tx, viewer.organizationId, [team.id])).get(team.id), null, null);
    await auditAs(tx, viewer, "settings_changed", now, { kind: "review_settings", id: team.id }, { changed: Object.keys(input) });
    await upsertReviewSettings(tx, viewer.organizationId, {
      teamId: team.id,
      cadence: input.cadence ?? current.cadence,
      staleDaysDefault: input.staleDaysDefault ?? current.stale.defaultStaleDays,
      staleDaysByStage: input.staleDaysByStage ?? { ...current.stale.staleDaysByStage },
      minDealAmountMinor: input.minDealAmountMinor === undefined ? current.minDealAmountMinor : input.minDealAmountMinor,
      sweepAt: input.sweepAt ?? current.sweepAt,
      updatedById: viewer.userId,
      updatedAt: now,
    });
    const [saved] = await present(tx, viewer, [team], now);
    if (!saved) throw notFound("The team");
    return saved;
  });
};
