/** A seller who could receive a handed-over client, with how many clients they hold and their cap (null = no cap). */
export type ReceiverCandidate = { userId: string; load: number; cap: number | null };

const hasRoom = (candidate: ReceiverCandidate): boolean => candidate.cap === null || candidate.load < candidate.cap;

/** Code-unit order, not locale order: the same ids must pick the same receiver on every server. */
const byLoadThenId = (a: ReceiverCandidate, b: ReceiverCandidate): number =>
  a.load - b.load || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/**
 * M1.4: who receives a client handed over to the next level (L1 → L2, L2 → L3).
 * The candidate with the least load strictly below their cap; ties by userId ascending; null when all are at
 * cap or there is nobody. Picking the least loaded spreads clients evenly and never fills anyone past a cap.
 */
export const pickReceiver = (candidates: readonly ReceiverCandidate[]): string | null => {
  let best: ReceiverCandidate | null = null;
  for (const candidate of candidates) {
    if (hasRoom(candidate) && (best === null || byLoadThenId(candidate, best) < 0)) best = candidate;
  }
  return best?.userId ?? null;
};
