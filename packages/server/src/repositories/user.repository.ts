import { and, asc, count, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Role, UserStatus } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { memberships, users } from "../db/schema";
import type { Viewer } from "../scope";

/** A user as seen inside one organization: the account joined with its membership. */
export type MemberRow = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  role: string;
  status: string;
  deactivatedAt: Date | null;
};

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  locale: users.locale,
  mustChangePassword: users.mustChangePassword,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  role: memberships.role,
  status: memberships.status,
  deactivatedAt: memberships.deactivatedAt,
};

const inOrganization = (viewer: Viewer): SQL => eq(memberships.organizationId, viewer.organizationId);

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export type MemberFilter = { q?: string | undefined; status?: UserStatus | undefined; role?: Role | undefined };
export type MemberCursor = { name: string; id: string };

const filterConditions = (viewer: Viewer, filter: MemberFilter): SQL[] => {
  const conditions: SQL[] = [inOrganization(viewer)];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conditions.push(match);
  }
  if (filter.status) conditions.push(eq(memberships.status, filter.status));
  if (filter.role) conditions.push(eq(memberships.role, filter.role));
  return conditions;
};

/** One page of the organization's members, ordered by name, plus the total matching the filter. */
export const listMembers = async (
  ex: Executor,
  viewer: Viewer,
  filter: MemberFilter,
  page: { limit: number; after: MemberCursor | undefined },
): Promise<{ rows: MemberRow[]; total: number }> => {
  const conditions = filterConditions(viewer, filter);
  const totalRows = await ex
    .select({ total: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...conditions));
  if (page.after) {
    const afterName = page.after.name;
    const afterId = page.after.id;
    const next = or(
      gt(sql`lower(${users.name})`, afterName),
      and(eq(sql`lower(${users.name})`, afterName), gt(users.id, afterId)),
    );
    if (next) conditions.push(next);
  }
  const rows = await ex
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id))
    .limit(page.limit);
  return { rows, total: totalRows[0]?.total ?? 0 };
};

export const findMember = async (ex: Executor, viewer: Viewer, userId: string): Promise<MemberRow | undefined> => {
  const rows = await ex
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inOrganization(viewer), eq(memberships.userId, userId)));
  return rows[0];
};

export const countActiveAdmins = async (ex: Executor, viewer: Viewer): Promise<number> => {
  const rows = await ex
    .select({ total: count() })
    .from(memberships)
    .where(and(inOrganization(viewer), eq(memberships.role, "admin"), eq(memberships.status, "active")));
  return rows[0]?.total ?? 0;
};

export const emailExists = async (ex: Executor, email: string): Promise<boolean> => {
  // Emails are unique across the installation (they are the sign-in name), so this one
  // look-up is not scoped; it returns a yes/no and never a row of another organization.
  const rows = await ex.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return rows.length > 0;
};

export type NewMember = {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  locale: string | null;
  mustChangePassword: boolean;
};

export const insertMember = async (
  ex: Executor,
  viewer: Pick<Viewer, "organizationId">,
  member: NewMember,
  now: Date,
): Promise<string> => {
  const inserted = await ex
    .insert(users)
    .values({
      organizationId: viewer.organizationId,
      email: member.email,
      name: member.name,
      passwordHash: member.passwordHash,
      locale: member.locale,
      mustChangePassword: member.mustChangePassword,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  const userId = inserted[0]?.id;
  if (!userId) throw new Error("insert into users returned no row");
  await ex
    .insert(memberships)
    .values({ organizationId: viewer.organizationId, userId, role: member.role, createdAt: now, updatedAt: now });
  return userId;
};

export const updateMemberProfile = async (
  ex: Executor,
  viewer: Viewer,
  userId: string,
  patch: { name?: string; locale?: string | null },
  now: Date,
): Promise<void> => {
  if (Object.keys(patch).length === 0) return;
  await ex
    .update(users)
    .set({ ...patch, updatedAt: now })
    .where(
      and(
        eq(users.id, userId),
        sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.organizationId} = ${viewer.organizationId})`,
      ),
    );
};

export const updateMembership = async (
  ex: Executor,
  viewer: Viewer,
  userId: string,
  patch: { role?: Role; status?: UserStatus; deactivatedAt?: Date | null },
  now: Date,
): Promise<void> => {
  await ex
    .update(memberships)
    .set({ ...patch, updatedAt: now })
    .where(and(inOrganization(viewer), eq(memberships.userId, userId)));
};

export const setMemberPassword = async (
  ex: Executor,
  viewer: Viewer,
  userId: string,
  passwordHash: string,
  mustChangePassword: boolean,
  now: Date,
): Promise<void> => {
  await ex
    .update(users)
    .set({ passwordHash, mustChangePassword, updatedAt: now })
    .where(
      and(
        eq(users.id, userId),
        sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.organizationId} = ${viewer.organizationId})`,
      ),
    );
};

export const findPasswordHash = async (ex: Executor, viewer: Viewer, userId: string): Promise<string | undefined> => {
  const rows = await ex
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(inOrganization(viewer), eq(users.id, userId)));
  return rows[0]?.passwordHash;
};
