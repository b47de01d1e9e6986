import { exportEntitySchema, type CreateExportRequest, type ExportRequestStatus } from "@conveyor/contracts";
import { exportRequestState, isExportApprover } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import {
  approverIds,
  decideExportRequest,
  findExportRequest,
  insertExportRequest,
  insertNotices,
  listExportRequests,
  loadExportSettings,
  type ExportRequestRow,
} from "../repositories/export-control.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";
import { exportPlanOf } from "./export-control-builders";
import { assertMayExport, runControlledExport, type ExportFile } from "./export-control-gate";

/*
 * [anti-leak] M1.5 (5): the approval of a large export. A person allowed to export asks (the file is counted, not
 * kept); the heads of sales and admins are told and approve or reject; the requester downloads the approved file
 * once, until the approval expires — built again at that moment through the same gate, watermarked for them.
 */

/** The request, counted now: its rows are what the approver sees. The heads get an `export_requested` notice. */
export const requestExport = async (context: AppContext, viewer: Viewer, input: CreateExportRequest): Promise<ExportRequestRow> => {
  const { db } = context.database;
  await assertMayExport(db, viewer);
  const { plan, locale } = await exportPlanOf(context, viewer, input.entity, input.query);
  const { rows } = await plan.build();
  const now = context.now();
  const id = await db.transaction(async (tx) => {
    const requestId = await insertExportRequest(tx, viewer, {
      entity: input.entity,
      format: plan.format,
      locale,
      query: input.query,
      rows,
      reason: input.reason ?? null,
      at: now,
    });
    const heads = (await approverIds(tx, viewer.organizationId)).filter((userId) => userId !== viewer.userId);
    await insertNotices(tx, viewer.organizationId, heads.map((userId) => ({ userId, kind: "export_requested" as const, subjectUserId: viewer.userId, figures: { rows } })), now);
    return requestId;
  });
  const row = await findExportRequest(db, viewer, id);
  if (!row) throw notFound("The export request");
  return row;
};

/** Heads and admins see everyone's requests (or only theirs); everyone else only their own. */
export const listExportRequestsFor = async (
  context: AppContext,
  viewer: Viewer,
  filter: { status?: ExportRequestStatus | undefined; mine?: boolean },
): Promise<ExportRequestRow[]> => {
  const { db } = context.database;
  const settings = await loadExportSettings(db, viewer.organizationId);
  const everyone = isExportApprover(viewer.role) && !filter.mine;
  const rows = await listExportRequests(db, viewer, { requesterId: everyone ? undefined : viewer.userId });
  const now = context.now();
  return filter.status === undefined ? rows : rows.filter((row) => exportRequestState(row, now, settings.approvalValidHours) === filter.status);
};

/** One request: its requester, or a head of sales or admin; anyone else gets 404, like a missing id. */
export const getExportRequest = async (context: AppContext, viewer: Viewer, id: string): Promise<ExportRequestRow> => {
  const row = await findExportRequest(context.database.db, viewer, id);
  if (!row || (row.requesterId !== viewer.userId && !isExportApprover(viewer.role))) throw notFound("The export request");
  return row;
};

/** Approve (valid for the settings' hours) or reject a pending request; the requester gets an `export_decided` notice. */
export const decideExport = async (
  context: AppContext,
  viewer: Viewer,
  id: string,
  decision: { approve: boolean; note?: string | undefined; ip?: string },
): Promise<ExportRequestRow> => {
  if (!isExportApprover(viewer.role)) throw new AppError("forbidden", "Only a head of sales or an admin decides on exports");
  const { db } = context.database;
  const now = context.now();
  await db.transaction(async (tx) => {
    const settings = await loadExportSettings(tx, viewer.organizationId);
    const row = await findExportRequest(tx, viewer, id, { forUpdate: true });
    if (!row) throw notFound("The export request");
    if (row.requesterId === viewer.userId) throw new AppError("forbidden", "Someone else decides on your own export request");
    if (exportRequestState(row, now, settings.approvalValidHours) !== "pending") {
      throw new AppError("export_request_not_ready", "This request was already decided or has expired");
    }
    const expiresAt = decision.approve ? new Date(now.getTime() + settings.approvalValidHours * 3_600_000) : null;
    const status = decision.approve ? "approved" : "rejected";
    if (!(await decideExportRequest(tx, viewer, id, { status, note: decision.note ?? null, at: now, expiresAt }))) {
      throw new AppError("export_request_not_ready", "This request was already decided");
    }
    await insertNotices(tx, viewer.organizationId, [{ userId: row.requesterId, kind: "export_decided", subjectUserId: viewer.userId, figures: { rows: row.rows, approved: decision.approve ? 1 : 0 } }], now);
    if (decision.approve) {
      await appendAudit(tx, {
        organizationId: viewer.organizationId,
        actorId: viewer.userId,
        action: "export_approved",
        targetKind: "export_request",
        targetId: id,
        details: { requesterId: row.requesterId, entity: row.entity, rows: row.rows },
        ...(decision.ip !== undefined && { ip: decision.ip }),
        at: now,
      });
    }
  });
  return getExportRequest(context, viewer, id);
};

/** The approved file, once, for its requester only, before the approval expires. */
export const downloadApprovedExport = async (context: AppContext, viewer: Viewer, id: string, ip?: string): Promise<ExportFile> => {
  const { db } = context.database;
  const row = await findExportRequest(db, viewer, id);
  if (!row || row.requesterId !== viewer.userId) throw notFound("The export request");
  const settings = await loadExportSettings(db, viewer.organizationId);
  if (exportRequestState(row, context.now(), settings.approvalValidHours) !== "approved") {
    throw new AppError("export_request_not_ready", "This export is not approved, was already downloaded, or has expired");
  }
  const { plan } = await exportPlanOf(context, viewer, exportEntitySchema.parse(row.entity), row.query);
  return runControlledExport(context, viewer, plan, { requestId: row.id, ...(ip !== undefined && { ip }) });
};
