import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { auditChainHeads, auditLog, organizations, users } from "../db/schema";

export type AuditRow = typeof auditLog.$inferSelect;

/** One page of one organization's chain in `seq` order, after `afterSeq` (verification walks it this way). */
export const readAuditChainPage = async (
  ex: Executor,
  organizationId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> =>
  ex
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), gt(auditLog.seq, afterSeq)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);

export const readAuditChainHead = async (ex: Executor, organizationId: string): Promise<{ seq: number; hash: string } | null> => {
  const rows = await ex
    .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.organizationId, organizationId));
  return rows[0] ?? null;
};

/** Every organization with a chain (or rows), for the installation-wide verify. */
export const listAuditedOrganizations = async (ex: Executor): Promise<{ id: string; name: string }[]> =>
  ex
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      sql`exists (select 1 from ${auditChainHeads} h where h.organization_id = ${organizations.id})
        or exists (select 1 from ${auditLog} a where a.organization_id = ${organizations.id})`,
    )
    .orderBy(asc(organizations.createdAt), asc(organizations.id));

export type AuditSearch = {
  actorId?: string;
  action?: string;
  targetKind?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Rows with a smaller seq than this (the page cursor: newest first). */
  beforeSeq?: number;
  limit: number;
};

export type AuditSearchRow = AuditRow & { actorName: string | null };

/** The audit screen's search, newest first, always inside the organization. */
export const searchAudit = async (
  ex: Executor,
  organizationId: string,
  search: AuditSearch,
): Promise<{ rows: AuditSearchRow[]; total: number }> => {
  const conditions: SQL[] = [eq(auditLog.organizationId, organizationId)];
  if (search.actorId) conditions.push(eq(auditLog.actorId, search.actorId));
  if (search.action) conditions.push(eq(auditLog.action, search.action));
  if (search.targetKind) conditions.push(eq(auditLog.targetKind, search.targetKind));
  if (search.targetId) conditions.push(eq(auditLog.targetId, search.targetId));
  if (search.from) conditions.push(gte(auditLog.at, search.from));
  if (search.to) conditions.push(lte(auditLog.at, search.to));
  const filter = and(...conditions);
  const paged = search.beforeSeq === undefined ? filter : and(filter, lt(auditLog.seq, search.beforeSeq));
  const [rows, counted] = await Promise.all([
    ex
      .select({ row: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(paged)
      .orderBy(desc(auditLog.seq))
      .limit(search.limit),
    ex.select({ count: sql<number>`count(*)::int` }).from(auditLog).where(filter),
  ]);
  return { rows: rows.map((r) => ({ ...r.row, actorName: r.actorName })), total: counted[0]?.count ?? 0 };
};
