import { admitHit, type RateWindow } from "@conveyor/domain";

export type FormRateLimiter = {
  /** Counts a hit of `ip` on `sourceId`; when refused, how long until the next one is let in. */
  hit: (sourceId: string, ip: string, nowMs: number, window: RateWindow) => { admitted: boolean; retryAfterMs: number };
};

/**
 * M5.5: the per-address limit of a public form, kept in this process's memory. At most `maxEntries` addresses
 * are remembered; past that the one seen longest ago is forgotten first, so a flood of addresses cannot grow
 * the map without bound (a forgotten address starts afresh, which only ever lets a visitor in).
 */
export const createFormRateLimiter = (maxEntries = 10_000): FormRateLimiter => {
  const hitsByKey = new Map<string, number[]>();
  return {
    hit(sourceId, ip, nowMs, window) {
      const key = `${sourceId}|${ip}`;
      const result = admitHit(hitsByKey.get(key) ?? [], nowMs, window);
      // Re-inserting keeps the map in order of last sight: the first key is the stalest.
      hitsByKey.delete(key);
      hitsByKey.set(key, result.hits);
      while (hitsByKey.size > maxEntries) {
        const stalest = hitsByKey.keys().next();
        if (stalest.done) break;
        hitsByKey.delete(stalest.value);
      }
      return { admitted: result.admitted, retryAfterMs: result.retryAfterMs };
    },
  };
};
