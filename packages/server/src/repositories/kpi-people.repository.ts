import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../db/database";
import { jsonColumn } from "../db/json-column";

/* The people the KPIs are about: members with their role, level and teams. */

export type KpiMember = { userId: string; name: string; role: string; level: string | null; active: boolean; teamIds: string[] };
export type KpiTeam = { id: string; name: string; leadUserId: string | null; level: string | null; memberIds: string[] };
export type KpiPeople = { members: KpiMember[]; teams: KpiTeam[] };

/** The members and the teams as two JSON columns of a select list: a statement of its own or part of a larger one. */
export const kpiPeopleColumns = (organizationId: string): SQL => sql`
  (select coalesce(json_agg(json_build_object('userId', m.user_id, 'name', u.name, 'role', m.role, 'level', m.level, 'status', m.status,
            'teamIds', array(select tm.team_id::text from team_members tm where tm.organization_id = m.organization_id and tm.user_id = m.user_id))
          order by u.name, m.user_id), '[]'::json)
     from memberships m join users u on u.id = m.user_id where m.organization_id = ${organizationId}) as people_members,
  (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'leadUserId', t.lead_user_id, 'level', t.level,
            'memberIds', array(select tm.user_id::text from team_members tm where tm.organization_id = t.organization_id and tm.team_id = t.id))
          order by t.name, t.id), '[]'::json)
     from teams t where t.organization_id = ${organizationId}) as people_teams`;

const membersSchema = z.array(
  z.object({ userId: z.string(), name: z.string(), role: z.string(), level: z.string().nullable(), status: z.string(), teamIds: z.array(z.string()).nullable() }),
);
const teamsSchema = z.array(
  z.object({ id: z.string(), name: z.string(), leadUserId: z.string().nullable(), level: z.string().nullable(), memberIds: z.array(z.string()).nullable() }),
);

/** The people from the two columns of `kpiPeopleColumns`. */
export const kpiPeopleOf = (row: { people_members: unknown; people_teams: unknown }): KpiPeople => ({
  members: membersSchema.parse(jsonColumn(row.people_members)).map((m) => ({
    userId: m.userId,
    name: m.name,
    role: m.role,
    level: m.level,
    active: m.status === "active",
    teamIds: m.teamIds ?? [],
  })),
  teams: teamsSchema.parse(jsonColumn(row.people_teams)).map((t) => ({ ...t, memberIds: t.memberIds ?? [] })),
});

/** The organization's members and teams, in one statement. */
export const kpiMembers = async (ex: Executor, organizationId: string): Promise<KpiPeople> => {
  const result = await ex.execute<{ people_members: unknown; people_teams: unknown }>(sql`select ${kpiPeopleColumns(organizationId)}`);
  const row = result.rows[0];
  return row ? kpiPeopleOf(row) : { members: [], teams: [] };
};
