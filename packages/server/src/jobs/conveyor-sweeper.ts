import { localDateOf, localTimeOf } from "@conveyor/domain";
import type { FastifyBaseLogger } from "fastify";
import { sweepConveyor } from "../commands/sweep-conveyor";
import type { AppContext } from "../context";
import { organizationsForSweep } from "../repositories/conveyor-settings.repository";
import { createIntervalJob, type IntervalJob } from "./interval-job";

export type ConveyorSweeper = IntervalJob;

const tickMs = 60_000;

/**
 * The nightly sweep of M1.4 / M4.1 / M4.2, in-process: once a minute it looks for organizations
 * whose local time passed their sweep time and whose sweep has not run on that local date.
 * One organization at a time; a sweep interrupted by a restart simply runs again (it is idempotent).
 */
export const createConveyorSweeper = (context: AppContext, logger?: FastifyBaseLogger): ConveyorSweeper =>
  createIntervalJob(
    "conveyor sweep",
    tickMs,
    async (isStopped) => {
      const now = context.now();
      for (const org of await organizationsForSweep(context.database.db)) {
        if (isStopped()) return;
        const today = localDateOf(now, org.timeZone);
        if (org.lastSweepOn === today || localTimeOf(now, org.timeZone) < org.sweepAt) continue;
        const result = await sweepConveyor(context, org.organizationId);
        logger?.info({ organizationId: org.organizationId, ...result }, "conveyor sweep");
      }
    },
    logger,
  );
