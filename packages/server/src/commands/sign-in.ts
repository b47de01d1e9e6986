import { roleSchema } from "@conveyor/contracts";
import { decideSignInThrottle, ipAllowed, twoFactorRequiredFor } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import {
  findAccountByEmail,
  markSignedIn,
  recentSignInFailures,
  recordSignInAttempt,
} from "../repositories/authentication.repository";
import { readSecuritySettings } from "../repositories/security-settings.repository";
import { readTwoFactor } from "../repositories/two-factor.repository";
import { appendAudit } from "../security/audit-log";
import { verifyAgainstDummy, verifyPassword } from "../security/passwords";
import { openSession, type SignedIn } from "./open-session";
import { openSignInChallenge, sessionTtlFor, type Challenge } from "./two-factor-sign-in";

export type SignInOptions = {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
};

/** A session, or — for two-factor — a challenge the second step turns into one. */
export type SignInResult = { kind: "signed_in"; signedIn: SignedIn } | { kind: "two_factor"; challenge: Challenge };

/**
 * Checks an email and password and opens a session. Throttled per account and per address
 * (10 failures in 15 minutes by default): a throttled attempt is refused before the password
 * is even checked, so guessing cannot go on at any speed.
 */
export const signIn = async (context: AppContext, options: SignInOptions): Promise<SignInResult> => {
  const { db } = context.database;
  const now = context.now();
  const email = options.email.trim().toLowerCase();
  const settings = context.security.signInThrottle;

  const since = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const failures = await recentSignInFailures(db, { email, ip: options.ip }, since, settings.maxFailures);
  const decision = decideSignInThrottle([failures.byEmail, failures.byIp], now, settings);
  if (decision.throttled) {
    const minutes = Math.ceil(decision.retryAfterSeconds / 60);
    throw new AppError("sign_in_throttled", `Too many failed attempts. Try again in ${minutes} min.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }

  const account = await findAccountByEmail(db, email);
  const passwordMatches = account
    ? await verifyPassword(account.passwordHash, options.password)
    : await verifyAgainstDummy(options.password);

  // A failure of a known account is audited in its organization's chain (an unknown email has none).
  const refuse = async (reason: "wrong_password" | "deactivated" | "ip_not_allowed") => {
    await db.transaction(async (tx) => {
      await recordSignInAttempt(tx, { organizationId: account?.organizationId ?? null, email, ip: options.ip, succeeded: false }, now);
      if (account) {
        await appendAudit(tx, {
          organizationId: account.organizationId,
          actorId: account.userId,
          action: reason === "ip_not_allowed" ? "ip_denied" : "sign_in_failed",
          targetKind: "user",
          targetId: account.userId,
          details: { email, reason },
          ip: options.ip,
          at: now,
        });
      }
    });
  };
  if (!account || !passwordMatches) {
    await refuse("wrong_password");
    throw new AppError("invalid_credentials", "Wrong email or password");
  }
  if (account.status !== "active") {
    await refuse("deactivated");
    throw new AppError("forbidden", "This account is deactivated. Ask your administrator.");
  }
  const role = roleSchema.parse(account.role);
  const policy = await readSecuritySettings(db, account);
  if (policy && !ipAllowed(options.ip, policy.ipAllowList)) {
    await refuse("ip_not_allowed");
    throw new AppError("ip_not_allowed", "Your organization does not allow sign-in from this address");
  }
  const twoFactor = await readTwoFactor(db, account);
  const secondStep = twoFactor?.enabledAt
    ? "verify"
    : twoFactorRequiredFor(role, policy?.requireTwoFactor ?? false)
      ? "enroll"
      : null;

  return db.transaction(async (tx): Promise<SignInResult> => {
    await recordSignInAttempt(tx, { organizationId: account.organizationId, email, ip: options.ip, succeeded: true }, now);
    if (secondStep) {
      const challenge = await openSignInChallenge(tx, { ...account, kind: secondStep, ip: options.ip, userAgent: options.userAgent, now });
      return { kind: "two_factor", challenge };
    }
    await markSignedIn(tx, account.userId, now);
    const signedIn = await openSession(tx, {
      organizationId: account.organizationId,
      userId: account.userId,
      role,
      ip: options.ip,
      userAgent: options.userAgent,
      ttlMs: await sessionTtlFor(context, tx, account.organizationId),
      now,
    });
    await appendAudit(tx, {
      organizationId: account.organizationId,
      actorId: account.userId,
      action: "sign_in",
      targetKind: "session",
      targetId: signedIn.sessionId,
      details: options.userAgent ? { userAgent: options.userAgent.slice(0, 200) } : {},
      ip: options.ip,
      at: now,
    });
    return { kind: "signed_in", signedIn };
  });
};
