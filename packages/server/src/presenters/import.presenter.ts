import { importEntitySchema, importPresetSchema, importRowCodes, importRowOutcomeSchema, importStatusSchema, onDuplicateSchema, type ImportJob, type ImportRow } from "@conveyor/contracts";
import type { ImportJobSummary, ImportRowRecord } from "../repositories/import.repository";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const presentImportSummary = (job: ImportJobSummary) => ({
  id: job.id,
  entity: importEntitySchema.parse(job.entity),
  fileName: job.fileName,
  status: importStatusSchema.parse(job.status),
  preset: job.preset ? importPresetSchema.parse(job.preset) : null,
  onDuplicate: onDuplicateSchema.parse(job.onDuplicate),
  totalRows: job.totalRows,
  processedRows: job.processedRows,
  createdCount: job.createdCount,
  updatedCount: job.updatedCount,
  skippedCount: job.skippedCount,
  errorCount: job.errorCount,
  sameFileImportedAt: null,
  createdByName: job.createdByName,
  createdAt: job.createdAt.toISOString(),
  startedAt: iso(job.startedAt),
  finishedAt: iso(job.finishedAt),
});

export const presentImportJob = (job: ImportJobSummary, sample: string[][], sameFileImportedAt: Date | null): ImportJob => ({
  ...presentImportSummary(job),
  headers: job.headers,
  sample,
  mapping: job.mapping ?? job.headers.map(() => null),
  sameFileImportedAt: iso(sameFileImportedAt),
});

const rowCode = (code: string | null) => importRowCodes.find((c) => c === code) ?? (code ? "row_failed" : null);

export const presentImportRow = (row: ImportRowRecord): ImportRow => ({
  rowNumber: row.rowNumber,
  outcome: importRowOutcomeSchema.parse(row.outcome),
  entityId: row.entityId,
  companyId: row.companyId,
  code: rowCode(row.code),
  field: row.field,
  message: row.message,
});
