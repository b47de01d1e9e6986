import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";
import { cardOpens, companies, exportLog, exportRequests, exportSettings, memberships, notifications, organizations, readCounters, redistributions, revealLog, users } from "../db/schema";
import type { Viewer } from "../scope";

/* [anti-leak] Typed SQL of export control, masking, the bulk-read guard and the offboarding report. */

export type ExportSettingsRow = {
  exportRoles: string[];
  approvalThreshold: number;
  approvalValidHours: number;
  revealRoles: string[];
  revealDailyCap: number;
  cardOpensPerHour: number;
  listedRowsPerHour: number;
  slowdownMs: number;
  updatedAt: Date | null;
};

/** The defaults of migration 0013, for an organization that never saved its settings. */
export const defaultExportSettings: ExportSettingsRow = {
  exportRoles: ["admin", "head_of_sales"],
  approvalThreshold: 1000,
  approvalValidHours: 24,
  revealRoles: ["admin", "head_of_sales", "team_lead", "seller"],
  revealDailyCap: 50,
  cardOpensPerHour: 30,
  listedRowsPerHour: 2000,
  slowdownMs: 1500,
  updatedAt: null,
};

export const loadExportSettings = async (ex: Executor, organizationId: string): Promise<ExportSettingsRow> => {
  const rows = await ex
    .select({
      exportRoles: exportSettings.exportRoles,
      approvalThreshold: exportSettings.approvalThreshold,
      approvalValidHours: exportSettings.approvalValidHours,
      revealRoles: exportSettings.revealRoles,
      revealDailyCap: exportSettings.revealDailyCap,
      cardOpensPerHour: exportSettings.cardOpensPerHour,
      listedRowsPerHour: exportSettings.listedRowsPerHour,
      slowdownMs: exportSettings.slowdownMs,
      updatedAt: exportSettings.updatedAt,
    })
    .from(exportSettings)
    .where(eq(exportSettings.organizationId, organizationId));
  return rows[0] ?? defaultExportSettings;
};

export const saveExportSettings = async (ex: Executor, viewer: Viewer, values: Omit<ExportSettingsRow, "updatedAt">, now: Date): Promise<void> => {
  const row = { ...values, updatedById: viewer.userId, updatedAt: now };
  await ex
    .insert(exportSettings)
    .values({ organizationId: viewer.organizationId, ...row })
    .onConflictDoUpdate({ target: exportSettings.organizationId, set: row });
};

export const organizationTimeZone = async (ex: Executor, organizationId: string): Promise<string> => {
  const rows = await ex.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, organizationId));
  return rows[0]?.timeZone ?? "UTC";
};

/** The active heads of sales and admins: they decide on exports and hear of bulk reads. */
export const approverIds = async (ex: Executor, organizationId: string): Promise<string[]> => {
  const rows = await ex
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, "active"), inArray(memberships.role, ["admin", "head_of_sales"])));
  return rows.map((r) => r.userId);
};

export type NoticeInput = { userId: string; kind: "export_requested" | "export_decided" | "bulk_read_alert"; subjectUserId: string; figures: Record<string, number> };

export const insertNotices = async (ex: Executor, organizationId: string, notices: readonly NoticeInput[], at: Date): Promise<void> => {
  if (notices.length === 0) return;
  await ex.insert(notifications).values(notices.map((n) => ({ organizationId, ...n, createdAt: at })));
};

export const findPerson = async (ex: Executor, viewer: Viewer, userId: string): Promise<{ id: string; name: string; email: string; status: string; role: string; deactivatedAt: Date | null } | undefined> => {
  const rows = await ex
    .select({ id: users.id, name: users.name, email: users.email, status: memberships.status, role: memberships.role, deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, viewer.organizationId), eq(memberships.userId, userId)));
  return rows[0];
};

// ---------------------------------------------------------------- export requests

const requester = alias(users, "requester");
const decider = alias(users, "decider");

export type ExportRequestRow = {
  id: string;
  entity: string;
  format: string;
  locale: string;
  query: Record<string, string>;
  rows: number;
  reason: string | null;
  status: "pending" | "approved" | "rejected" | "downloaded";
  requesterId: string;
  requesterName: string;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  expiresAt: Date | null;
  downloadedAt: Date | null;
  createdAt: Date;
};

const requestColumns = {
  id: exportRequests.id,
  entity: exportRequests.entity,
  format: exportRequests.format,
  locale: exportRequests.locale,
  query: exportRequests.query,
  rows: exportRequests.rows,
  reason: exportRequests.reason,
  status: sql<ExportRequestRow["status"]>`${exportRequests.status}`,
  requesterId: exportRequests.requesterId,
  requesterName: requester.name,
  decidedById: exportRequests.decidedById,
  decidedByName: decider.name,
  decidedAt: exportRequests.decidedAt,
  decisionNote: exportRequests.decisionNote,
  expiresAt: exportRequests.expiresAt,
  downloadedAt: exportRequests.downloadedAt,
  createdAt: exportRequests.createdAt,
};

export const insertExportRequest = async (
  ex: Executor,
  viewer: Viewer,
  values: { entity: string; format: string; locale: string; query: Record<string, string>; rows: number; reason: string | null; at: Date },
): Promise<string> => {
  const rows = await ex
    .insert(exportRequests)
    .values({ organizationId: viewer.organizationId, requesterId: viewer.userId, entity: values.entity, format: values.format, locale: values.locale, query: values.query, rows: values.rows, reason: values.reason, createdAt: values.at })
    .returning({ id: exportRequests.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("export request insert returned no row");
  return id;
};

/** Requests of the organization, newest first: everyone's, or one requester's. */
export const listExportRequests = (ex: Executor, viewer: Viewer, filter: { requesterId?: string | undefined }): Promise<ExportRequestRow[]> =>
  ex
    .select(requestColumns)
    .from(exportRequests)
    .innerJoin(requester, eq(requester.id, exportRequests.requesterId))
    .leftJoin(decider, eq(decider.id, exportRequests.decidedById))
    .where(and(eq(exportRequests.organizationId, viewer.organizationId), filter.requesterId ? eq(exportRequests.requesterId, filter.requesterId) : undefined))
    .orderBy(desc(exportRequests.createdAt), desc(exportRequests.id))
    .limit(200);

export const findExportRequest = async (ex: Executor, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<ExportRequestRow | undefined> => {
  const query = ex
    .select(requestColumns)
    .from(exportRequests)
    .innerJoin(requester, eq(requester.id, exportRequests.requesterId))
    .leftJoin(decider, eq(decider.id, exportRequests.decidedById))
    .where(and(eq(exportRequests.organizationId, viewer.organizationId), eq(exportRequests.id, id)));
  const rows = options.forUpdate ? await query.for("update", { of: exportRequests }) : await query;
  return rows[0];
};

export const decideExportRequest = async (
  ex: Executor,
  viewer: Viewer,
  id: string,
  decision: { status: "approved" | "rejected"; note: string | null; at: Date; expiresAt: Date | null },
): Promise<boolean> => {
  const rows = await ex
    .update(exportRequests)
    .set({ status: decision.status, decidedById: viewer.userId, decidedAt: decision.at, decisionNote: decision.note, expiresAt: decision.expiresAt })
    .where(and(eq(exportRequests.organizationId, viewer.organizationId), eq(exportRequests.id, id), eq(exportRequests.status, "pending")))
    .returning({ id: exportRequests.id });
  return rows.length === 1;
};

/** Marks an approved request downloaded, once: a second download (or a race) finds nothing to mark. */
export const markExportRequestDownloaded = async (ex: Executor, viewer: Viewer, id: string, exportId: string, at: Date): Promise<boolean> => {
  const rows = await ex
    .update(exportRequests)
    .set({ status: "downloaded", downloadedAt: at, exportId })
    .where(and(eq(exportRequests.organizationId, viewer.organizationId), eq(exportRequests.id, id), eq(exportRequests.status, "approved"), isNull(exportRequests.downloadedAt)))
    .returning({ id: exportRequests.id });
  return rows.length === 1;
};

// ---------------------------------------------------------------- the export log

export type ExportLogRow = {
  id: string;
  userId: string;
  userName: string;
  entity: string;
  format: string;
  rows: number;
  filter: Record<string, unknown>;
  fileHash: string | null;
  watermark: string | null;
  requestId: string | null;
  at: Date;
};

const logColumns = {
  id: exportLog.id,
  userId: exportLog.userId,
  userName: users.name,
  entity: exportLog.entity,
  format: exportLog.format,
  rows: exportLog.rows,
  filter: exportLog.filter,
  fileHash: exportLog.fileHash,
  watermark: exportLog.watermark,
  requestId: exportLog.requestId,
  at: exportLog.at,
};

export const insertExportLog = async (
  ex: Executor,
  viewer: Viewer,
  entry: { id: string; entity: string; format: string; rows: number; filter: Record<string, unknown>; fileHash: string; watermark: string; requestId: string | null; at: Date },
): Promise<void> => {
  await ex.insert(exportLog).values({ organizationId: viewer.organizationId, userId: viewer.userId, ...entry });
};

export const listExportLog = (ex: Executor, viewer: Viewer, filter: { userId?: string | undefined; since?: Date; limit: number }): Promise<ExportLogRow[]> =>
  ex
    .select(logColumns)
    .from(exportLog)
    .innerJoin(users, eq(users.id, exportLog.userId))
    .where(
      and(
        eq(exportLog.organizationId, viewer.organizationId),
        filter.userId ? eq(exportLog.userId, filter.userId) : undefined,
        filter.since ? gte(exportLog.at, filter.since) : undefined,
      ),
    )
    .orderBy(desc(exportLog.at), desc(exportLog.id))
    .limit(filter.limit);

export const findExportLog = async (ex: Executor, viewer: Viewer, by: { hash: string } | { id: string }): Promise<ExportLogRow | undefined> => {
  const rows = await ex
    .select(logColumns)
    .from(exportLog)
    .innerJoin(users, eq(users.id, exportLog.userId))
    .where(and(eq(exportLog.organizationId, viewer.organizationId), "hash" in by ? eq(exportLog.fileHash, by.hash) : eq(exportLog.id, by.id)))
    .orderBy(desc(exportLog.at))
    .limit(1);
  return rows[0];
};

// ---------------------------------------------------------------- reveals

export const countRevealsSince = async (ex: Executor, viewer: Viewer, since: Date): Promise<number> => {
  const rows = await ex
    .select({ n: sql<number>`count(*)::integer`.mapWith(Number) })
    .from(revealLog)
    .where(and(eq(revealLog.organizationId, viewer.organizationId), eq(revealLog.userId, viewer.userId), gte(revealLog.at, since)));
  return rows[0]?.n ?? 0;
};

export const insertReveal = async (
  ex: Executor,
  viewer: Viewer,
  entry: { targetKind: "contact" | "lead"; targetId: string; companyId: string | null; field: "phones" | "emails"; at: Date },
): Promise<void> => {
  await ex.insert(revealLog).values({ organizationId: viewer.organizationId, userId: viewer.userId, ...entry });
};

// ---------------------------------------------------------------- the bulk-read guard

export type ReadCounterRow = { cardOpens: number; listedRows: number; alertedAt: Date | null };

/** Adds to the person's counter of this hour and returns the totals: one upsert, shared by every process. */
export const bumpReadCounter = async (
  ex: Executor,
  key: { organizationId: string; userId: string; hour: Date },
  add: { cardOpens: number; listedRows: number },
): Promise<ReadCounterRow> => {
  const rows = await ex
    .insert(readCounters)
    .values({ ...key, ...add })
    .onConflictDoUpdate({
      target: [readCounters.organizationId, readCounters.userId, readCounters.hour],
      set: { cardOpens: sql`${readCounters.cardOpens} + ${add.cardOpens}`, listedRows: sql`${readCounters.listedRows} + ${add.listedRows}` },
    })
    .returning({ cardOpens: readCounters.cardOpens, listedRows: readCounters.listedRows, alertedAt: readCounters.alertedAt });
  const row = rows[0];
  if (!row) throw new Error("read counter upsert returned no row");
  return row;
};

/** Claims this hour's alert for the person: true for exactly one caller, in whichever process. */
export const claimReadAlert = async (ex: Executor, key: { organizationId: string; userId: string; hour: Date }, at: Date): Promise<boolean> => {
  const rows = await ex
    .update(readCounters)
    .set({ alertedAt: at, slowed: sql`${readCounters.slowed} + 1` })
    .where(and(eq(readCounters.organizationId, key.organizationId), eq(readCounters.userId, key.userId), eq(readCounters.hour, key.hour), isNull(readCounters.alertedAt)))
    .returning({ hour: readCounters.hour });
  return rows.length === 1;
};

export const countSlowed = async (ex: Executor, key: { organizationId: string; userId: string; hour: Date }): Promise<void> => {
  await ex
    .update(readCounters)
    .set({ slowed: sql`${readCounters.slowed} + 1` })
    .where(and(eq(readCounters.organizationId, key.organizationId), eq(readCounters.userId, key.userId), eq(readCounters.hour, key.hour)));
};

export const insertCardOpen = async (ex: Executor, entry: { organizationId: string; userId: string; companyId: string; own: boolean; at: Date }): Promise<void> => {
  await ex.insert(cardOpens).values(entry);
};

// ---------------------------------------------------------------- the offboarding report

export const cardOpensOf = (ex: Executor, viewer: Viewer, userId: string, since: Date) =>
  ex
    .select({
      companyId: cardOpens.companyId,
      companyName: companies.name,
      own: sql<boolean>`bool_or(${cardOpens.own})`,
      opens: sql<number>`count(*)::integer`.mapWith(Number),
      lastAt: sql<Date>`max(${cardOpens.at})`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(cardOpens)
    .innerJoin(companies, eq(companies.id, cardOpens.companyId))
    .where(and(eq(cardOpens.organizationId, viewer.organizationId), eq(cardOpens.userId, userId), gte(cardOpens.at, since)))
    .groupBy(cardOpens.companyId, companies.name)
    .orderBy(sql`count(*) desc`, cardOpens.companyId)
    .limit(500);

export const cardOpenTotals = async (ex: Executor, viewer: Viewer, userId: string, since: Date): Promise<{ total: number; other: number }> => {
  const rows = await ex
    .select({
      total: sql<number>`count(*)::integer`.mapWith(Number),
      other: sql<number>`(count(*) filter (where not ${cardOpens.own}))::integer`.mapWith(Number),
    })
    .from(cardOpens)
    .where(and(eq(cardOpens.organizationId, viewer.organizationId), eq(cardOpens.userId, userId), gte(cardOpens.at, since)));
  return rows[0] ?? { total: 0, other: 0 };
};

export const revealsOf = (ex: Executor, viewer: Viewer, userId: string, since: Date) =>
  ex
    .select({ targetKind: revealLog.targetKind, targetId: revealLog.targetId, field: revealLog.field, companyId: revealLog.companyId, companyName: companies.name, at: revealLog.at })
    .from(revealLog)
    .leftJoin(companies, eq(companies.id, revealLog.companyId))
    .where(and(eq(revealLog.organizationId, viewer.organizationId), eq(revealLog.userId, userId), gte(revealLog.at, since)))
    .orderBy(desc(revealLog.at))
    .limit(500);

export const readTotalsOf = async (ex: Executor, viewer: Viewer, userId: string, since: Date): Promise<{ listedRows: number; hoursAlerted: number }> => {
  const rows = await ex
    .select({
      listedRows: sql<number>`coalesce(sum(${readCounters.listedRows}), 0)::integer`.mapWith(Number),
      hoursAlerted: sql<number>`(count(*) filter (where ${readCounters.alertedAt} is not null))::integer`.mapWith(Number),
    })
    .from(readCounters)
    .where(and(eq(readCounters.organizationId, viewer.organizationId), eq(readCounters.userId, userId), gte(readCounters.hour, since)));
  return rows[0] ?? { listedRows: 0, hoursAlerted: 0 };
};

// ---------------------------------------------------------------- offboarding

export const redistributionCounts = async (ex: Executor, viewer: Viewer, redistributionId: string): Promise<{ clients: number; deals: number; tasks: number }> => {
  const rows = await ex
    .select({ clients: redistributions.clients, deals: redistributions.deals, tasks: redistributions.tasks })
    .from(redistributions)
    .where(and(eq(redistributions.organizationId, viewer.organizationId), eq(redistributions.id, redistributionId)));
  return rows[0] ?? { clients: 0, deals: 0, tasks: 0 };
};

/**
 * The person's open tasks that the redistribution did not move (on other people's clients, or on no client):
 * each to the client's owner, or to the one offboarding when there is no client. Returns how many moved.
 */
export const handOverLeftoverTasks = async (ex: Executor, viewer: Viewer, fromUserId: string, now: Date): Promise<number> => {
  const result = await ex.execute<{ moved: number }>(sql`
    with moved as (
      update tasks t set assignee_id = coalesce(
          (select c.owner_id from companies c where c.organization_id = t.organization_id and c.id = t.company_id and c.owner_id <> ${fromUserId}),
          ${viewer.userId}),
        updated_at = ${now}
      where t.organization_id = ${viewer.organizationId} and t.assignee_id = ${fromUserId} and t.done_at is null
      returning t.id
    )
    select count(*)::integer as moved from moved`);
  return Number(result.rows[0]?.moved ?? 0);
};

export const stillOwnedBy = async (ex: Executor, viewer: Viewer, userId: string): Promise<{ clients: number; openTasks: number }> => {
  const result = await ex.execute<{ clients: number; open_tasks: number }>(sql`
    select
      (select count(*)::integer from companies c where c.organization_id = ${viewer.organizationId} and c.owner_id = ${userId}) as clients,
      (select count(*)::integer from tasks t where t.organization_id = ${viewer.organizationId} and t.assignee_id = ${userId} and t.done_at is null) as open_tasks`);
  const row = result.rows[0];
  return { clients: Number(row?.clients ?? 0), openTasks: Number(row?.open_tasks ?? 0) };
};
