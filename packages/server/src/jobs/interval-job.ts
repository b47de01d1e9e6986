import type { FastifyBaseLogger } from "fastify";

export type IntervalJob = { start: () => void; stop: () => Promise<void>; tick: () => Promise<void> };

/**
 * An in-process schedule: runs `tick` at start and every `everyMs`, never two at once; a failing tick is logged
 * and the next one runs as usual. `stop` waits for the tick in progress. (DESIGN.md plans pg-boss for several
 * server processes; one process runs these now.)
 */
export const createIntervalJob = (
  name: string,
  everyMs: number,
  tick: (isStopped: () => boolean) => Promise<void>,
  logger?: FastifyBaseLogger,
): IntervalJob => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const isStopped = () => stopped;
  const fire = () => {
    if (running || stopped) return;
    running = tick(isStopped)
      .catch((error: unknown) => logger?.error({ err: error }, `${name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start: () => {
      timer = setInterval(fire, everyMs);
      timer.unref();
      fire();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
    tick: () => tick(isStopped),
  };
};
