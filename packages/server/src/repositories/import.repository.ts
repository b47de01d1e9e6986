import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { ImportRowOutcome } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { companies, contacts, importedRowKeys, importJobs, importRows, memberships, users } from "../db/schema";
import type { Viewer } from "../scope";
import { insertRows } from "./bulk-insert";

/*
 * Import jobs are read by the person who started them and by admins and heads of sales (the
 * only ones who may import until [anti-leak]); the runner reads them unscoped by id.
 */

export type ImportJobRow = typeof importJobs.$inferSelect & { createdByName: string };

const jobColumns = {
  id: importJobs.id,
  organizationId: importJobs.organizationId,
  createdById: importJobs.createdById,
  entity: importJobs.entity,
  fileName: importJobs.fileName,
  fileHash: importJobs.fileHash,
  headers: importJobs.headers,
  rows: importJobs.rows,
  preset: importJobs.preset,
  mapping: importJobs.mapping,
  onDuplicate: importJobs.onDuplicate,
  status: importJobs.status,
  totalRows: importJobs.totalRows,
  processedRows: importJobs.processedRows,
  createdCount: importJobs.createdCount,
  updatedCount: importJobs.updatedCount,
  skippedCount: importJobs.skippedCount,
  errorCount: importJobs.errorCount,
  createdAt: importJobs.createdAt,
  startedAt: importJobs.startedAt,
  finishedAt: importJobs.finishedAt,
  createdByName: users.name,
};

/** Without the rows themselves: lists and progress polls stay small. */
const { rows: _rows, ...summaryColumns } = jobColumns;
export type ImportJobSummary = Omit<ImportJobRow, "rows">;

export const insertImportJob = async (ex: Executor, viewer: Viewer, values: Omit<typeof importJobs.$inferInsert, "organizationId" | "createdById">): Promise<string> => {
  const rows = await ex
    .insert(importJobs)
    .values({ ...values, organizationId: viewer.organizationId, createdById: viewer.userId })
    .returning({ id: importJobs.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into import_jobs returned no row");
  return id;
};

export const findImportJob = async (ex: Executor, viewer: Viewer, id: string): Promise<ImportJobSummary | undefined> => {
  const rows = await ex
    .select(summaryColumns)
    .from(importJobs)
    .innerJoin(users, eq(users.id, importJobs.createdById))
    .where(and(eq(importJobs.organizationId, viewer.organizationId), eq(importJobs.id, id)));
  return rows[0];
};

/** The first rows for the preview, read out of the stored table without loading all of it. */
export const importSample = async (ex: Executor, viewer: Viewer, id: string, count: number): Promise<string[][]> => {
  const result = await ex.execute<{ row: string[] }>(sql`
    select r.row from ${importJobs} j, jsonb_array_elements(j.rows) with ordinality as r(row, n)
    where j.organization_id = ${viewer.organizationId} and j.id = ${id} and r.n <= ${count} order by r.n`);
  return result.rows.map((r) => r.row);
};

export const listImportJobs = async (ex: Executor, viewer: Viewer, limit: number): Promise<ImportJobSummary[]> =>
  ex
    .select(summaryColumns)
    .from(importJobs)
    .innerJoin(users, eq(users.id, importJobs.createdById))
    .where(eq(importJobs.organizationId, viewer.organizationId))
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(limit);

/** When this file's content was imported before (to the end), if ever. */
export const sameFileImportedAt = async (ex: Executor, viewer: Viewer, fileHash: string, exceptId: string): Promise<Date | null> => {
  const rows = await ex
    .select({ at: importJobs.finishedAt })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.organizationId, viewer.organizationId),
        eq(importJobs.fileHash, fileHash),
        eq(importJobs.status, "done"),
        sql`${importJobs.id} <> ${exceptId}`,
      ),
    )
    .orderBy(desc(importJobs.finishedAt))
    .limit(1);
  return rows[0]?.at ?? null;
};

export const startImportJob = async (
  ex: Executor,
  viewer: Viewer,
  id: string,
  values: { mapping: (string | null)[]; onDuplicate: "skip" | "update"; startedAt: Date },
): Promise<boolean> => {
  const rows = await ex
    .update(importJobs)
    .set({ ...values, status: "running" })
    .where(and(eq(importJobs.organizationId, viewer.organizationId), eq(importJobs.id, id), eq(importJobs.status, "draft")))
    .returning({ id: importJobs.id });
  return rows.length > 0;
};

/** For the runner: a job with its rows, whoever started it. */
export const loadRunningJob = async (ex: Executor, id: string) => {
  const rows = await ex.select().from(importJobs).where(and(eq(importJobs.id, id), eq(importJobs.status, "running")));
  return rows[0];
};

export const runningJobIds = async (ex: Executor): Promise<string[]> =>
  (await ex.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.status, "running")).orderBy(asc(importJobs.startedAt))).map((r) => r.id);

export const advanceImportJob = async (
  ex: Executor,
  id: string,
  delta: { processed: number; created: number; updated: number; skipped: number; errors: number },
): Promise<void> => {
  await ex
    .update(importJobs)
    .set({
      processedRows: sql`${importJobs.processedRows} + ${delta.processed}`,
      createdCount: sql`${importJobs.createdCount} + ${delta.created}`,
      updatedCount: sql`${importJobs.updatedCount} + ${delta.updated}`,
      skippedCount: sql`${importJobs.skippedCount} + ${delta.skipped}`,
      errorCount: sql`${importJobs.errorCount} + ${delta.errors}`,
    })
    .where(eq(importJobs.id, id));
};

/** The end of a job; its rows stay for the report of errors with their original cells. */
export const finishImportJob = async (ex: Executor, id: string, status: "done" | "failed", at: Date): Promise<void> => {
  await ex.update(importJobs).set({ status, finishedAt: at }).where(eq(importJobs.id, id));
};

export type NewImportRow = { rowNumber: number; outcome: ImportRowOutcome; entityId: string | null; code?: string | null; field?: string | null; message?: string | null };

export const insertImportRows = async (ex: Executor, organizationId: string, jobId: string, rows: NewImportRow[]): Promise<void> => {
  if (rows.length === 0) return;
  await insertRows(ex, importRows, rows.map((r) => ({ organizationId, jobId, ...r })), { onConflictDoNothing: true });
};

export type ImportRowRecord = typeof importRows.$inferSelect & { companyId: string | null };

/** The report, a page at a time by row number; the client to open for each row. */
export const listImportRows = async (
  ex: Executor,
  viewer: Viewer,
  jobId: string,
  options: { outcome?: ImportRowOutcome | undefined; afterRow: number; limit: number },
): Promise<ImportRowRecord[]> => {
  const conditions = [eq(importRows.organizationId, viewer.organizationId), eq(importRows.jobId, jobId), gt(importRows.rowNumber, options.afterRow)];
  if (options.outcome) conditions.push(eq(importRows.outcome, options.outcome));
  const rows = await ex
    .select({
      organizationId: importRows.organizationId,
      jobId: importRows.jobId,
      rowNumber: importRows.rowNumber,
      outcome: importRows.outcome,
      entityId: importRows.entityId,
      code: importRows.code,
      field: importRows.field,
      message: importRows.message,
      companyId: sql<string | null>`coalesce(
        (select c.id from ${companies} c where c.organization_id = ${importRows.organizationId} and c.id = ${importRows.entityId}),
        (select ct.company_id from ${contacts} ct where ct.organization_id = ${importRows.organizationId} and ct.id = ${importRows.entityId}),
        (select d.company_id from deals d where d.organization_id = ${importRows.organizationId} and d.id = ${importRows.entityId}))`,
    })
    .from(importRows)
    .where(and(...conditions))
    .orderBy(asc(importRows.rowNumber))
    .limit(options.limit);
  return rows;
};

export const countImportRows = async (ex: Executor, viewer: Viewer, jobId: string, outcome: ImportRowOutcome | undefined): Promise<number> => {
  const conditions = [eq(importRows.organizationId, viewer.organizationId), eq(importRows.jobId, jobId)];
  if (outcome) conditions.push(eq(importRows.outcome, outcome));
  const rows = await ex.select({ n: sql<number>`count(*)::integer` }).from(importRows).where(and(...conditions));
  return rows[0]?.n ?? 0;
};

export const knownRowHashes = async (ex: Executor, organizationId: string, entity: string, hashes: string[]): Promise<Map<string, string>> => {
  if (hashes.length === 0) return new Map();
  const rows = await ex
    .select({ hash: importedRowKeys.rowHash, id: importedRowKeys.entityId })
    .from(importedRowKeys)
    .where(and(eq(importedRowKeys.organizationId, organizationId), eq(importedRowKeys.entity, entity), inArray(importedRowKeys.rowHash, hashes)));
  return new Map(rows.map((r) => [r.hash, r.id]));
};

export const rememberRowHashes = async (ex: Executor, organizationId: string, entity: string, rows: { hash: string; id: string }[]): Promise<void> => {
  if (rows.length === 0) return;
  await insertRows(ex, importedRowKeys, rows.map((r) => ({ organizationId, entity, rowHash: r.hash, entityId: r.id })), { onConflictDoNothing: true });
};

/** Active people of the organization, for reading an owner written as an email or a name. */
export const activeMembers = (ex: Executor, organizationId: string) =>
  ex
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, "active")));

/** Clients that already hold one of these legal ids. */
export const companiesByLegalIds = async (ex: Executor, organizationId: string, legalIds: string[]) => {
  if (legalIds.length === 0) return [];
  return ex
    .select({ id: companies.id, legalId: companies.legalId })
    .from(companies)
    .where(and(eq(companies.organizationId, organizationId), inArray(companies.legalId, legalIds)));
};

type ChannelMatch = { id: string; companyId: string; name: string; phones: string[]; emails: string[] };

/**
 * Contacts (with their client) holding one of these phones or emails. The array probe runs
 * first (a materialized CTE on the GIN index) and the tenant filter after it: with the
 * tenant condition beside it the planner read every contact of the organization instead.
 */
export const contactsByChannels = async (ex: Executor, organizationId: string, phones: string[], emails: string[]): Promise<ChannelMatch[]> => {
  if (phones.length === 0 && emails.length === 0) return [];
  const result = await ex.execute<{ id: string; company_id: string; name: string; phones: string[]; emails: string[] }>(sql`
    with by_phone as materialized (
      select id, organization_id, company_id, name, phones, emails from ${contacts} where phones && ${sql.param(phones)}::text[]
    ), by_email as materialized (
      select id, organization_id, company_id, name, phones, emails from ${contacts} where emails && ${sql.param(emails)}::text[]
    )
    select id, company_id, name, phones, emails from by_phone where organization_id = ${organizationId}
    union
    select id, company_id, name, phones, emails from by_email where organization_id = ${organizationId}`);
  return result.rows.map((r) => ({ id: r.id, companyId: r.company_id, name: r.name, phones: r.phones, emails: r.emails }));
};

/** Clients by exact name (case-insensitive) — for contacts and deals naming their client. */
export const companiesByNames = async (ex: Executor, organizationId: string, names: string[]) => {
  if (names.length === 0) return [];
  return ex
    .select({ id: companies.id, name: companies.name, legalId: companies.legalId })
    .from(companies)
    .where(and(eq(companies.organizationId, organizationId), inArray(sql`lower(${companies.name})`, names.map((n) => n.toLowerCase()))));
};
