import type { TwoFactorEnrollment, TwoFactorStatus } from "@conveyor/contracts";
import { twoFactorRequiredFor } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Database, Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { readSecuritySettings } from "../repositories/security-settings.repository";
import {
  countRecoveryCodesLeft,
  enableTwoFactor,
  listPlainTwoFactorSecrets,
  readTwoFactor,
  removeTwoFactor,
  replaceRecoveryCodes,
  replaceTwoFactorSecret,
  startTwoFactor,
  type Owner,
} from "../repositories/two-factor.repository";
import { revokeUserSessions } from "../repositories/session.repository";
import { findMember, findPasswordHash } from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";
import { verifyPassword } from "../security/passwords";
import { newRecoveryCodes, recoveryCodeHash } from "../security/recovery-codes";
import { isSealed, openSecret, sealSecret, type ServerKeys } from "../security/secret-box";
import { matchTotp, newTotpSecret, otpauthUri } from "../security/totp";

/*
 * Two-factor sign-in (TOTP, RFC 6238) in the profile: start enrollment (a new secret and its otpauth:// URI),
 * confirm it with a first code (recovery codes are shown once), turn it off with the password.
 */

const wrongCode = () =>
  new AppError("two_factor_invalid", "The code is wrong or was already used", {
    errors: [{ field: "code", code: "two_factor_invalid", message: "The code is wrong or was already used" }],
  });

export const readTwoFactorStatus = async (context: AppContext, viewer: Viewer): Promise<TwoFactorStatus> => {
  const { db } = context.database;
  const [row, policy, left] = await Promise.all([
    readTwoFactor(db, viewer),
    readSecuritySettings(db, viewer),
    countRecoveryCodesLeft(db, viewer),
  ]);
  return {
    enabled: !!row?.enabledAt,
    required: twoFactorRequiredFor(viewer.role, policy?.requireTwoFactor ?? false),
    recoveryCodesLeft: row?.enabledAt ? left : 0,
  };
};

/**
 * The TOTP secret of a stored row. One stored before secrets were sealed is sealed now, in the caller's
 * transaction (the start seals them all; this covers a row written by an older server since).
 */
export const totpSecretOf = async (tx: Executor, owner: Owner, stored: string, keys: ServerKeys): Promise<string> => {
  const secret = openSecret(keys.twoFactor, stored);
  if (!isSealed(stored)) await replaceTwoFactorSecret(tx, owner, stored, sealSecret(keys.twoFactor, secret));
  return secret;
};

/** Seals every TOTP secret still stored in the clear; returns how many. Run at start, before requests. */
export const sealPlainTwoFactorSecrets = async (db: Database["db"], keys: ServerKeys): Promise<number> => {
  const plain = await listPlainTwoFactorSecrets(db);
  for (const row of plain) await replaceTwoFactorSecret(db, row, row.secret, sealSecret(keys.twoFactor, row.secret));
  return plain.length;
};

/** A new secret, kept pending until confirmed; inside the caller's transaction (the sign-in step uses it too). */
export const beginEnrollment = async (tx: Executor, owner: Owner & { email: string }, context: { now: Date; keys: ServerKeys }): Promise<TwoFactorEnrollment> => {
  const secret = newTotpSecret();
  await startTwoFactor(tx, owner, sealSecret(context.keys.twoFactor, secret), context.now);
  return { secret, otpauthUri: otpauthUri(secret, owner.email) };
};

/**
 * Checks the first code against the pending secret and turns two-factor on; returns the recovery codes
 * (only their hashes are kept). Throws `two_factor_invalid` on a wrong code.
 */
export const finishEnrollment = async (
  tx: Executor,
  owner: Owner,
  code: string,
  context: { now: Date; ip: string; keys: ServerKeys },
): Promise<string[]> => {
  const row = await readTwoFactor(tx, owner, { forUpdate: true });
  if (!row || row.enabledAt) throw new AppError("validation_failed", "Start the enrollment first", { errors: [{ field: "code", code: "not_enrolling", message: "Start the enrollment first" }] });
  const step = matchTotp(await totpSecretOf(tx, owner, row.secret, context.keys), code, context.now, row.lastStep);
  if (step === null) throw wrongCode();
  await enableTwoFactor(tx, owner, step, context.now);
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, owner, codes.map(recoveryCodeHash), context.now);
  await appendAudit(tx, {
    organizationId: owner.organizationId,
    actorId: owner.userId,
    action: "two_factor_enabled",
    targetKind: "user",
    targetId: owner.userId,
    ip: context.ip,
    at: context.now,
  });
  return codes;
};

export const startMyEnrollment = async (context: AppContext, viewer: Viewer): Promise<TwoFactorEnrollment> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const member = await findMember(tx, viewer, viewer.userId);
    if (!member) throw notFound("You");
    const existing = await readTwoFactor(tx, viewer, { forUpdate: true });
    if (existing?.enabledAt) throw new AppError("validation_failed", "Two-factor sign-in is already on; turn it off first", { errors: [{ field: "twoFactor", code: "already_enabled", message: "Two-factor sign-in is already on" }] });
    return beginEnrollment(tx, { ...viewer, email: member.email }, { now, keys: context.keys });
  });
};

export const confirmMyEnrollment = async (context: AppContext, viewer: Viewer, code: string, ip: string): Promise<string[]> => {
  const now = context.now();
  return context.database.db.transaction((tx) => finishEnrollment(tx, viewer, code, { now, ip, keys: context.keys }));
};

/** Turns two-factor off after the password; refused while the organization requires it of this person. */
export const disableMyTwoFactor = async (context: AppContext, viewer: Viewer, password: string, ip: string): Promise<void> => {
  const { db } = context.database;
  const now = context.now();
  const policy = await readSecuritySettings(db, viewer);
  if (twoFactorRequiredFor(viewer.role, policy?.requireTwoFactor ?? false)) {
    throw new AppError("two_factor_required", "Your organization requires two-factor sign-in for your role");
  }
  const hash = await findPasswordHash(db, viewer, viewer.userId);
  if (!hash || !(await verifyPassword(hash, password))) {
    throw new AppError("wrong_password", "The password is wrong", {
      errors: [{ field: "password", code: "wrong_password", message: "The password is wrong" }],
    });
  }
  await db.transaction(async (tx) => {
    const row = await readTwoFactor(tx, viewer, { forUpdate: true });
    if (!row) return;
    await removeTwoFactor(tx, viewer);
    if (row.enabledAt) {
      await appendAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "two_factor_disabled", targetKind: "user", targetId: viewer.userId, ip, at: now });
    }
  });
};

/**
 * An admin clears another person's two-factor (a lost phone and lost recovery codes): their next sign-in is
 * one step again — or asks them to enroll, when the organization requires it. Their sessions end too.
 */
export const resetTwoFactorOf = async (context: AppContext, viewer: Viewer, userId: string, ip: string): Promise<void> => {
  // One's own two-factor goes off only with the password (the profile), never by a session alone.
  if (userId === viewer.userId) throw new AppError("forbidden", "Turn your own two-factor sign-in off in your profile, with your password");
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    const member = await findMember(tx, viewer, userId);
    if (!member) throw notFound("The person");
    const owner = { organizationId: viewer.organizationId, userId };
    const row = await readTwoFactor(tx, owner, { forUpdate: true });
    if (!row) return;
    await removeTwoFactor(tx, owner);
    await revokeUserSessions(tx, viewer, userId, now);
    await appendAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "two_factor_disabled", targetKind: "user", targetId: userId, details: { resetByAdmin: true }, ip, at: now });
  });
};
