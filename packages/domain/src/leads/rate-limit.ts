/** At most `limit` hits from one address in any `windowMs` milliseconds. */
export type RateWindow = { limit: number; windowMs: number };

/**
 * M5.5: a sliding-window limit per address for the public web form, so a script cannot flood the lead queue.
 * Hits older than the window are dropped; a refused hit is not recorded, so a client is let in again as soon as
 * its oldest counted hit ages out — `retryAfterMs` from now. Throws RangeError for a limit below 1 or a window not
 * above 0: a form that accepts nobody is switched off, not rate limited.
 */
export const admitHit = (
  hits: readonly number[],
  nowMs: number,
  window: RateWindow,
): { admitted: boolean; hits: number[]; retryAfterMs: number } => {
  if (!Number.isInteger(window.limit) || window.limit < 1) throw new RangeError(`Not a hit limit: ${window.limit}`);
  if (!(window.windowMs > 0)) throw new RangeError(`Not a window: ${window.windowMs}`);
  const recent = hits.filter((at) => at > nowMs - window.windowMs).sort((a, b) => a - b);
  if (recent.length < window.limit) return { admitted: true, hits: [...recent, nowMs], retryAfterMs: 0 };
  // Admitted again once only limit - 1 of the counted hits remain inside the window.
  const mustExpire = recent[recent.length - window.limit] ?? nowMs;
  return { admitted: false, hits: recent, retryAfterMs: Math.max(1, mustExpire + window.windowMs - nowMs) };
};
