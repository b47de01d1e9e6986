import { exportEntitySchema, exportFormatSchema, localeSchema, type ExportControlSettings, type ExportLogEntry, type ExportRequest } from "@conveyor/contracts";
import { exportRequestState } from "@conveyor/domain";
import { roleSchema } from "@conveyor/contracts";
import type { ExportLogRow, ExportRequestRow, ExportSettingsRow } from "../repositories/export-control.repository";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const presentExportSettings = (row: ExportSettingsRow): ExportControlSettings => ({
  exportRoles: row.exportRoles.map((r) => roleSchema.parse(r)),
  approvalThreshold: row.approvalThreshold,
  approvalValidHours: row.approvalValidHours,
  revealRoles: row.revealRoles.map((r) => roleSchema.parse(r)),
  revealDailyCap: row.revealDailyCap,
  cardOpensPerHour: row.cardOpensPerHour,
  listedRowsPerHour: row.listedRowsPerHour,
  slowdownMs: row.slowdownMs,
  updatedAt: iso(row.updatedAt),
});

export const presentExportRequest = (row: ExportRequestRow, now: Date, validHours: number): ExportRequest => ({
  id: row.id,
  entity: exportEntitySchema.parse(row.entity),
  format: exportFormatSchema.parse(row.format),
  locale: localeSchema.parse(row.locale),
  query: row.query,
  rows: row.rows,
  reason: row.reason,
  status: exportRequestState(row, now, validHours),
  requester: { id: row.requesterId, name: row.requesterName },
  decidedBy: row.decidedById ? { id: row.decidedById, name: row.decidedByName ?? "" } : null,
  decidedAt: iso(row.decidedAt),
  decisionNote: row.decisionNote,
  expiresAt: iso(row.expiresAt),
  downloadedAt: iso(row.downloadedAt),
  createdAt: row.createdAt.toISOString(),
});

export const presentExportLogEntry = (row: ExportLogRow): ExportLogEntry => ({
  id: row.id,
  user: { id: row.userId, name: row.userName },
  entity: exportEntitySchema.parse(row.entity),
  format: row.format,
  rows: row.rows,
  filter: row.filter,
  fileHash: row.fileHash,
  watermark: row.watermark,
  requestId: row.requestId,
  at: row.at.toISOString(),
});
