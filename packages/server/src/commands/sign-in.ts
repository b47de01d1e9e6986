import { roleSchema } from "@conveyor/contracts";
import { decideSignInThrottle } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import {
  findAccountByEmail,
  markSignedIn,
  recentSignInFailures,
  recordSignInAttempt,
} from "../repositories/authentication.repository";
import { verifyAgainstDummy, verifyPassword } from "../security/passwords";
import { openSession, type SignedIn } from "./open-session";

export type SignInOptions = {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
};


/**
 * Checks an email and password and opens a session. Throttled per account and per address
 * (10 failures in 15 minutes by default): a throttled attempt is refused before the password
 * is even checked, so guessing cannot go on at any speed.
 */
export const signIn = async (context: AppContext, options: SignInOptions): Promise<SignedIn> => {
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

  if (!account || !passwordMatches) {
    await recordSignInAttempt(
      db,
      { organizationId: account?.organizationId ?? null, email, ip: options.ip, succeeded: false },
      now,
    );
    throw new AppError("invalid_credentials", "Wrong email or password");
  }
  if (account.status !== "active") {
    await recordSignInAttempt(db, { organizationId: account.organizationId, email, ip: options.ip, succeeded: false }, now);
    throw new AppError("forbidden", "This account is deactivated. Ask your administrator.");
  }

  return db.transaction(async (tx) => {
    await recordSignInAttempt(tx, { organizationId: account.organizationId, email, ip: options.ip, succeeded: true }, now);
    await markSignedIn(tx, account.userId, now);
    return openSession(tx, {
      organizationId: account.organizationId,
      userId: account.userId,
      role: roleSchema.parse(account.role),
      ip: options.ip,
      userAgent: options.userAgent,
      ttlMs: context.security.sessionTtlMs,
      now,
    });
  });
};
