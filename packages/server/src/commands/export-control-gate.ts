import { createHash, randomUUID } from "node:crypto";
import { encodeWhitespaceMark, exportNeedsApproval, isExportApprover, mayExport, watermarkLine, type ExportRole } from "@conveyor/domain";
import type { ExportEntity } from "@conveyor/contracts";
import ExcelJS from "exceljs";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { findPerson, insertExportLog, loadExportSettings, markExportRequestDownloaded } from "../repositories/export-control.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";

/*
 * [anti-leak] M1.5 (5): the one gate every export passes — companies, deals, KPI reports, and an approved request's
 * download. Permission per role → the file → the approval threshold → the watermark (visible and invisible) →
 * the log row with the file's SHA-256 and the audit entry, in one transaction.
 */

export type ExportPlan = {
  entity: ExportEntity;
  format: "xlsx" | "csv";
  /** What the log keeps of the query (the filter as asked). */
  filter: Record<string, unknown>;
  /** The download's name without the extension, e.g. "clients-2026-12-07". */
  filename: string;
  build: () => Promise<{ body: Buffer; rows: number }>;
};

export type ExportFile = { body: Buffer; rows: number; exportId: string; fileHash: string; contentType: string; filename: string };

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Throws `forbidden` unless the viewer's role may export (the organization's setting). */
export const assertMayExport = async (ex: Executor, viewer: Viewer): Promise<void> => {
  const settings = await loadExportSettings(ex, viewer.organizationId);
  if (!mayExport(viewer.role, settings.exportRoles)) {
    throw new AppError("forbidden", "Your role may not export; an admin can allow it in the export settings");
  }
};

const xlsxBytes = async (workbook: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer());

/**
 * The watermark. XLSX: a last sheet with the line, the line in every sheet's footer, and the export id in the
 * document's properties (keywords, description). CSV: the export id as trailing whitespace (invisible, dropped by
 * spreadsheet programs); people who export only with a permission also get the line as the file's last row.
 */
export const applyWatermark = async (body: Buffer, format: "xlsx" | "csv", mark: { line: string; exportId: string; visibleInCsv: boolean }): Promise<Buffer> => {
  if (format === "csv") {
    const visible = mark.visibleInCsv ? `\n"${mark.line.replace(/"/g, '""')}"` : "";
    return Buffer.concat([body, Buffer.from(`${visible}${encodeWhitespaceMark(mark.exportId)}`)]);
  }
  const workbook = new ExcelJS.Workbook();
  const bytes = new ArrayBuffer(body.byteLength);
  new Uint8Array(bytes).set(body);
  await workbook.xlsx.load(bytes);
  for (const sheet of workbook.worksheets) {
    // A loaded sheet may have no header/footer object at all.
    const footer = mark.line.replace(/&/g, "&&");
    sheet.headerFooter = { ...sheet.headerFooter, oddFooter: footer, evenFooter: footer };
  }
  const stamp = workbook.addWorksheet("Export");
  stamp.addRow([mark.line]);
  stamp.getColumn(1).width = 100;
  workbook.keywords = `conveyor-export:${mark.exportId}`;
  workbook.description = mark.line;
  workbook.lastModifiedBy = mark.line;
  return xlsxBytes(workbook);
};

/**
 * Runs an export through the gate. Without `requestId` the threshold applies: past it a person who is not a head
 * of sales or an admin gets 409 `export_approval_required` and asks for approval instead. With `requestId` (an
 * approved request's one download) the request is marked downloaded in the same transaction as the log row.
 */
export const runControlledExport = async (
  context: AppContext,
  viewer: Viewer,
  plan: ExportPlan,
  options: { requestId?: string; ip?: string } = {},
): Promise<ExportFile> => {
  const { db } = context.database;
  const settings = await loadExportSettings(db, viewer.organizationId);
  const role: ExportRole = viewer.role;
  if (!mayExport(role, settings.exportRoles)) {
    throw new AppError("forbidden", "Your role may not export; an admin can allow it in the export settings");
  }
  const { body, rows } = await plan.build();
  if (options.requestId === undefined && exportNeedsApproval({ role, rows, threshold: settings.approvalThreshold })) {
    throw new AppError(
      "export_approval_required",
      `This export has ${rows} rows; more than ${settings.approvalThreshold} need a head of sales' approval (POST /api/v1/exports/requests)`,
    );
  }
  const person = await findPerson(db, viewer, viewer.userId);
  const exportId = randomUUID();
  const at = context.now();
  const line = watermarkLine({ name: person?.name ?? "", email: person?.email ?? "", at, exportId });
  const marked = await applyWatermark(body, plan.format, { line, exportId, visibleInCsv: !isExportApprover(role) });
  const fileHash = sha256Hex(marked);
  await db.transaction(async (tx) => {
    if (options.requestId !== undefined && !(await markExportRequestDownloaded(tx, viewer, options.requestId, exportId, at))) {
      throw new AppError("export_request_not_ready", "This export was already downloaded");
    }
    await insertExportLog(tx, viewer, {
      id: exportId,
      entity: plan.entity,
      format: plan.format,
      rows,
      filter: plan.filter,
      fileHash,
      watermark: line,
      requestId: options.requestId ?? null,
      at,
    });
    await appendAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "export",
      targetKind: "export",
      targetId: exportId,
      details: { entity: plan.entity, format: plan.format, rows, fileHash, requestId: options.requestId ?? null },
      ...(options.ip !== undefined && { ip: options.ip }),
      at,
    });
  });
  return {
    body: marked,
    rows,
    exportId,
    fileHash,
    contentType: plan.format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
    filename: `${plan.filename}.${plan.format}`,
  };
};
