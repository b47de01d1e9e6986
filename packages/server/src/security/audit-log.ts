import type { AuditAction } from "@conveyor/contracts";
import { auditGenesisHash, auditRowPayload } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { auditChainHeads, auditLog } from "../db/schema";
import { sha256 } from "./tokens";

/**
 * One audit entry. `action` is one of the stable names in contracts (`auditActionValues`); `details` is
 * small JSON (never a password, token or secret).
 */
export type AuditEntryInput = {
  organizationId: string;
  actorId: string | null;
  action: string;
  targetKind?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string;
  at: Date;
};

/** The SHA-256 (hex) of a row's canonical payload: the chain's link. */
export const auditHash = (payload: string): string => sha256(payload);

/**
 * Appends to the organization's audit chain. Runs in the caller's transaction when given one (so the entry
 * commits or rolls back with the change it records) or in its own. The chain head row is locked by the
 * upsert, so concurrent appends for one organization take turns and never fork the chain; other
 * organizations are not blocked.
 */
export const appendAudit = async (ex: Executor, entry: AuditEntryInput): Promise<void> => {
  await ex.transaction(async (tx) => {
    // The upsert takes the head's row lock (or creates it at the genesis) and returns the current head.
    const headRows = await tx
      .insert(auditChainHeads)
      .values({ organizationId: entry.organizationId, seq: 0, hash: auditGenesisHash })
      .onConflictDoUpdate({ target: auditChainHeads.organizationId, set: { seq: sql`${auditChainHeads.seq}` } })
      .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
    const head = headRows[0];
    if (!head) throw new Error("audit chain head upsert returned no row");

    const row = {
      organizationId: entry.organizationId,
      seq: head.seq + 1,
      at: entry.at,
      actorId: entry.actorId,
      action: entry.action,
      targetKind: entry.targetKind ?? null,
      targetId: entry.targetId ?? null,
      details: jsonSafe(entry.details ?? {}),
      ip: entry.ip ?? null,
      prevHash: head.hash,
    };
    const hash = auditHash(auditRowPayload(row));
    await tx.insert(auditLog).values({ ...row, hash });
    await tx
      .update(auditChainHeads)
      .set({ seq: row.seq, hash })
      .where(sql`${auditChainHeads.organizationId} = ${entry.organizationId}`);
  });
};

/** What jsonb will give back: Dates as ISO text, undefined members dropped; so the hash verifies later. */
const jsonSafe = (details: Record<string, unknown>): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(JSON.stringify(details));
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? { ...parsed } : {};
};

/**
 * The one-line form the write paths use: `viewer` acted on `target` at `at`. Same chain and transaction rules as
 * `appendAudit`.
 */
export const auditAs = (
  ex: Executor,
  viewer: { organizationId: string; userId: string | null },
  action: AuditAction,
  at: Date,
  target?: { kind: string; id: string },
  details?: Record<string, unknown>,
): Promise<void> =>
  appendAudit(ex, {
    organizationId: viewer.organizationId,
    actorId: viewer.userId,
    action,
    ...(target && { targetKind: target.kind, targetId: target.id }),
    ...(details && { details }),
    at,
  });
