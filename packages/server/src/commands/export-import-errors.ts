import type { Role } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { findImportJob, importSample, listImportRows } from "../repositories/import.repository";
import type { Viewer } from "../scope";

/*
 * An import's rejected rows as CSV: the row number, the field and the reason, then the row's original cells —
 * client names, phones and e-mails — so [anti-leak] runs it through the export gate like any client list.
 */

/** Imports write for everyone: admins and heads of sales only. */
export const importers: readonly Role[] = ["admin", "head_of_sales"];

const quote = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const exportImportErrors = async (context: AppContext, viewer: Viewer, importId: string): Promise<{ body: Buffer; rows: number }> => {
  if (!importers.includes(viewer.role)) throw new AppError("forbidden", "Only admins and heads of sales work with imports");
  const { db } = context.database;
  const job = await findImportJob(db, viewer, importId);
  if (!job) throw notFound("The import");
  const problems = await listImportRows(db, viewer, job.id, { outcome: "error", afterRow: 0, limit: 1_000_000 });
  const cells = await importSample(db, viewer, job.id, job.totalRows);
  const lines = [
    ["row", "field", "code", "message", ...job.headers].map(quote).join(","),
    // The first data row of the file is row 2 (after the header).
    ...problems.map((p) => [String(p.rowNumber), p.field ?? "", p.code ?? "", p.message ?? "", ...(cells[p.rowNumber - 2] ?? [])].map(quote).join(",")),
  ];
  return { body: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`), rows: problems.length };
};
