import type { AuditPage, AuditQuery } from "@conveyor/contracts";
import { addDays, localDayStart } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { searchAudit } from "../repositories/audit.repository";
import { findOrganization } from "../repositories/organization.repository";
import type { Viewer } from "../scope";
import { presentAuditEntry } from "../presenters/security.presenter";
import { verifyAuditChain, type AuditChainReport } from "../security/audit-verify";

const badCursor = () =>
  new AppError("validation_failed", "The cursor is not valid", { errors: [{ field: "cursor", code: "invalid", message: "The cursor is not valid" }] });

const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A bound of the period: a date is read in the organization's time zone, `to` through the end of that day. */
const boundOf = (value: string, timeZone: string, edge: "from" | "to"): Date => {
  if (!isDay(value)) return new Date(value);
  return edge === "from" ? localDayStart(value, timeZone) : new Date(localDayStart(addDays(value, 1), timeZone).getTime() - 1);
};

/** The audit screen: the organization's entries newest first, by person, action, target and period; paged by seq. */
export const readAuditLog = async (context: AppContext, viewer: Viewer, query: AuditQuery): Promise<AuditPage> => {
  let beforeSeq: number | undefined;
  if (query.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(query.cursor)) throw badCursor();
    beforeSeq = Number(query.cursor);
  }
  const days = [query.from, query.to].some((value) => value !== undefined && isDay(value));
  const timeZone = days ? ((await findOrganization(context.database.db, viewer))?.timeZone ?? "UTC") : "UTC";
  const from = query.from ? boundOf(query.from, timeZone, "from") : undefined;
  const to = query.to ? boundOf(query.to, timeZone, "to") : undefined;
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
