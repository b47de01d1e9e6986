import { and, count, eq, isNull, like, not } from "drizzle-orm";
import type { Executor } from "../db/database";
import { twoFactorRecoveryCodes, twoFactorSecrets } from "../db/schema";
import type { Viewer } from "../scope";

/*
 * Two-factor secrets and recovery codes. The sign-in second step reads them before a session exists, so
 * these take the organization and user ids the password check found (never a request's input).
 */

export type Owner = { organizationId: string; userId: string };

/** `secret` as stored: sealed (`v1:…`, commands/manage-two-factor.ts opens it) or, from before sealing, in the clear. */
export type TwoFactorRow = { secret: string; enabledAt: Date | null; lastStep: number | null };

export const readTwoFactor = async (ex: Executor, owner: Owner, options: { forUpdate?: boolean } = {}): Promise<TwoFactorRow | null> => {
  const query = ex
    .select({ secret: twoFactorSecrets.secret, enabledAt: twoFactorSecrets.enabledAt, lastStep: twoFactorSecrets.lastStep })
    .from(twoFactorSecrets)
    .where(and(eq(twoFactorSecrets.organizationId, owner.organizationId), eq(twoFactorSecrets.userId, owner.userId)));
  const rows = options.forUpdate ? await query.for("update") : await query;
  return rows[0] ?? null;
};

/** Starts (or restarts) enrollment with a new secret; two-factor stays off until a code confirms it. */
export const startTwoFactor = async (ex: Executor, owner: Owner, secret: string, now: Date): Promise<void> => {
  await ex
    .insert(twoFactorSecrets)
    .values({ ...owner, secret, enabledAt: null, lastStep: null, createdAt: now })
    .onConflictDoUpdate({ target: twoFactorSecrets.userId, set: { secret, enabledAt: null, lastStep: null, createdAt: now } });
};

/** Replaces the stored secret only if it is still the value read (a concurrent enrollment wins). */
export const replaceTwoFactorSecret = async (ex: Executor, owner: Owner, stored: string, replacement: string): Promise<void> => {
  await ex
    .update(twoFactorSecrets)
    .set({ secret: replacement })
    .where(and(eq(twoFactorSecrets.organizationId, owner.organizationId), eq(twoFactorSecrets.userId, owner.userId), eq(twoFactorSecrets.secret, stored)));
};

/** Every secret still stored in the clear, across the installation (sealed at start). */
export const listPlainTwoFactorSecrets = async (ex: Executor): Promise<(Owner & { secret: string })[]> =>
  ex
    .select({ organizationId: twoFactorSecrets.organizationId, userId: twoFactorSecrets.userId, secret: twoFactorSecrets.secret })
    .from(twoFactorSecrets)
    .where(not(like(twoFactorSecrets.secret, "v1:%")));

export const enableTwoFactor = async (ex: Executor, owner: Owner, step: number, now: Date): Promise<void> => {
  await ex
    .update(twoFactorSecrets)
    .set({ enabledAt: now, lastStep: step })
    .where(and(eq(twoFactorSecrets.organizationId, owner.organizationId), eq(twoFactorSecrets.userId, owner.userId)));
};

export const markTotpStepUsed = async (ex: Executor, owner: Owner, step: number): Promise<void> => {
  await ex
    .update(twoFactorSecrets)
    .set({ lastStep: step })
    .where(and(eq(twoFactorSecrets.organizationId, owner.organizationId), eq(twoFactorSecrets.userId, owner.userId)));
};

export const removeTwoFactor = async (ex: Executor, owner: Owner): Promise<void> => {
  await ex
    .delete(twoFactorSecrets)
    .where(and(eq(twoFactorSecrets.organizationId, owner.organizationId), eq(twoFactorSecrets.userId, owner.userId)));
  await ex
    .delete(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.organizationId, owner.organizationId), eq(twoFactorRecoveryCodes.userId, owner.userId)));
};

/** Replaces the person's recovery codes with new ones (their hashes). */
export const replaceRecoveryCodes = async (ex: Executor, owner: Owner, codeHashes: readonly string[], now: Date): Promise<void> => {
  await ex
    .delete(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.organizationId, owner.organizationId), eq(twoFactorRecoveryCodes.userId, owner.userId)));
  if (codeHashes.length > 0) {
    await ex.insert(twoFactorRecoveryCodes).values(codeHashes.map((codeHash) => ({ ...owner, codeHash, createdAt: now })));
  }
};

/** Uses one unused recovery code; false when there is none with this hash. */
export const useRecoveryCode = async (ex: Executor, owner: Owner, codeHash: string, now: Date): Promise<boolean> => {
  const rows = await ex
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(twoFactorRecoveryCodes.organizationId, owner.organizationId),
        eq(twoFactorRecoveryCodes.userId, owner.userId),
        eq(twoFactorRecoveryCodes.codeHash, codeHash),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: twoFactorRecoveryCodes.id });
  return rows.length > 0;
};

export const countRecoveryCodesLeft = async (ex: Executor, viewer: Viewer): Promise<number> => {
  const rows = await ex
    .select({ n: count() })
    .from(twoFactorRecoveryCodes)
    .where(
      and(
        eq(twoFactorRecoveryCodes.organizationId, viewer.organizationId),
        eq(twoFactorRecoveryCodes.userId, viewer.userId),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    );
  return rows[0]?.n ?? 0;
};
