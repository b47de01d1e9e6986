import type { SessionTimeouts } from "./types";

/*
 * [anti-leak] M1.5 (5): a session ends after a time without requests (idle) and, whatever the activity,
 * a time after sign-in (absolute). The organization sets both; these are the rules.
 */

export type SessionTimes = { createdAt: Date; lastSeenAt: Date };

/** Why a session is no longer valid at `now`, or null while it still is. */
export const sessionExpiry = (session: SessionTimes, timeouts: SessionTimeouts, now: Date): "idle" | "absolute" | null => {
  if (now.getTime() - session.createdAt.getTime() >= timeouts.absoluteTimeoutHours * 3_600_000) return "absolute";
  if (now.getTime() - session.lastSeenAt.getTime() >= timeouts.idleTimeoutMinutes * 60_000) return "idle";
  return null;
};

/** Admins and heads of sales must sign in with a second factor when the organization requires it. */
export const twoFactorRequiredFor = (role: string, requireTwoFactor: boolean): boolean =>
  requireTwoFactor && (role === "admin" || role === "head_of_sales");
