import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";

/* The people the KPIs are about: members with their role, level and teams. */

export type KpiMember = { userId: string; name: string; role: string; level: string | null; active: boolean; teamIds: string[] };
export type KpiTeam = { id: string; name: string; leadUserId: string | null; level: string | null; memberIds: string[] };

export const kpiMembers = async (ex: Executor, organizationId: string): Promise<{ members: KpiMember[]; teams: KpiTeam[] }> => {
  const people = await ex.execute<{ user_id: string; name: string; role: string; level: string | null; status: string; team_ids: string[] | null }>(sql`
    select m.user_id, u.name, m.role, m.level, m.status,
      array(select tm.team_id::text from team_members tm where tm.organization_id = m.organization_id and tm.user_id = m.user_id) as team_ids
    from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId}
    order by u.name, m.user_id`);
  const teamRows = await ex.execute<{ id: string; name: string; lead_user_id: string | null; level: string | null; member_ids: string[] | null }>(sql`
    select t.id, t.name, t.lead_user_id, t.level,
      array(select tm.user_id::text from team_members tm where tm.organization_id = t.organization_id and tm.team_id = t.id) as member_ids
    from teams t where t.organization_id = ${organizationId} order by t.name, t.id`);
  return {
    members: people.rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      role: r.role,
      level: r.level,
      active: r.status === "active",
      teamIds: r.team_ids ?? [],
    })),
    teams: teamRows.rows.map((r) => ({ id: r.id, name: r.name, leadUserId: r.lead_user_id, level: r.level, memberIds: r.member_ids ?? [] })),
  };
};
