import { importEntitySchema, type StartImport } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { checkMapping } from "../imports/column-mapping";
import type { ImportRunner } from "../imports/import-runner";
import { findImportJob, startImportJob } from "../repositories/import.repository";
import type { Viewer } from "../scope";

/** The person confirmed the mapping and what to do with duplicates: the job starts in the background. */
export const startImport = async (
  context: AppContext,
  runner: ImportRunner,
  viewer: Viewer,
  jobId: string,
  input: StartImport,
): Promise<void> => {
  const job = await findImportJob(context.database.db, viewer, jobId);
  if (!job) throw notFound("The import");
  if (job.status !== "draft") throw new AppError("import_not_draft", "This import has already started");
  const checked = checkMapping(importEntitySchema.parse(job.entity), job.headers.length, input.mapping);
  if (!checked.ok) throw new AppError("import_mapping_invalid", "The column mapping is not valid", { errors: checked.errors });
  const started = await startImportJob(context.database.db, viewer, jobId, {
    mapping: checked.mapping,
    onDuplicate: input.onDuplicate,
    startedAt: context.now(),
  });
  if (!started) throw new AppError("import_not_draft", "This import has already started");
  runner.kick(jobId);
};
