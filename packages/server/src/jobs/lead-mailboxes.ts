import type { FastifyBaseLogger } from "fastify";
import { dueMailboxes, pollMailbox } from "../commands/poll-mailbox";
import type { AppContext } from "../context";
import { createIntervalJob, type IntervalJob } from "./interval-job";

/** Each mailbox keeps its own interval (pollSeconds); the poller looks for due ones every 15 seconds. */
const tickMs = 15_000;

/** M5.5: the email sources' mailboxes, read in-process, one at a time. */
export const createMailboxPoller = (context: AppContext, logger?: FastifyBaseLogger): IntervalJob =>
  createIntervalJob(
    "mailbox poll",
    tickMs,
    async (isStopped) => {
      for (const source of await dueMailboxes(context.database.db, context.now())) {
        if (isStopped()) return;
        const run = await pollMailbox(context, source);
        if (run.read > 0 || run.error) logger?.info({ sourceId: source.id, ...run }, "mailbox read");
      }
    },
    logger,
  );
