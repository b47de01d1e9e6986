/** How many failed sign-ins a key (an account or an address) may have in a sliding window. */
export type SignInThrottleSettings = {
  maxFailures: number;
  windowMinutes: number;
};

export const defaultSignInThrottle: SignInThrottleSettings = { maxFailures: 10, windowMinutes: 15 };

export type ThrottleDecision = { throttled: false } | { throttled: true; retryAfterSeconds: number };

/**
 * Decides whether a sign-in may be attempted now, given the times of recent failures for
 * each key that applies (the account and the client address). A key with `maxFailures`
 * failures inside the window blocks until enough of them have aged out of it.
 */
export const decideSignInThrottle = (
  failuresPerKey: ReadonlyArray<ReadonlyArray<Date>>,
  now: Date,
  settings: SignInThrottleSettings,
): ThrottleDecision => {
  const windowMs = settings.windowMinutes * 60_000;
  let retryAt = 0;
  for (const failures of failuresPerKey) {
    const recent = failures
      .map((at) => at.getTime())
      .filter((at) => at > now.getTime() - windowMs && at <= now.getTime())
      .sort((a, b) => a - b);
    if (recent.length < settings.maxFailures) continue;
    // Unblocked when only maxFailures - 1 failures remain inside the window.
    const oldestThatMustExpire = recent[recent.length - settings.maxFailures];
    if (oldestThatMustExpire !== undefined) retryAt = Math.max(retryAt, oldestThatMustExpire + windowMs);
  }
  if (retryAt === 0) return { throttled: false };
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
};
