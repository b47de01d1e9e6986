import { randomBytes } from "node:crypto";
import { emailConfigSchema, formConfigSchema, type EmailConfig, type FormConfig } from "@conveyor/contracts";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor, Tx } from "../db/database";
import { leadSources, leads, organizations } from "../db/schema";
import type { Viewer } from "../scope";
import { forgetIntake } from "./intake-cache";

export type LeadSourceRow = {
  id: string;
  name: string;
  kind: string;
  channel: string | null;
  enabled: boolean;
  publicKey: string;
  /** A webhook's HMAC secret; never presented except when created or rotated. */
  secret: string | null;
  config: unknown;
  defaultTemperature: string;
  lastPolledAt: Date | null;
  lastError: string | null;
  createdAt: Date;
};

export type LeadSourceWithCounts = LeadSourceRow & { leadsTotal: number; leadsToday: number };

const sourceColumns = {
  id: leadSources.id,
  name: leadSources.name,
  kind: leadSources.kind,
  channel: leadSources.channel,
  enabled: leadSources.enabled,
  publicKey: leadSources.publicKey,
  secret: leadSources.secret,
  config: leadSources.config,
  defaultTemperature: leadSources.defaultTemperature,
  lastPolledAt: leadSources.lastPolledAt,
  lastError: leadSources.lastError,
  createdAt: leadSources.createdAt,
};

/** A source's form or mailbox settings as stored (`config` jsonb: `{ form }` or `{ email }`), read through the contract's schemas. */
const storedConfigSchema = z.object({ form: formConfigSchema.optional(), email: emailConfigSchema.optional() });
export type SourceConfig = { form: FormConfig | null; email: EmailConfig | null };

/** The stored settings of a source, the mailbox password included: for the server's own use, never for the wire. */
export const sourceConfigOf = (row: { config: unknown }): SourceConfig => {
  const config = storedConfigSchema.parse(row.config ?? {});
  return { form: config.form ?? null, email: config.email ?? null };
};

/** A form's page and a webhook's key: 18 random bytes, 24 url-safe characters, unique across the installation. */
export const newPublicKey = (): string => randomBytes(18).toString("base64url");
/** A webhook's HMAC secret: 32 random bytes. */
export const newSourceSecret = (): string => randomBytes(32).toString("base64url");

/**
 * The organization's sources with how many leads each brought in all and today, [todayStart, todayEnd) being the
 * organization's local day. One grouped pass over the organization's leads.
 */
export const listLeadSources = async (
  ex: Executor,
  organizationId: string,
  today: { start: Date; end: Date },
  ids?: readonly string[],
): Promise<LeadSourceWithCounts[]> => {
  const counts = ex
    .select({
      sourceId: leads.sourceId,
      total: sql<number>`count(*)::integer`.as("total"),
      today: sql<number>`(count(*) filter (where ${leads.receivedAt} >= ${today.start} and ${leads.receivedAt} < ${today.end}))::integer`.as("today"),
    })
    .from(leads)
    .where(and(eq(leads.organizationId, organizationId), ids ? inArray(leads.sourceId, [...ids]) : undefined))
    .groupBy(leads.sourceId)
    .as("counts");
  const rows = await ex
    .select({ ...sourceColumns, leadsTotal: counts.total, leadsToday: counts.today })
    .from(leadSources)
    .leftJoin(counts, eq(counts.sourceId, leadSources.id))
    .where(and(eq(leadSources.organizationId, organizationId), ids ? inArray(leadSources.id, [...ids]) : undefined))
    .orderBy(asc(leadSources.createdAt), asc(leadSources.id));
  return rows.map((r) => ({ ...r, leadsTotal: Number(r.leadsTotal ?? 0), leadsToday: Number(r.leadsToday ?? 0) }));
};

export const findLeadSource = async (ex: Executor, organizationId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<LeadSourceRow | undefined> => {
  const query = ex
    .select(sourceColumns)
    .from(leadSources)
    .where(and(eq(leadSources.organizationId, organizationId), eq(leadSources.id, id)));
  const rows = options.forUpdate ? await query.for("update") : await query;
  return rows[0];
};

export const insertLeadSource = async (ex: Executor, values: typeof leadSources.$inferInsert): Promise<string> => {
  forgetIntake(values.organizationId);
  const rows = await ex.insert(leadSources).values(values).returning({ id: leadSources.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into lead_sources returned no row");
  return id;
};

export type LeadSourcePatch = Partial<
  Pick<
    typeof leadSources.$inferInsert,
    "name" | "channel" | "enabled" | "defaultTemperature" | "config" | "secret" | "lastError" | "lastPolledAt" | "imapUidValidity" | "imapLastUid"
  >
>;

export const updateLeadSourceRow = async (ex: Executor, organizationId: string, id: string, patch: LeadSourcePatch, now: Date): Promise<number> => {
  forgetIntake(organizationId);
  const rows = await ex
    .update(leadSources)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(leadSources.organizationId, organizationId), eq(leadSources.id, id)))
    .returning({ id: leadSources.id });
  return rows.length;
};

/** Whether any lead or mail came from the source (such a source is switched off, never deleted: its history stays readable). */
export const sourceInUse = async (ex: Executor, organizationId: string, id: string): Promise<boolean> => {
  const result = await ex.execute<{ used: boolean }>(sql`
    select exists (select 1 from leads where organization_id = ${organizationId} and source_id = ${id})
        or exists (select 1 from inbound_emails where organization_id = ${organizationId} and source_id = ${id}) as used`);
  return result.rows[0]?.used === true;
};

export const deleteLeadSourceRow = async (ex: Executor, organizationId: string, id: string): Promise<number> => {
  forgetIntake(organizationId);
  const rows = await ex
    .delete(leadSources)
    .where(and(eq(leadSources.organizationId, organizationId), eq(leadSources.id, id)))
    .returning({ id: leadSources.id });
  return rows.length;
};

/** Which of these ids are sources of the organization (ids from a request are checked). */
export const existingSourceIds = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await ex
    .select({ id: leadSources.id })
    .from(leadSources)
    .where(and(eq(leadSources.organizationId, organizationId), inArray(leadSources.id, [...new Set(ids)])));
  return new Set(rows.map((r) => r.id));
};

// ---------------------------------------------------------------- the system sources

export type SystemSourceKind = "manual" | "import";
export type SystemSources = Record<SystemSourceKind, string>;

/** The names of the two sources every organization has, in its country's language. */
export const systemSourceNames = (country: string): Record<SystemSourceKind, string> => {
  switch (country) {
    case "RU":
      return { manual: "Вручную", import: "Импорт" };
    case "IR":
      return { manual: "دستی", import: "ورود از فایل" };
    default:
      return { manual: "Manual", import: "Import" };
  }
};

// pg_advisory_xact_lock(class, key): the class keeps these locks apart from the installation's other ones.
const systemSourcesLockClass = 7401190;

const readSystemSources = async (ex: Executor, organizationId: string): Promise<Partial<SystemSources>> => {
  const rows = await ex
    .select({ id: leadSources.id, kind: leadSources.kind })
    .from(leadSources)
    .where(and(eq(leadSources.organizationId, organizationId), inArray(leadSources.kind, ["manual", "import"])))
    .orderBy(asc(leadSources.createdAt), asc(leadSources.id));
  const found: Partial<SystemSources> = {};
  for (const row of rows) {
    if ((row.kind === "manual" || row.kind === "import") && found[row.kind] === undefined) found[row.kind] = row.id;
  }
  return found;
};

/**
 * M5.5: the "manual" source of hand-entered leads and the "import" one, made on first need and named in the
 * organization's language; their ids. Idempotent: when they exist this is one indexed read; otherwise a
 * transaction-scoped lock per organization keeps two requests at once from making them twice.
 */
export const ensureSystemSources = async (tx: Tx, viewer: Pick<Viewer, "organizationId">, now?: Date): Promise<SystemSources> => {
  const { organizationId } = viewer;
  const existing = await readSystemSources(tx, organizationId);
  if (existing.manual !== undefined && existing.import !== undefined) return { manual: existing.manual, import: existing.import };
  await tx.execute(sql`select pg_advisory_xact_lock(${systemSourcesLockClass}::integer, hashtext(${organizationId}))`);
  const found = await readSystemSources(tx, organizationId);
  const [organization] = await tx.select({ country: organizations.country }).from(organizations).where(eq(organizations.id, organizationId));
  const names = systemSourceNames(organization?.country ?? "OTHER");
  const make = async (kind: SystemSourceKind): Promise<string> =>
    found[kind] ??
    insertLeadSource(tx, { organizationId, name: names[kind], kind, publicKey: newPublicKey(), ...(now && { createdAt: now, updatedAt: now }) });
  const manual = await make("manual");
  return { manual, import: await make("import") };
};
