import type { FastifyBaseLogger } from "fastify";
import { organizationsForReviewSweep, sweepReview } from "../commands/sweep-review";
import type { AppContext } from "../context";
import { createIntervalJob, type IntervalJob } from "./interval-job";

const tickMs = 60_000;

/**
 * [daily-review] once a minute, each organization's evening sweep (at each team's local sweep time) and the
 * cadence reminders to reviewers (M2.5). Idempotent per person, seller and local day, so a tick that runs
 * again, or a restart, writes nothing twice.
 */
export const createReviewSweeper = (context: AppContext, logger?: FastifyBaseLogger): IntervalJob =>
  createIntervalJob(
    "review sweep",
    tickMs,
    async (isStopped) => {
      for (const organizationId of await organizationsForReviewSweep(context.database.db)) {
        if (isStopped()) return;
        const result = await sweepReview(context, organizationId);
        if (result.eveningNotices + result.reviewDueNotices > 0) logger?.info({ organizationId, ...result }, "review sweep");
      }
    },
    logger,
  );
