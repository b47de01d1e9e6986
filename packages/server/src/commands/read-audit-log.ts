import type { AuditPage, AuditQuery } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { searchAudit } from "../repositories/audit.repository";
import type { Viewer } from "../scope";
import { presentAuditEntry } from "../presenters/security.presenter";
import { verifyAuditChain, type AuditChainReport } from "../security/audit-verify";

const badCursor = () =>
  new AppError("validation_failed", "The cursor is not valid", { errors: [{ field: "cursor", code: "invalid", message: "The cursor is not valid" }] });

/** The audit screen: the organization's entries newest first, by person, action, target and period; paged by seq. */
export const readAuditLog = async (context: AppContext, viewer: Viewer, query: AuditQuery): Promise<AuditPage> => {
  let beforeSeq: number | undefined;
  if (query.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(query.cursor)) throw badCursor();
    beforeSeq = Number(query.cursor);
  }
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) {
    throw new AppError("validation_failed", "The period ends before it starts", { errors: [{ field: "to", code: "invalid", message: "The period ends before it starts" }] });
  }
  const { rows, total } = await searchAudit(context.database.db, viewer.organizationId, {
    ...(query.actorId && { actorId: query.actorId }),
    ...(query.action && { action: query.action }),
    ...(query.targetKind && { targetKind: query.targetKind }),
    ...(query.targetId && { targetId: query.targetId }),
    ...(from && { from }),
    ...(to && { to }),
    ...(beforeSeq !== undefined && { beforeSeq }),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(presentAuditEntry), nextCursor: rows.length > query.limit && last ? String(last.seq) : null, total };
};

/** An admin's check of their organization's chain (the installation-wide one is `npm run audit:verify`). */
export const verifyOwnAuditChain = (context: AppContext, viewer: Viewer): Promise<AuditChainReport> =>
  verifyAuditChain(context.database.db, viewer.organizationId);
