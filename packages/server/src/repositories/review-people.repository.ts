import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import type { Viewer } from "../scope";

/*
 * [daily-review] who reviews whom: heads of sales and admins any seller of the organization, a team lead the
 * members of the teams they lead; a seller is reviewed by their team's lead, else by the heads of sales.
 */

export const uuidArray = (values: readonly string[]): SQL =>
  values.length === 0 ? sql`array[]::uuid[]` : sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::uuid[]`;

export type PersonRef = { id: string; name: string };

/** An active member of the organization the viewer may review: themselves excluded, team leads only over their teams. */
export const findReviewableSeller = async (ex: Executor, viewer: Viewer, sellerId: string): Promise<PersonRef | undefined> => {
  const teamOnly =
    viewer.role === "team_lead"
      ? sql`and m.user_id in (select tm.user_id from team_members tm join teams t on t.id = tm.team_id and t.organization_id = tm.organization_id
            where tm.organization_id = ${viewer.organizationId} and t.lead_user_id = ${viewer.userId})`
      : sql``;
  const result = await ex.execute<{ id: string; name: string }>(sql`
    select u.id, u.name from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${viewer.organizationId} and m.user_id = ${sellerId} and m.status = 'active' ${teamOnly}`);
  const row = result.rows[0];
  return row ? { id: row.id, name: row.name } : undefined;
};

export const findPerson = async (ex: Executor, organizationId: string, userId: string): Promise<PersonRef | undefined> => {
  const result = await ex.execute<{ id: string; name: string }>(sql`
    select u.id, u.name from memberships m join users u on u.id = m.user_id where m.organization_id = ${organizationId} and m.user_id = ${userId}`);
  const row = result.rows[0];
  return row ? { id: row.id, name: row.name } : undefined;
};

/** Members of the organization by id, in one read, ordered by name (unknown ids are left out). */
export const findPeople = async (ex: Executor, organizationId: string, userIds: readonly string[]): Promise<PersonRef[]> => {
  if (userIds.length === 0) return [];
  const result = await ex.execute<{ id: string; name: string }>(sql`
    select u.id, u.name from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId} and m.user_id = any(${uuidArray(userIds)}) order by u.name, u.id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name }));
};

/** The user ids a team lead oversees (the members of the teams they lead, themselves included). */
export const overseenIds = async (ex: Executor, viewer: Viewer): Promise<string[]> => {
  const result = await ex.execute<{ user_id: string }>(sql`
    select tm.user_id from team_members tm join teams t on t.id = tm.team_id and t.organization_id = tm.organization_id
    where tm.organization_id = ${viewer.organizationId} and t.lead_user_id = ${viewer.userId}
    union select ${viewer.userId}::uuid`);
  return result.rows.map((r) => r.user_id);
};

export type SellerTeam = { sellerId: string; teamId: string | null; teamName: string | null; leadUserId: string | null };

/**
 * Each seller's review team: the first team (by name) they are a member of and do not lead, else one they lead.
 * Sellers in no team have none (the organization's defaults apply, the heads review them).
 */
export const sellerTeams = async (ex: Executor, organizationId: string, sellerIds: readonly string[]): Promise<Map<string, SellerTeam>> => {
  const result = await ex.execute<{ user_id: string; team_id: string; name: string; lead_user_id: string | null }>(sql`
    select distinct on (tm.user_id) tm.user_id, t.id as team_id, t.name, t.lead_user_id
    from team_members tm join teams t on t.id = tm.team_id and t.organization_id = tm.organization_id
    where tm.organization_id = ${organizationId} and tm.user_id = any(${uuidArray(sellerIds)})
    order by tm.user_id, (t.lead_user_id is not distinct from tm.user_id), t.name, t.id`);
  const teams = new Map<string, SellerTeam>();
  for (const id of sellerIds) teams.set(id, { sellerId: id, teamId: null, teamName: null, leadUserId: null });
  for (const r of result.rows) teams.set(r.user_id, { sellerId: r.user_id, teamId: r.team_id, teamName: r.name, leadUserId: r.lead_user_id });
  return teams;
};

/** Active heads of sales of the organization (admins when there is none): the reviewers of sellers without a team lead. */
export const headsOf = async (ex: Executor, organizationId: string): Promise<string[]> => {
  const result = await ex.execute<{ user_id: string; role: string }>(sql`
    select user_id, role from memberships where organization_id = ${organizationId} and status = 'active' and role in ('head_of_sales', 'admin')`);
  const heads = result.rows.filter((r) => r.role === "head_of_sales").map((r) => r.user_id);
  return heads.length > 0 ? heads : result.rows.map((r) => r.user_id);
};

/** Active sellers of the organization. */
export const activeSellers = async (ex: Executor, organizationId: string): Promise<PersonRef[]> => {
  const result = await ex.execute<{ id: string; name: string }>(sql`
    select u.id, u.name from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId} and m.status = 'active' and m.role = 'seller' order by u.name, u.id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name }));
};
