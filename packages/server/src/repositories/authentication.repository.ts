import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { apiTokens, memberships, organizations, securitySettings, sessions, signInAttempts, users } from "../db/schema";

/*
 * The only reads that run before anyone is known: they find who is asking from an email,
 * a session cookie or an API token. Everything after that goes through functions that take
 * a Viewer. The scope test allows this file, bootstrap and nothing else to skip the Viewer.
 */

export type Account = {
  userId: string;
  organizationId: string;
  passwordHash: string;
  role: string;
  status: string;
};

export const findAccountByEmail = async (ex: Executor, email: string): Promise<Account | undefined> => {
  const rows = await ex
    .select({
      userId: users.id,
      organizationId: memberships.organizationId,
      passwordHash: users.passwordHash,
      role: memberships.role,
      status: memberships.status,
    })
    .from(users)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.organizationId, users.organizationId)),
    )
    .where(eq(users.email, email))
    .limit(1);
  return rows[0];
};

export type Credential = {
  id: string;
  organizationId: string;
  userId: string;
  role: string;
  status: string;
  mustChangePassword: boolean;
  csrfToken: string | null;
  lastSeenAt: Date | null;
  /** The organization's IP allow-list ([anti-leak]); empty = any address. */
  ipAllowList: string[];
};

const allowListColumn = sql<string[]>`coalesce(${securitySettings.ipAllowList}, '{}'::text[])`;

/**
 * A live session by its token's hash: not revoked, not expired, not idle too long, not older than the
 * absolute timeout. The organization's timeouts ([anti-leak] security_settings) apply when it set them;
 * otherwise `idleTimeoutMs` and the session's own expiry.
 */
export const findSessionByTokenHash = async (
  ex: Executor,
  tokenHash: string,
  now: Date,
  idleTimeoutMs: number,
): Promise<Credential | undefined> => {
  const idleSince = new Date(now.getTime() - idleTimeoutMs);
  const rows = await ex
    .select({
      id: sessions.id,
      organizationId: sessions.organizationId,
      userId: sessions.userId,
      role: memberships.role,
      status: memberships.status,
      mustChangePassword: users.mustChangePassword,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      ipAllowList: allowListColumn,
    })
    .from(sessions)
    .innerJoin(
      memberships,
      and(eq(memberships.organizationId, sessions.organizationId), eq(memberships.userId, sessions.userId)),
    )
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(securitySettings, eq(securitySettings.organizationId, sessions.organizationId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        sql`(${securitySettings.organizationId} is null and ${sessions.lastSeenAt} > ${idleSince.toISOString()}::timestamptz
          or ${sessions.lastSeenAt} > ${now.toISOString()}::timestamptz - make_interval(mins => ${securitySettings.idleTimeoutMinutes}))`,
        sql`(${securitySettings.organizationId} is null
          or ${sessions.createdAt} > ${now.toISOString()}::timestamptz - make_interval(hours => ${securitySettings.absoluteTimeoutHours}))`,
      ),
    )
    .limit(1);
  return rows[0];
};

export const findApiTokenByHash = async (ex: Executor, tokenHash: string): Promise<Credential | undefined> => {
  const rows = await ex
    .select({
      id: apiTokens.id,
      organizationId: apiTokens.organizationId,
      userId: apiTokens.userId,
      role: memberships.role,
      status: memberships.status,
      mustChangePassword: sql<boolean>`false`,
      csrfToken: sql<string | null>`null`,
      lastSeenAt: apiTokens.lastUsedAt,
      ipAllowList: allowListColumn,
    })
    .from(apiTokens)
    .innerJoin(
      memberships,
      and(eq(memberships.organizationId, apiTokens.organizationId), eq(memberships.userId, apiTokens.userId)),
    )
    .leftJoin(securitySettings, eq(securitySettings.organizationId, apiTokens.organizationId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return rows[0];
};

export const recordSignInAttempt = async (
  ex: Executor,
  attempt: { organizationId: string | null; email: string; ip: string; succeeded: boolean },
  now: Date,
): Promise<void> => {
  await ex.insert(signInAttempts).values({ ...attempt, attemptedAt: now });
};

/** Failure times in the window, newest first, per account email and per client address. */
export const recentSignInFailures = async (
  ex: Executor,
  key: { email: string; ip: string },
  since: Date,
  limit: number,
): Promise<{ byEmail: Date[]; byIp: Date[] }> => {
  const select = (where: ReturnType<typeof and>) =>
    ex
      .select({ attemptedAt: signInAttempts.attemptedAt })
      .from(signInAttempts)
      .where(where)
      .orderBy(desc(signInAttempts.attemptedAt))
      .limit(limit);
  const failed = and(eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since));
  const [byEmail, byIp] = await Promise.all([
    select(and(failed, eq(signInAttempts.email, key.email))),
    select(and(failed, eq(signInAttempts.ip, key.ip))),
  ]);
  return { byEmail: byEmail.map((r) => r.attemptedAt), byIp: byIp.map((r) => r.attemptedAt) };
};

export const markSignedIn = async (ex: Executor, userId: string, now: Date): Promise<void> => {
  await ex.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
};

/** Bootstrap: is this installation still empty? */
export const anyOrganizationExists = async (ex: Executor): Promise<boolean> => {
  const rows = await ex.select({ id: organizations.id }).from(organizations).limit(1);
  return rows.length > 0;
};

export const insertOrganization = async (
  ex: Executor,
  organization: typeof organizations.$inferInsert,
): Promise<string> => {
  const rows = await ex.insert(organizations).values(organization).returning({ id: organizations.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into organizations returned no row");
  return id;
};

