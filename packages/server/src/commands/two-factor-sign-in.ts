import { roleSchema, type Role, type TwoFactorEnrollment } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { markSignedIn, recordSignInAttempt } from "../repositories/authentication.repository";
import { readSecuritySettings } from "../repositories/security-settings.repository";
import {
  closeChallenge,
  countChallengeAttempt,
  findChallengeMember,
  findLiveChallenge,
  insertChallenge,
  type ChallengeRow,
} from "../repositories/sign-in-challenge.repository";
import { markTotpStepUsed, readTwoFactor, useRecoveryCode } from "../repositories/two-factor.repository";
import { appendAudit } from "../security/audit-log";
import { recoveryCodeHash } from "../security/recovery-codes";
import { newSecret, sha256 } from "../security/tokens";
import { matchTotp } from "../security/totp";
import { beginEnrollment, finishEnrollment, totpSecretOf } from "./manage-two-factor";
import { openSession, type SignedIn } from "./open-session";

/*
 * The sign-in second step. A right password of someone with two-factor (or who must enroll) gets a short-lived
 * challenge (its token in a cookie) instead of a session; a right code — or one recovery code — turns the
 * challenge into a session. Five wrong codes end the challenge; each counts as a failed sign-in for the throttle.
 */

export const challengeTtlMs = 5 * 60_000;
const maxAttempts = 5;

export type Challenge = { token: string; expiresAt: Date; twoFactor: "verify" | "enroll" };

export type ChallengeOptions = {
  organizationId: string;
  userId: string;
  kind: "verify" | "enroll";
  ip: string;
  userAgent: string | null;
  now: Date;
};

export const openSignInChallenge = async (tx: Executor, options: ChallengeOptions): Promise<Challenge> => {
  const token = newSecret();
  const expiresAt = new Date(options.now.getTime() + challengeTtlMs);
  await insertChallenge(
    tx,
    {
      organizationId: options.organizationId,
      userId: options.userId,
      tokenHash: sha256(token),
      kind: options.kind,
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 400) ?? null,
      expiresAt,
    },
    options.now,
  );
  return { token, expiresAt, twoFactor: options.kind };
};

const expired = () => new AppError("unauthenticated", "The sign-in step has expired. Sign in again.");

const liveChallenge = async (tx: Executor, token: string | undefined, now: Date): Promise<ChallengeRow> => {
  if (!token) throw expired();
  const challenge = await findLiveChallenge(tx, sha256(token), now);
  if (!challenge || challenge.attempts >= maxAttempts) throw expired();
  return challenge;
};

/** The person who must enroll at sign-in gets their secret and otpauth:// URI. */
export const startSignInEnrollment = async (context: AppContext, token: string | undefined): Promise<TwoFactorEnrollment> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const challenge = await liveChallenge(tx, token, now);
    if (challenge.kind !== "enroll") throw new AppError("forbidden", "Two-factor is already set up: enter a code");
    const member = await findChallengeMember(tx, challenge);
    if (!member) throw expired();
    return beginEnrollment(tx, { organizationId: challenge.organizationId, userId: challenge.userId, email: member.email }, { now, keys: context.keys });
  });
};

export type SecondStep = { code: string } | { recoveryCode: string };
export type SecondStepResult = { signedIn: SignedIn; recoveryCodes: string[] | null };

export const completeTwoFactorSignIn = async (
  context: AppContext,
  token: string | undefined,
  step: SecondStep,
  request: { ip: string; userAgent: string | null },
): Promise<SecondStepResult> => {
  const { db } = context.database;
  const now = context.now();
  const outcome = await db.transaction(async (tx) => {
    const challenge = await liveChallenge(tx, token, now);
    const owner = { organizationId: challenge.organizationId, userId: challenge.userId };
    const member = await findChallengeMember(tx, owner);
    if (!member || member.status !== "active") throw expired();

    let recoveryCodes: string[] | null = null;
    let method: "totp" | "recovery_code" = "totp";
    let accepted = false;
    if (challenge.kind === "enroll") {
      if (!("code" in step)) throw new AppError("validation_failed", "Enter the code from the app", { errors: [{ field: "code", code: "required", message: "Enter the code from the app" }] });
      try {
        recoveryCodes = await finishEnrollment(tx, owner, step.code, { now, ip: request.ip, keys: context.keys });
        accepted = true;
      } catch (error) {
        if (!(error instanceof AppError && error.code === "two_factor_invalid")) throw error;
      }
    } else {
      const row = await readTwoFactor(tx, owner, { forUpdate: true });
      if (!row?.enabledAt) throw expired();
      if ("code" in step) {
        const matched = matchTotp(await totpSecretOf(tx, owner, row.secret, context.keys), step.code, now, row.lastStep);
        if (matched !== null) {
          await markTotpStepUsed(tx, owner, matched);
          accepted = true;
        }
      } else {
        method = "recovery_code";
        accepted = await useRecoveryCode(tx, owner, recoveryCodeHash(step.recoveryCode), now);
      }
    }

    if (!accepted) {
      await countChallengeAttempt(tx, challenge);
      await recordSignInAttempt(tx, { organizationId: owner.organizationId, email: member.email, ip: request.ip, succeeded: false }, now);
      await appendAudit(tx, { ...owner, actorId: owner.userId, action: "two_factor_failed", targetKind: "user", targetId: owner.userId, ip: request.ip, at: now });
      return { ok: false as const };
    }

    await closeChallenge(tx, challenge, now);
    await markSignedIn(tx, owner.userId, now);
    if (method === "recovery_code") {
      await appendAudit(tx, { ...owner, actorId: owner.userId, action: "recovery_code_used", targetKind: "user", targetId: owner.userId, ip: request.ip, at: now });
    }
    const role: Role = roleSchema.parse(member.role);
    const signedIn = await openSession(tx, {
      ...owner,
      role,
      ip: request.ip,
      userAgent: request.userAgent,
      ttlMs: await sessionTtlFor(context, tx, owner.organizationId),
      now,
    });
    await appendAudit(tx, {
      ...owner,
      actorId: owner.userId,
      action: "sign_in",
      targetKind: "session",
      targetId: signedIn.sessionId,
      details: { twoFactor: method, ...(request.userAgent && { userAgent: request.userAgent.slice(0, 200) }) },
      ip: request.ip,
      at: now,
    });
    return { ok: true as const, result: { signedIn, recoveryCodes } };
  });
  // The failed attempt is committed before the error goes out.
  if (!outcome.ok) {
    throw new AppError("two_factor_invalid", "The code is wrong or was already used", {
      errors: [{ field: "code" in step ? "code" : "recoveryCode", code: "two_factor_invalid", message: "The code is wrong or was already used" }],
    });
  }
  return outcome.result;
};

/** A session lives no longer than the organization's absolute timeout (and the installation's cap). */
export const sessionTtlFor = async (context: AppContext, ex: Executor, organizationId: string): Promise<number> => {
  const policy = await readSecuritySettings(ex, { organizationId });
  const cap = context.security.sessionTtlMs;
  return policy ? Math.min(cap, policy.absoluteTimeoutHours * 3_600_000) : cap;
};
