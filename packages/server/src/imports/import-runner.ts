import { and, eq, sql } from "drizzle-orm";
import { countrySchema, importEntitySchema, onDuplicateSchema, importTargets, roleSchema } from "@conveyor/contracts";
import type { FastifyBaseLogger } from "fastify";
import { importBatch, memberKeys, SeenKeys, type BatchRow, type ImportSetting } from "../commands/import-batch";
import type { AppContext } from "../context";
import { memberships, organizations } from "../db/schema";
import {
  activeMembers,
  advanceImportJob,
  finishImportJob,
  insertImportRows,
  loadRunningJob,
  runningJobIds,
} from "../repositories/import.repository";
import { listPipelines } from "../repositories/pipeline.repository";

/*
 * Runs started imports in the background of the server process, one job at a time and one
 * batch per transaction, so people's requests interleave with it. Progress is committed with
 * each batch: after a restart a running job resumes at the first row not yet written.
 * (DESIGN.md plans pg-boss for jobs shared by several server processes; one process runs
 * imports until then.)
 */

export const importBatchSize = 1000;

export type ImportRunner = {
  /** Queues a job that was just started. */
  kick: (jobId: string) => void;
  /** Queues every job left running by a previous process. */
  resume: () => Promise<void>;
  /** Resolves when the queue is empty (tests, the benchmark). */
  idle: () => Promise<void>;
  /** Stops after the batch in progress; the job resumes on the next start. */
  stop: () => Promise<void>;
};

export const createImportRunner = (context: AppContext, log?: FastifyBaseLogger): ImportRunner => {
  const queue: string[] = [];
  let running: Promise<void> | null = null;
  let stopping = false;
  const db = context.database.db;

  const settingFor = async (job: NonNullable<Awaited<ReturnType<typeof loadRunningJob>>>): Promise<ImportSetting | null> => {
    const [member] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, job.organizationId), eq(memberships.userId, job.createdById)));
    const [organization] = await db.select().from(organizations).where(eq(organizations.id, job.organizationId));
    if (!member || !organization) return null;
    const entity = importEntitySchema.parse(job.entity);
    const viewer = { organizationId: job.organizationId, userId: job.createdById, role: roleSchema.parse(member.role), via: "session" as const, sessionId: null };
    return {
      viewer,
      jobId: job.id,
      entity,
      mapping: (job.mapping ?? []).map((t) => importTargets[entity].find((target) => target === t) ?? null),
      onDuplicate: onDuplicateSchema.parse(job.onDuplicate),
      country: countrySchema.parse(organization.country),
      currency: organization.currency,
      now: context.now(),
      members: memberKeys(await activeMembers(db, job.organizationId)),
      pipelines: await listPipelines(db, viewer),
      seen: new SeenKeys(),
    };
  };

  /** A batch in one transaction; if it fails, each of its rows alone, so one bad row costs only itself. */
  const writeBatch = async (setting: ImportSetting, rows: BatchRow[]): Promise<void> => {
    try {
      await db.transaction(async (tx) => {
        // The lookups probe indexes with a thousand keys at once; on tables that grew within
        // this import (the embedded database has no autovacuum to refresh statistics) the
        // planner chose to read them whole instead, and each batch got slower than the last.
        await tx.execute(sql`set local enable_seqscan = off`);
        const tally = await importBatch(tx, setting, rows);
        await insertImportRows(tx, setting.viewer.organizationId, setting.jobId, tally.report);
        await advanceImportJob(tx, setting.jobId, { processed: rows.length, ...tally });
      });
      setting.seen.commit();
      return;
    } catch (error) {
      log?.debug({ err: error, job: setting.jobId, rows: rows.length }, "import batch failed");
      setting.seen.rollback();
      if (rows.length === 1) {
        log?.warn({ err: error, job: setting.jobId, row: rows[0]?.rowNumber }, "import row failed");
        const row = rows[0];
        await db.transaction(async (tx) => {
          if (row) {
            await insertImportRows(tx, setting.viewer.organizationId, setting.jobId, [
              { rowNumber: row.rowNumber, outcome: "error", entityId: null, code: "row_failed", field: null, message: "The row could not be written" },
            ]);
          }
          await advanceImportJob(tx, setting.jobId, { processed: 1, created: 0, updated: 0, skipped: 0, errors: 1 });
        });
        return;
      }
    }
    for (const row of rows) await writeBatch(setting, [row]);
  };

  const runJob = async (jobId: string): Promise<void> => {
    const job = await loadRunningJob(db, jobId);
    if (!job) return;
    const setting = await settingFor(job);
    const rows = job.rows ?? [];
    if (!setting) {
      await finishImportJob(db, jobId, "failed", context.now());
      return;
    }
    for (let start = job.processedRows; start < rows.length; start += importBatchSize) {
      if (stopping) return;
      const batch = rows.slice(start, start + importBatchSize).map((cells, i) => ({ rowNumber: start + i + 2, cells }));
      await writeBatch(setting, batch);
    }
    await finishImportJob(db, jobId, "done", context.now());
    log?.info({ job: jobId, rows: rows.length }, "import finished");
    // The embedded database has no autovacuum: refresh the planner's statistics after a bulk
    // write, or lookups keep planning for the smaller tables of before.
    if (context.database.mode === "embedded" && rows.length >= 1000) {
      await db.execute(sql`analyze companies, contacts, deals, timeline_events, imported_row_keys`);
    }
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0 && !stopping) {
      const jobId = queue.shift();
      if (!jobId) continue;
      try {
        await runJob(jobId);
      } catch (error) {
        log?.error({ err: error, job: jobId }, "import failed");
        await finishImportJob(db, jobId, "failed", context.now()).catch(() => undefined);
      }
    }
  };

  const ensureRunning = () => {
    if (running || stopping) return;
    running = drain().finally(() => {
      running = null;
      if (queue.length > 0) ensureRunning();
    });
  };

  return {
    kick: (jobId) => {
      if (!queue.includes(jobId)) queue.push(jobId);
      ensureRunning();
    },
    resume: async () => {
      for (const id of await runningJobIds(db)) if (!queue.includes(id)) queue.push(id);
      ensureRunning();
    },
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopping = true;
      await running;
    },
  };
};
