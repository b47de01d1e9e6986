import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";

/* [pay] M5.10: monthly contests, their prize and winner. Every query filters on the organization. */

export type ContestRow = {
  id: string;
  name: string;
  metric: string;
  level: string | null;
  month: string;
  prize: string;
  winnerUserId: string | null;
  winnerName: string | null;
  prizeRecordedAt: Date | null;
  createdAt: Date;
};

type Raw = { id: string; name: string; metric: string; level: string | null; month: string; prize: string; winner_user_id: string | null; winner_name: string | null; prize_recorded_at: Date | string | null; created_at: Date | string };
const rowOf = (r: Raw): ContestRow => ({
  id: r.id,
  name: r.name,
  metric: r.metric,
  level: r.level,
  month: r.month,
  prize: r.prize,
  winnerUserId: r.winner_user_id,
  winnerName: r.winner_name,
  prizeRecordedAt: r.prize_recorded_at === null ? null : new Date(r.prize_recorded_at),
  createdAt: new Date(r.created_at),
});

export const contestsOf = async (ex: Executor, organizationId: string, filter: { month?: string; id?: string }): Promise<ContestRow[]> => {
  const month = filter.month ? sql`and c.month = ${filter.month}::date` : sql``;
  const one = filter.id ? sql`and c.id = ${filter.id}` : sql``;
  const result = await ex.execute<Raw>(sql`
    select c.id, c.name, c.metric, c.level, c.month::text as month, c.prize, c.winner_user_id, u.name as winner_name, c.prize_recorded_at, c.created_at
    from pay_contests c left join users u on u.id = c.winner_user_id
    where c.organization_id = ${organizationId} ${month} ${one} order by c.month desc, c.name, c.id`);
  return result.rows.map(rowOf);
};

export const insertContest = async (
  ex: Executor,
  organizationId: string,
  input: { name: string; metric: string; level: string | null; month: string; prize: string; createdById: string; at: Date },
): Promise<string> => {
  const result = await ex.execute<{ id: string }>(sql`
    insert into pay_contests (organization_id, name, metric, level, month, prize, created_by_id, created_at)
    values (${organizationId}, ${input.name}, ${input.metric}, ${input.level}, ${input.month}::date, ${input.prize}, ${input.createdById}, ${input.at}) returning id`);
  const id = result.rows[0]?.id;
  if (!id) throw new Error("contest not inserted");
  return id;
};

export const updateContest = async (
  ex: Executor,
  organizationId: string,
  id: string,
  input: { name: string; prize: string; winnerUserId: string | null; prizeRecordedAt: Date | null; prizeRecordedById: string | null },
): Promise<void> => {
  await ex.execute(sql`
    update pay_contests set name = ${input.name}, prize = ${input.prize}, winner_user_id = ${input.winnerUserId},
      prize_recorded_at = ${input.prizeRecordedAt}, prize_recorded_by_id = ${input.prizeRecordedById}
    where organization_id = ${organizationId} and id = ${id}`);
};

export const deleteContest = async (ex: Executor, organizationId: string, id: string): Promise<boolean> => {
  const result = await ex.execute<{ id: string }>(sql`delete from pay_contests where organization_id = ${organizationId} and id = ${id} returning id`);
  return result.rows.length > 0;
};

export type ContestParticipant = { id: string; name: string; level: string | null };

/** The active sellers a contest ranks: of its level, or all. */
export const contestParticipants = async (ex: Executor, organizationId: string, level: string | null): Promise<ContestParticipant[]> => {
  const onLevel = level ? sql`and m.level = ${level}` : sql``;
  const result = await ex.execute<{ id: string; name: string; level: string | null }>(sql`
    select u.id, u.name, m.level from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId} and m.status = 'active' and m.role = 'seller' ${onLevel} order by u.name, u.id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, level: r.level }));
};
