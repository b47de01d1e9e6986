import type { Contest, Leaderboard, LiveLeaderboards } from "@conveyor/contracts";
import { contestMetricSchema, levelSchema } from "@conveyor/contracts";
import { contestValue, localDateOf, rankLeaderboard } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { notFound } from "../http/app-error";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { monthRollupOf } from "../repositories/pay-facts.repository";
import { existingMembers } from "../repositories/pay.repository";
import { contestParticipants, contestsOf, deleteContest, insertContest, updateContest, type ContestRow } from "../repositories/pay-contest.repository";
import type { Viewer } from "../scope";
import { monthKeyOf, mustManagePay, payMonth, validation } from "./pay-context";

/*
 * [pay] M5.10: monthly contests on revenue, new clients, meetings or conversion among a level's sellers, the
 * live leaderboard (also on the TV screen) and the prize recorded for the winner. Everyone in the
 * organization sees contests and leaderboards; heads of sales and admins run them.
 */

const present = (c: ContestRow): Contest => ({
  id: c.id,
  name: c.name,
  metric: contestMetricSchema.catch("revenue").parse(c.metric),
  level: c.level === null ? null : levelSchema.catch("L1").parse(c.level),
  month: monthKeyOf(c.month),
  prize: c.prize,
  winner: c.winnerUserId ? { id: c.winnerUserId, name: c.winnerName ?? "" } : null,
  prizeRecordedAt: c.prizeRecordedAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

const mustFind = async (ex: Executor, organizationId: string, id: string): Promise<ContestRow> => {
  const [row] = await contestsOf(ex, organizationId, { id });
  if (!row) throw notFound("The contest");
  return row;
};

export const listContests = async (context: AppContext, viewer: Viewer, month?: string): Promise<{ items: Contest[] }> => ({
  items: (await contestsOf(context.database.db, viewer.organizationId, month ? { month: payMonth(month).start } : {})).map(present),
});

export const createContest = async (context: AppContext, viewer: Viewer, input: { name: string; metric: string; level: string | null; month: string; prize: string }): Promise<Contest> => {
  mustManagePay(viewer);
  return context.database.db.transaction(async (tx) => {
    const id = await insertContest(tx, viewer.organizationId, { ...input, month: payMonth(input.month).start, createdById: viewer.userId, at: context.now() });
    return present(await mustFind(tx, viewer.organizationId, id));
  });
};

export const changeContest = async (
  context: AppContext,
  viewer: Viewer,
  id: string,
  input: { name?: string | undefined; prize?: string | undefined; winnerUserId?: string | null | undefined },
): Promise<Contest> => {
  mustManagePay(viewer);
  return context.database.db.transaction(async (tx) => {
    const current = await mustFind(tx, viewer.organizationId, id);
    let winner = current.winnerUserId;
    let recordedAt = current.prizeRecordedAt;
    let recordedBy: string | null = null;
    if (input.winnerUserId !== undefined) {
      if (input.winnerUserId !== null && !(await existingMembers(tx, viewer.organizationId, [input.winnerUserId])).has(input.winnerUserId)) {
        throw validation("winnerUserId", "unknown_person", "Not a person of your organization");
      }
      winner = input.winnerUserId;
      recordedAt = input.winnerUserId === null ? null : context.now();
      recordedBy = input.winnerUserId === null ? null : viewer.userId;
    }
    await updateContest(tx, viewer.organizationId, id, { name: input.name ?? current.name, prize: input.prize ?? current.prize, winnerUserId: winner, prizeRecordedAt: recordedAt, prizeRecordedById: recordedBy });
    return present(await mustFind(tx, viewer.organizationId, id));
  });
};

export const removeContest = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  mustManagePay(viewer);
  if (!(await deleteContest(context.database.db, viewer.organizationId, id))) throw notFound("The contest");
};

const leaderboardOf = async (ex: Executor, organizationId: string, contest: ContestRow, currency: string): Promise<Leaderboard> => {
  const presented = present(contest);
  const month = payMonth(presented.month);
  const people = await contestParticipants(ex, organizationId, contest.level);
  const rollups = await monthRollupOf(ex, organizationId, people.map((p) => p.id), month.start, month.end);
  const rows = rankLeaderboard(
    people.map((p) => {
      const r = rollups.get(p.id);
      return {
        seller: { id: p.id, name: p.name },
        level: p.level === null ? null : levelSchema.catch("L1").parse(p.level),
        value: contestValue(presented.metric, { revenueMinor: r?.revenueMinor ?? 0, newClients: r?.newClients ?? 0, meetings: r?.meetings ?? 0, dealsWon: r?.dealsWon ?? 0, dealsLost: r?.dealsLost ?? 0 }),
      };
    }),
  );
  return { contest: presented, currency, rows };
};

export const readLeaderboard = async (context: AppContext, viewer: Viewer, id: string): Promise<Leaderboard> => {
  const { db } = context.database;
  const contest = await mustFind(db, viewer.organizationId, id);
  const { currency } = await loadOrgCalendar(db, viewer.organizationId, context.now());
  return leaderboardOf(db, viewer.organizationId, contest, currency);
};

/** The TV screen: this month's contests with their leaderboards. */
export const readLiveLeaderboards = async (context: AppContext, viewer: Viewer): Promise<LiveLeaderboards> => {
  const { db } = context.database;
  const now = context.now();
  const calendar = await loadOrgCalendar(db, viewer.organizationId, now);
  const monthKey = localDateOf(now, calendar.timeZone).slice(0, 7);
  const contests = await contestsOf(db, viewer.organizationId, { month: `${monthKey}-01` });
  return { month: monthKey, items: await Promise.all(contests.map((c) => leaderboardOf(db, viewer.organizationId, c, calendar.currency))) };
};
