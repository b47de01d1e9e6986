import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { departments, memberships, productGroups, products, teamMembers, teams, users } from "../db/schema";

export type DepartmentRow = {
  id: string;
  name: string;
  kind: string;
  headUserId: string | null;
  headName: string | null;
  teamCount: number;
  createdAt: Date;
};

export const listDepartments = async (ex: Executor, organizationId: string): Promise<DepartmentRow[]> => {
  const rows = await ex
    .select({
      id: departments.id,
      name: departments.name,
      kind: departments.kind,
      headUserId: departments.headUserId,
      headName: users.name,
      teamCount: sql<number>`(select count(*)::integer from ${teams} where ${teams.organizationId} = ${departments.organizationId} and ${teams.departmentId} = ${departments.id})`.mapWith(Number),
      createdAt: departments.createdAt,
    })
    .from(departments)
    .leftJoin(users, eq(users.id, departments.headUserId))
    .where(eq(departments.organizationId, organizationId))
    .orderBy(asc(departments.createdAt), asc(departments.id));
  return rows;
};

export const insertDepartment = async (ex: Executor, values: typeof departments.$inferInsert): Promise<string> => {
  const rows = await ex.insert(departments).values(values).returning({ id: departments.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into departments returned no row");
  return id;
};

export const updateDepartmentRow = async (ex: Executor, organizationId: string, id: string, patch: Partial<typeof departments.$inferInsert>): Promise<number> => {
  const rows = await ex
    .update(departments)
    .set(patch)
    .where(and(eq(departments.organizationId, organizationId), eq(departments.id, id)))
    .returning({ id: departments.id });
  return rows.length;
};

export const deleteDepartmentRow = async (ex: Executor, organizationId: string, id: string): Promise<number> => {
  const rows = await ex
    .delete(departments)
    .where(and(eq(departments.organizationId, organizationId), eq(departments.id, id)))
    .returning({ id: departments.id });
  return rows.length;
};

export type TeamRow = {
  id: string;
  name: string;
  level: string | null;
  departmentId: string | null;
  leadUserId: string | null;
  leadName: string | null;
  members: { id: string; name: string }[];
  createdAt: Date;
};

export const listTeams = async (ex: Executor, organizationId: string, ids?: readonly string[]): Promise<TeamRow[]> => {
  const rows = await ex
    .select({
      id: teams.id,
      name: teams.name,
      level: teams.level,
      departmentId: teams.departmentId,
      leadUserId: teams.leadUserId,
      leadName: users.name,
      createdAt: teams.createdAt,
    })
    .from(teams)
    .leftJoin(users, eq(users.id, teams.leadUserId))
    .where(and(eq(teams.organizationId, organizationId), ids ? inArray(teams.id, [...ids]) : undefined))
    .orderBy(asc(teams.createdAt), asc(teams.id));
  if (rows.length === 0) return [];
  const members = await ex
    .select({ teamId: teamMembers.teamId, id: users.id, name: users.name })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.organizationId, organizationId), inArray(teamMembers.teamId, rows.map((r) => r.id))))
    .orderBy(asc(sql`lower(${users.name})`));
  return rows.map((r) => ({ ...r, members: members.filter((m) => m.teamId === r.id).map(({ id, name }) => ({ id, name })) }));
};

export const insertTeam = async (ex: Executor, values: typeof teams.$inferInsert): Promise<string> => {
  const rows = await ex.insert(teams).values(values).returning({ id: teams.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into teams returned no row");
  return id;
};

export const updateTeamRow = async (ex: Executor, organizationId: string, id: string, patch: Partial<typeof teams.$inferInsert>): Promise<number> => {
  const rows = await ex
    .update(teams)
    .set(patch)
    .where(and(eq(teams.organizationId, organizationId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return rows.length;
};

export const replaceTeamMembers = async (ex: Executor, organizationId: string, teamId: string, userIds: readonly string[]): Promise<void> => {
  await ex.delete(teamMembers).where(and(eq(teamMembers.organizationId, organizationId), eq(teamMembers.teamId, teamId)));
  if (userIds.length > 0) {
    await ex
      .insert(teamMembers)
      .values([...new Set(userIds)].map((userId) => ({ organizationId, teamId, userId })))
      .onConflictDoNothing();
  }
};

export const deleteTeamRow = async (ex: Executor, organizationId: string, id: string): Promise<number> => {
  await ex.delete(teamMembers).where(and(eq(teamMembers.organizationId, organizationId), eq(teamMembers.teamId, id)));
  const rows = await ex
    .delete(teams)
    .where(and(eq(teams.organizationId, organizationId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return rows.length;
};

/** How many of the given people are members of the organization (ids from a request are checked). */
export const countMembers = async (ex: Executor, organizationId: string, userIds: readonly string[]): Promise<number> => {
  if (userIds.length === 0) return 0;
  const rows = await ex
    .select({ n: sql<number>`count(*)::integer`.mapWith(Number) })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.userId, [...new Set(userIds)])));
  return rows[0]?.n ?? 0;
};

export type ProfileRow = {
  userId: string;
  name: string;
  role: string;
  status: string;
  level: string | null;
  salesRole: string | null;
  clientCap: number | null;
  createdAt: Date;
  clients: number;
};

/** Every member with their conveyor profile and the clients they own at their level. */
export const listProfiles = async (ex: Executor, organizationId: string, onlyActive = true): Promise<ProfileRow[]> => {
  const result = await ex.execute<{
    user_id: string;
    name: string;
    role: string;
    status: string;
    level: string | null;
    sales_role: string | null;
    client_cap: number | null;
    created_at: Date | string;
    clients: number;
  }>(sql`
    select m.user_id, u.name, m.role, m.status, m.level, m.sales_role, m.client_cap, m.created_at,
      coalesce((select f.count from company_facet_counts f
        where f.organization_id = m.organization_id and f.owner_id = m.user_id and f.field = 'level' and f.value = m.level), 0) as clients
    from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId} ${onlyActive ? sql`and m.status = 'active'` : sql``}
    order by lower(u.name), u.id`);
  return result.rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    role: r.role,
    status: r.status,
    level: r.level,
    salesRole: r.sales_role,
    clientCap: r.client_cap === null ? null : Number(r.client_cap),
    createdAt: new Date(r.created_at),
    clients: Number(r.clients),
  }));
};

export const updateProfileRow = async (
  ex: Executor,
  organizationId: string,
  userId: string,
  patch: { level?: string | null; salesRole?: string | null; clientCap?: number | null; updatedAt: Date },
): Promise<number> => {
  const rows = await ex
    .update(memberships)
    .set(patch)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length;
};

export const teamMembershipsOf = async (ex: Executor, organizationId: string): Promise<{ teamId: string; userId: string }[]> =>
  ex
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.organizationId, organizationId));

/** Labels for matrix values that are ids (products, product groups, teams). */
export const matrixLabels = async (ex: Executor, organizationId: string, values: readonly string[]): Promise<Map<string, string>> => {
  const ids = [...new Set(values.filter((v) => /^[0-9a-f-]{36}$/i.test(v)))];
  if (ids.length === 0) return new Map();
  const [productRows, groupRows, teamRows] = await Promise.all([
    ex.select({ id: products.id, name: products.name }).from(products).where(and(eq(products.organizationId, organizationId), inArray(products.id, ids))),
    ex
      .select({ id: productGroups.id, name: productGroups.name })
      .from(productGroups)
      .where(and(eq(productGroups.organizationId, organizationId), inArray(productGroups.id, ids))),
    ex.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.organizationId, organizationId), inArray(teams.id, ids))),
  ]);
  return new Map([...productRows, ...groupRows, ...teamRows].map((r) => [r.id, r.name]));
};

export const productOrGroupExists = async (ex: Executor, organizationId: string, kind: "product" | "product_group", id: string): Promise<boolean> => {
  const table = kind === "product" ? products : productGroups;
  const rows = await ex
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organizationId, organizationId), eq(table.id, id)))
    .limit(1);
  return rows.length > 0;
};
