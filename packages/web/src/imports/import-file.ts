import { importEntities, maxImportBytes, type ImportEntity, type ImportJob, type ImportStatus } from "@conveyor/contracts";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The extensions the file picker offers; the server reads the content, whatever the name says. */
export const importFileAccept = ".csv,.txt,.tsv,.xlsx";

const extensionOf = (fileName: string) => /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? "";

/**
 * The Content-Type to send a file with. Not the browser's `file.type`: Windows calls a CSV
 * "application/vnd.ms-excel" and some systems give none at all.
 */
export const importContentType = (fileName: string): string => {
  switch (extensionOf(fileName)) {
    case "xlsx":
      return xlsxType;
    case "csv":
    case "txt":
    case "tsv":
      return "text/csv";
    default:
      return "application/octet-stream";
  }
};

export type ImportFileProblem = "empty" | "too_large" | "unsupported_type";

/** Why a chosen file cannot be sent, before sending 50 MB for nothing; null when it can. */
export const importFileProblem = (file: { name: string; size: number }): ImportFileProblem | null => {
  if (!["csv", "txt", "tsv", "xlsx"].includes(extensionOf(file.name))) return "unsupported_type";
  if (file.size === 0) return "empty";
  if (file.size > maxImportBytes) return "too_large";
  return null;
};

export const isImportEntity = (value: string | null | undefined): value is ImportEntity =>
  importEntities.some((entity) => entity === value);

/** Whether the job is still moving, so its page keeps asking for progress. */
export const isImportRunning = (status: ImportStatus): boolean => {
  switch (status) {
    case "running":
      return true;
    case "draft":
    case "done":
    case "failed":
      return false;
  }
};

/** How far the import has come, 0–100. A file with no rows is finished as soon as it ran. */
export const importProgressPercent = (job: Pick<ImportJob, "processedRows" | "totalRows" | "status">): number => {
  if (job.status === "done") return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(100, Math.floor((job.processedRows / job.totalRows) * 100));
};
