/*
 * Group commit: work that arrives while earlier work is being written waits, and goes together in the next batch —
 * one transaction for many instead of one each. Nothing waits for a timer: an item that arrives when nothing is in
 * flight goes at once, on its own; under load a batch holds whatever came in while the previous one was written.
 * Each item is answered with its own result, after its batch's commit.
 */

/** What a batch answered for one item: its result, or `alone` — write it again on its own. */
export type BatchOutcome<R> = { result: R } | "alone";

export type GroupCommitOptions<T, R> = {
  /** Items in one batch at most. */
  maxBatch: number;
  /** Keys no two items of one batch may share (the same delivery key, phone, email): a later one waits for the next batch. */
  keysOf: (item: T) => readonly string[];
  /** Writes one item on its own: an item alone in its batch, one the batch sent back, every item of a batch that failed. */
  one: (item: T) => Promise<R>;
  /** Writes a batch of two or more in one transaction: an outcome per item, in order. Throwing sends every item to `one`. */
  many: (items: readonly T[]) => Promise<BatchOutcome<R>[]>;
  /** Called when nothing is pending or in flight any more (the owner may forget this queue). */
  idle?: () => void;
};

type Waiting<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

export type GroupCommit<T, R> = { submit: (item: T) => Promise<R> };

export const groupCommit = <T, R>(options: GroupCommitOptions<T, R>): GroupCommit<T, R> => {
  let pending: Waiting<T, R>[] = [];
  let inFlight = false;

  const alone = async (waiting: Waiting<T, R>): Promise<void> => {
    try {
      waiting.resolve(await options.one(waiting.item));
    } catch (error) {
      waiting.reject(error);
    }
  };

  /** The next batch: pending items in their order, each sharing no key with one taken before it. */
  const takeBatch = (): Waiting<T, R>[] => {
    const taken: Waiting<T, R>[] = [];
    const rest: Waiting<T, R>[] = [];
    const keys = new Set<string>();
    for (const waiting of pending) {
      const itemKeys = options.keysOf(waiting.item);
      if (taken.length >= options.maxBatch || itemKeys.some((key) => keys.has(key))) {
        rest.push(waiting);
        continue;
      }
      for (const key of itemKeys) keys.add(key);
      taken.push(waiting);
    }
    pending = rest;
    return taken;
  };

  const write = async (batch: Waiting<T, R>[]): Promise<void> => {
    const [first] = batch;
    if (batch.length === 1 && first) return alone(first);
    let outcomes: BatchOutcome<R>[];
    try {
      outcomes = await options.many(batch.map((w) => w.item));
    } catch {
      // One bad lead must not fail the others: each is written again on its own, and fails alone if it must.
      outcomes = batch.map(() => "alone");
    }
    const again: Waiting<T, R>[] = [];
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i] ?? "alone";
      if (outcome === "alone") again.push(waiting);
      else waiting.resolve(outcome.result);
    });
    for (const waiting of again) await alone(waiting);
  };

  const flush = (): void => {
    if (inFlight) return;
    if (pending.length === 0) {
      options.idle?.();
      return;
    }
    inFlight = true;
    void write(takeBatch()).finally(() => {
      inFlight = false;
      flush();
    });
  };

  return {
    submit: (item) =>
      new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        flush();
      }),
  };
};
