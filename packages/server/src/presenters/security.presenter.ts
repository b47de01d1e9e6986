import type { AuditEntry, SessionInfo } from "@conveyor/contracts";
import type { AuditSearchRow } from "../repositories/audit.repository";
import type { SessionListRow } from "../repositories/session-list.repository";

export const presentAuditEntry = (row: AuditSearchRow): AuditEntry => ({
  id: row.id,
  seq: row.seq,
  at: row.at.toISOString(),
  actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null,
  action: row.action,
  targetKind: row.targetKind,
  targetId: row.targetId,
  details: row.details,
  ip: row.ip,
  hash: row.hash,
});

export const presentSessionInfo = (row: SessionListRow, current: boolean): SessionInfo => ({
  id: row.id,
  ip: row.ip,
  userAgent: row.userAgent,
  createdAt: row.createdAt.toISOString(),
  lastSeenAt: row.lastSeenAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  current,
});
