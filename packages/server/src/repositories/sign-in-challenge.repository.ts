import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { memberships, signInChallenges, users } from "../db/schema";

/*
 * The sign-in second step. Like the session lookup, it runs before anyone is known: the challenge token
 * (a cookie) finds the organization and user the password check found.
 */

export type NewChallenge = {
  organizationId: string;
  userId: string;
  tokenHash: string;
  kind: "verify" | "enroll";
  ip: string | null;
  userAgent: string | null;
  expiresAt: Date;
};

export type ChallengeRow = typeof signInChallenges.$inferSelect;

export const insertChallenge = async (ex: Executor, challenge: NewChallenge, now: Date): Promise<void> => {
  await ex.insert(signInChallenges).values({ ...challenge, createdAt: now });
};

/** A live challenge by its token's hash (not used, not expired), locked for the step. */
export const findLiveChallenge = async (ex: Executor, tokenHash: string, now: Date): Promise<ChallengeRow | undefined> => {
  const rows = await ex
    .select()
    .from(signInChallenges)
    .where(and(eq(signInChallenges.tokenHash, tokenHash), isNull(signInChallenges.usedAt), gt(signInChallenges.expiresAt, now)))
    .for("update");
  return rows[0];
};

export const countChallengeAttempt = async (ex: Executor, challenge: Pick<ChallengeRow, "id" | "organizationId">): Promise<void> => {
  await ex
    .update(signInChallenges)
    .set({ attempts: sql`${signInChallenges.attempts} + 1` })
    .where(and(eq(signInChallenges.organizationId, challenge.organizationId), eq(signInChallenges.id, challenge.id)));
};

export const closeChallenge = async (ex: Executor, challenge: Pick<ChallengeRow, "id" | "organizationId">, now: Date): Promise<void> => {
  await ex
    .update(signInChallenges)
    .set({ usedAt: now })
    .where(and(eq(signInChallenges.organizationId, challenge.organizationId), eq(signInChallenges.id, challenge.id)));
};

/** The person a challenge is for: email, role and standing in the challenge's organization. */
export const findChallengeMember = async (
  ex: Executor,
  owner: { organizationId: string; userId: string },
): Promise<{ email: string; role: string; status: string } | undefined> => {
  const rows = await ex
    .select({ email: users.email, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, owner.organizationId), eq(memberships.userId, owner.userId)));
  return rows[0];
};
