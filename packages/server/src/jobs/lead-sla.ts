import type { FastifyBaseLogger } from "fastify";
import { runLeadSla } from "../commands/run-lead-sla";
import type { AppContext } from "../context";
import { createIntervalJob, type IntervalJob } from "./interval-job";

/** Business-minute SLAs are minutes: the timer looks for due leads every 15 seconds (M5.5). */
const tickMs = 15_000;

export const createLeadSlaTimer = (context: AppContext, logger?: FastifyBaseLogger): IntervalJob =>
  createIntervalJob(
    "lead SLA",
    tickMs,
    async () => {
      const run = await runLeadSla(context);
      if (run.reminded + run.reassigned + run.escalated > 0) logger?.info(run, "lead SLA");
    },
    logger,
  );
