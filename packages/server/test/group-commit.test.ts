import { describe, expect, it } from "vitest";
import { groupCommit, type BatchOutcome } from "../src/db/group-commit";

/** A queue whose writes are recorded; each write takes a turn of the event loop, as a statement does. */
const recorded = (answer: (items: readonly number[]) => BatchOutcome<string>[] | Error = (items) => items.map((n) => ({ result: `batch ${n}` }))) => {
  const log: string[] = [];
  const tick = () => new Promise((done) => setTimeout(done, 1));
  const queue = groupCommit<number, string>({
    maxBatch: 3,
    keysOf: (n) => [`k${n % 10}`],
    one: async (n) => {
      log.push(`one ${n}`);
      await tick();
      if (n < 0) throw new Error(`bad ${n}`);
      return `one ${n}`;
    },
    many: async (items) => {
      log.push(`many ${items.join(",")}`);
      await tick();
      const outcomes = answer(items);
      if (outcomes instanceof Error) throw outcomes;
      return outcomes;
    },
  });
  return { log, queue };
};

describe("group commit", () => {
  it("sends an item alone when nothing is in flight, and gathers the ones that arrive meanwhile, a batch at most", async () => {
    const { log, queue } = recorded();
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.submit(n)));
    expect(log).toEqual(["one 1", "many 2,3,4", "many 5,6"]);
    expect(results).toEqual(["one 1", "batch 2", "batch 3", "batch 4", "batch 5", "batch 6"]);
  });

  it("keeps items sharing a key in different batches, in their order", async () => {
    const { log, queue } = recorded();
    await Promise.all([1, 2, 12, 3, 13].map((n) => queue.submit(n)));
    expect(log).toEqual(["one 1", "many 2,3", "many 12,13"]);
  });

  it("writes an item the batch sends back on its own, and every item of a failed batch, each failing alone", async () => {
    const back = recorded((items) => items.map((n) => (n === 3 ? "alone" : { result: `batch ${n}` })));
    expect(await Promise.all([1, 2, 3, 4].map((n) => back.queue.submit(n)))).toEqual(["one 1", "batch 2", "one 3", "batch 4"]);
    expect(back.log).toEqual(["one 1", "many 2,3,4", "one 3"]);

    const failed = recorded(() => new Error("the batch failed"));
    const settled = await Promise.allSettled([1, 2, -3, 4].map((n) => failed.queue.submit(n)));
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : String(s.reason)))).toEqual(["one 1", "one 2", "Error: bad -3", "one 4"]);
    expect(failed.log).toEqual(["one 1", "many 2,-3,4", "one 2", "one -3", "one 4"]);
  });
});
