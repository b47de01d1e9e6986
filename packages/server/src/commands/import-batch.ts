import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { currencyDigits, type Country, type ImportEntity, type ImportRowCode, type ImportTarget, type OnDuplicate } from "@conveyor/contracts";
import { normalizeSearchText } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { companies, contacts, deals, dealStageVisits, timelineEvents } from "../db/schema";
import { readImportRow, type CompanyValues, type ContactRowValues, type ContactValues, type DealValues } from "../imports/import-row";
import { isBlank } from "../imports/read-table";
import {
  companiesByLegalIds,
  companiesByNames,
  contactsByChannels,
  knownRowHashes,
  rememberRowHashes,
  type NewImportRow,
} from "../repositories/import.repository";
import type { PipelineRow } from "../repositories/pipeline.repository";
import { insertRows } from "../repositories/bulk-insert";
import { companySearchText, refreshCompanySearchText } from "./company-input";
import type { Viewer } from "../scope";

/*
 * One batch of an import, written in one transaction: rows are read and checked in memory,
 * duplicates looked up for the whole batch at once (row fingerprints, legal ids, phones,
 * emails), then clients, contacts, deals, timeline entries and the report go in as multi-row
 * inserts. A batch whose transaction fails is retried row by row by the runner, so one bad
 * row costs only itself.
 */

/** What a job knows for its whole run: who imports, the mapping, the organization's settings. */
export type ImportSetting = {
  viewer: Viewer;
  jobId: string;
  entity: ImportEntity;
  mapping: ReadonlyArray<ImportTarget | null>;
  onDuplicate: OnDuplicate;
  country: Country;
  currency: string;
  now: Date;
  /** Active people: lower-cased email or normalized name → id. */
  members: Map<string, string>;
  pipelines: PipelineRow[];
  /** Duplicates within the file: keys of rows written earlier in this run. */
  seen: SeenKeys;
};

/** Keys a batch adds count only once its transaction commits; a failed batch forgets them. */
export class SeenKeys {
  private readonly committed = new Map<string, string>();
  private pending = new Map<string, string>();
  get(key: string): string | undefined {
    return this.pending.get(key) ?? this.committed.get(key);
  }
  set(key: string, id: string): void {
    this.pending.set(key, id);
  }
  commit(): void {
    for (const [key, id] of this.pending) this.committed.set(key, id);
    this.pending = new Map();
  }
  rollback(): void {
    this.pending = new Map();
  }
}

export type BatchRow = { rowNumber: number; cells: string[] };
export type BatchTally = { created: number; updated: number; skipped: number; errors: number; report: NewImportRow[] };

const problem = (rowNumber: number, code: ImportRowCode, field: ImportTarget | null, message: string): NewImportRow => ({
  rowNumber,
  outcome: "error",
  entityId: null,
  code,
  field,
  message,
});

const ownerOf = (setting: ImportSetting, owner: string | null): string | undefined => {
  if (!owner) return setting.viewer.userId;
  return setting.members.get(owner.toLowerCase()) ?? setting.members.get(normalizeSearchText(owner));
};

export const memberKeys = (members: ReadonlyArray<{ id: string; email: string; name: string }>): Map<string, string> => {
  const keys = new Map<string, string>();
  for (const m of members) {
    keys.set(m.email.toLowerCase(), m.id);
    const name = normalizeSearchText(m.name);
    // Two people with one name cannot be told apart by it: neither is matched by name.
    keys.set(name, keys.has(name) && keys.get(name) !== m.id ? "" : m.id);
  }
  for (const [key, id] of keys) if (!id) keys.delete(key);
  return keys;
};

type Tally = BatchTally;
const emptyTally = (): Tally => ({ created: 0, updated: 0, skipped: 0, errors: 0, report: [] });

const record = (tally: Tally, row: NewImportRow) => {
  tally.report.push(row);
  switch (row.outcome) {
    case "created":
      tally.created += 1;
      break;
    case "updated":
      tally.updated += 1;
      break;
    case "skipped":
      tally.skipped += 1;
      break;
    case "error":
      tally.errors += 1;
      break;
  }
};

/** The row's fingerprint was imported before (from an earlier file, or earlier in this one): skipped. */
const importedBefore = (setting: ImportSetting, known: Map<string, string>, tally: Tally, rowNumber: number, hash: string): boolean => {
  const knownId = known.get(hash) ?? setting.seen.get(`hash:${hash}`);
  if (knownId) record(tally, { rowNumber, outcome: "skipped", entityId: knownId, message: "Imported before" });
  return Boolean(knownId);
};

type ClientRef = { company: string | null; companyLegalId: string | null };
type ResolveClient = (ref: ClientRef) => { id: string } | { code: ImportRowCode; field: ImportTarget };

/** The client a contact or deal row names, or its problem recorded in the report. */
const clientOf = (resolve: ResolveClient, tally: Tally, rowNumber: number, ref: ClientRef): { id: string } | undefined => {
  const client = resolve(ref);
  if ("id" in client) return client;
  record(tally, problem(rowNumber, client.code, client.field, client.code === "company_ambiguous" ? "Several clients have this name" : "No such client"));
  return undefined;
};

/** Reads every row of the batch; blank rows are passed over without a report line. */
const readRows = <V>(setting: ImportSetting, rows: BatchRow[], tally: Tally) => {
  const read: { rowNumber: number; values: V; hash: string }[] = [];
  for (const row of rows) {
    if (isBlank(row.cells)) continue;
    const result = readImportRow(setting.entity, setting.mapping, row.cells, setting.country);
    if (!result.ok) record(tally, problem(row.rowNumber, result.problem.code, result.problem.field, result.problem.message));
    else read.push({ rowNumber: row.rowNumber, values: result.values as V, hash: result.hash });
  }
  return read;
};

const mergeContact = (existing: { phones: string[]; emails: string[] }, incoming: ContactValues) => ({
  phones: [...new Set([...existing.phones, ...incoming.phones])].slice(0, 10),
  emails: [...new Set([...existing.emails, ...incoming.emails])].slice(0, 10),
});

const importCompanies = async (ex: Executor, setting: ImportSetting, rows: BatchRow[]): Promise<Tally> => {
  const tally = emptyTally();
  const org = setting.viewer.organizationId;
  const read = readRows<CompanyValues>(setting, rows, tally);
  const known = await knownRowHashes(ex, org, "companies", read.map((r) => r.hash));
  const byLegalId = new Map((await companiesByLegalIds(ex, org, [...new Set(read.flatMap((r) => (r.values.legalId ? [r.values.legalId] : [])))])).map((c) => [c.legalId ?? "", c.id]));
  const matches = await contactsByChannels(
    ex,
    org,
    [...new Set(read.flatMap((r) => r.values.contact?.phones ?? []))],
    [...new Set(read.flatMap((r) => r.values.contact?.emails ?? []))],
  );
  const byChannel = new Map<string, string>();
  for (const c of matches) for (const key of [...c.phones, ...c.emails]) byChannel.set(key, c.companyId);

  const newCompanies: (typeof companies.$inferInsert)[] = [];
  const newContacts: (typeof contacts.$inferInsert)[] = [];
  const newEvents: (typeof timelineEvents.$inferInsert)[] = [];
  const hashes: { hash: string; id: string }[] = [];
  const touched = new Set<string>();

  for (const { rowNumber, values, hash } of read) {
    if (importedBefore(setting, known, tally, rowNumber, hash)) continue;
    const ownerId = ownerOf(setting, values.owner);
    if (!ownerId) {
      record(tally, problem(rowNumber, "owner_unknown", "owner", `No active person with this email or name: ${values.owner ?? ""}`));
      continue;
    }
    const channels = [...(values.contact?.phones ?? []), ...(values.contact?.emails ?? [])];
    const duplicateOf =
      (values.legalId && (byLegalId.get(values.legalId) ?? setting.seen.get(`legal:${values.legalId}`))) ||
      channels.map((k) => byChannel.get(k) ?? setting.seen.get(`channel:${k}`)).find(Boolean);
    if (duplicateOf) {
      if (setting.onDuplicate === "skip") {
        record(tally, { rowNumber, outcome: "skipped", entityId: duplicateOf, message: "A client with this legal id, phone or email exists" });
        hashes.push({ hash, id: duplicateOf });
        continue;
      }
      const patch: Partial<typeof companies.$inferInsert> = { updatedAt: setting.now, name: values.name };
      if (values.region) patch.region = values.region;
      if (values.industry) patch.industry = values.industry;
      if (values.audience) patch.audience = values.audience;
      if (values.channel) patch.channel = values.channel;
      if (values.status) patch.status = values.status;
      if (values.temperature) patch.temperature = values.temperature;
      if (values.level) patch.level = values.level;
      if (values.owner) patch.ownerId = ownerId;
      const legalIdOwner = values.legalId ? (byLegalId.get(values.legalId) ?? setting.seen.get(`legal:${values.legalId}`)) : undefined;
      if (values.legalId && legalIdOwner && legalIdOwner !== duplicateOf) {
        record(tally, problem(rowNumber, "legal_id_taken", "legalId", "Another client holds this legal id"));
        continue;
      }
      if (values.legalId) patch.legalId = values.legalId;
      await ex
        .update(companies)
        .set({ ...patch, ...(values.tags.length > 0 && { tags: sql`array(select distinct unnest(${companies.tags} || ${sql`${sql.param(values.tags)}::text[]`}))` }) })
        .where(and(eq(companies.organizationId, org), eq(companies.id, duplicateOf)));
      if (values.contact) {
        const same = matches.find((c) => c.companyId === duplicateOf && [...c.phones, ...c.emails].some((k) => channels.includes(k)));
        if (same) {
          await ex
            .update(contacts)
            .set({ ...mergeContact(same, values.contact), ...(values.contact.position && { position: values.contact.position }), updatedAt: setting.now })
            .where(and(eq(contacts.organizationId, org), eq(contacts.id, same.id)));
        } else {
          newContacts.push({ id: randomUUID(), organizationId: org, companyId: duplicateOf, ...values.contact, createdAt: setting.now, updatedAt: setting.now });
        }
      }
      touched.add(duplicateOf);
      record(tally, { rowNumber, outcome: "updated", entityId: duplicateOf });
      hashes.push({ hash, id: duplicateOf });
      continue;
    }
    const id = randomUUID();
    newCompanies.push({
      id,
      organizationId: org,
      name: values.name,
      legalId: values.legalId,
      region: values.region,
      industry: values.industry,
      audience: values.audience,
      channel: values.channel,
      status: values.status ?? "new",
      temperature: values.temperature ?? "cold",
      level: values.level,
      levelEnteredAt: values.level ? setting.now : null,
      ownerId,
      tags: values.tags,
      searchText: companySearchText(values.name, values.legalId, values.contact ? [values.contact] : []),
      createdAt: setting.now,
      updatedAt: setting.now,
    });
    if (values.contact) newContacts.push({ id: randomUUID(), organizationId: org, companyId: id, ...values.contact, createdAt: setting.now, updatedAt: setting.now });
    newEvents.push({ id: randomUUID(), organizationId: org, companyId: id, kind: "created", at: setting.now, actorId: setting.viewer.userId });
    if (values.legalId) setting.seen.set(`legal:${values.legalId}`, id);
    for (const key of channels) setting.seen.set(`channel:${key}`, id);
    hashes.push({ hash, id });
    record(tally, { rowNumber, outcome: "created", entityId: id });
  }

  if (newCompanies.length > 0) await insertRows(ex, companies, newCompanies);
  if (newContacts.length > 0) await insertRows(ex, contacts, newContacts);
  if (newEvents.length > 0) await insertRows(ex, timelineEvents, newEvents);
  for (const id of touched) await refreshCompanySearchText(ex, setting.viewer, id);
  await rememberRowHashes(ex, org, "companies", hashes);
  for (const h of hashes) setting.seen.set(`hash:${h.hash}`, h.id);
  return tally;
};

/** The client a contact or deal row names: by legal id first, else by its exact name. */
const clientResolver = async (ex: Executor, setting: ImportSetting, refs: ClientRef[]): Promise<ResolveClient> => {
  const org = setting.viewer.organizationId;
  const byLegalId = new Map(
    (await companiesByLegalIds(ex, org, [...new Set(refs.flatMap((r) => (r.companyLegalId ? [r.companyLegalId] : [])))])).map((c) => [c.legalId ?? "", c.id]),
  );
  const named = await companiesByNames(ex, org, [...new Set(refs.flatMap((r) => (r.company && !r.companyLegalId ? [r.company] : [])))]);
  const byName = new Map<string, string[]>();
  for (const c of named) byName.set(c.name.toLowerCase(), [...(byName.get(c.name.toLowerCase()) ?? []), c.id]);
  return (ref) => {
    if (ref.companyLegalId) {
      const id = byLegalId.get(ref.companyLegalId);
      return id ? { id } : { code: "company_not_found", field: "companyLegalId" };
    }
    const ids = byName.get((ref.company ?? "").toLowerCase()) ?? [];
    if (ids.length > 1) return { code: "company_ambiguous", field: "company" };
    const [id] = ids;
    return id ? { id } : { code: "company_not_found", field: "company" };
  };
};

const importContacts = async (ex: Executor, setting: ImportSetting, rows: BatchRow[]): Promise<Tally> => {
  const tally = emptyTally();
  const org = setting.viewer.organizationId;
  const read = readRows<ContactRowValues>(setting, rows, tally);
  const known = await knownRowHashes(ex, org, "contacts", read.map((r) => r.hash));
  const resolve = await clientResolver(ex, setting, read.map((r) => r.values));
  const matches = await contactsByChannels(
    ex,
    org,
    [...new Set(read.flatMap((r) => r.values.contact.phones))],
    [...new Set(read.flatMap((r) => r.values.contact.emails))],
  );
  const newContacts: (typeof contacts.$inferInsert)[] = [];
  const hashes: { hash: string; id: string }[] = [];
  const touched = new Set<string>();
  for (const { rowNumber, values, hash } of read) {
    if (importedBefore(setting, known, tally, rowNumber, hash)) continue;
    const client = clientOf(resolve, tally, rowNumber, values);
    if (!client) continue;
    const channels = [...values.contact.phones, ...values.contact.emails];
    const same =
      matches.find((c) => c.companyId === client.id && [...c.phones, ...c.emails].some((k) => channels.includes(k))) ??
      matches.find((c) => c.companyId === client.id && normalizeSearchText(c.name) === normalizeSearchText(values.contact.name));
    const seenId = channels.map((k) => setting.seen.get(`contact:${client.id}:${k}`)).find(Boolean);
    const duplicateOf = same?.id ?? seenId;
    if (duplicateOf) {
      if (setting.onDuplicate === "skip" || !same) {
        record(tally, { rowNumber, outcome: "skipped", entityId: duplicateOf, message: "This client has a contact with this phone or email" });
      } else {
        await ex
          .update(contacts)
          .set({
            ...mergeContact(same, values.contact),
            name: values.contact.name,
            ...(values.contact.position && { position: values.contact.position }),
            ...(values.contact.isDecisionMaker && { isDecisionMaker: true }),
            updatedAt: setting.now,
          })
          .where(and(eq(contacts.organizationId, org), eq(contacts.id, same.id)));
        touched.add(client.id);
        record(tally, { rowNumber, outcome: "updated", entityId: same.id });
      }
      hashes.push({ hash, id: duplicateOf });
      continue;
    }
    const id = randomUUID();
    newContacts.push({ id, organizationId: org, companyId: client.id, ...values.contact, createdAt: setting.now, updatedAt: setting.now });
    for (const key of channels) setting.seen.set(`contact:${client.id}:${key}`, id);
    touched.add(client.id);
    hashes.push({ hash, id });
    record(tally, { rowNumber, outcome: "created", entityId: id });
  }
  if (newContacts.length > 0) await insertRows(ex, contacts, newContacts);
  for (const id of touched) await refreshCompanySearchText(ex, setting.viewer, id);
  await rememberRowHashes(ex, org, "contacts", hashes);
  for (const h of hashes) setting.seen.set(`hash:${h.hash}`, h.id);
  return tally;
};

const importDeals = async (ex: Executor, setting: ImportSetting, rows: BatchRow[]): Promise<Tally> => {
  const tally = emptyTally();
  const org = setting.viewer.organizationId;
  const read = readRows<DealValues>(setting, rows, tally);
  const known = await knownRowHashes(ex, org, "deals", read.map((r) => r.hash));
  const resolve = await clientResolver(ex, setting, read.map((r) => r.values));
  const defaultPipeline = setting.pipelines.find((p) => p.isDefault) ?? setting.pipelines[0];
  const newDeals: (typeof deals.$inferInsert)[] = [];
  const visits: (typeof dealStageVisits.$inferInsert)[] = [];
  const events: (typeof timelineEvents.$inferInsert)[] = [];
  const hashes: { hash: string; id: string }[] = [];
  const dealKeys = read.map((r) => normalizeSearchText(r.values.title));
  const existing =
    dealKeys.length === 0
      ? []
      : await ex
          .select({ id: deals.id, companyId: deals.companyId, title: deals.title })
          .from(deals)
          .where(and(eq(deals.organizationId, org), inArray(sql`lower(${deals.title})`, read.map((r) => r.values.title.toLowerCase()))));
  for (const { rowNumber, values, hash } of read) {
    if (importedBefore(setting, known, tally, rowNumber, hash)) continue;
    const client = clientOf(resolve, tally, rowNumber, values);
    if (!client) continue;
    const ownerId = ownerOf(setting, values.owner);
    if (!ownerId) {
      record(tally, problem(rowNumber, "owner_unknown", "owner", `No active person with this email or name: ${values.owner ?? ""}`));
      continue;
    }
    const pipeline = values.pipeline
      ? setting.pipelines.find((p) => normalizeSearchText(p.name) === normalizeSearchText(values.pipeline ?? ""))
      : defaultPipeline;
    if (!pipeline) {
      record(tally, problem(rowNumber, "pipeline_unknown", "pipeline", `No pipeline named ${values.pipeline ?? ""}`));
      continue;
    }
    const liveStages = pipeline.stages.filter((s) => !s.archivedAt);
    const stage = values.stage ? liveStages.find((s) => normalizeSearchText(s.name) === normalizeSearchText(values.stage ?? "")) : liveStages[0];
    if (!stage) {
      record(tally, problem(rowNumber, "stage_unknown", "stage", `No stage named ${values.stage ?? ""} in ${pipeline.name}`));
      continue;
    }
    if (stage.kind === "lost" && !values.lostReason) {
      record(tally, problem(rowNumber, "lost_reason_required", "lostReason", "A lost deal needs its reason"));
      continue;
    }
    const duplicate = existing.find((d) => d.companyId === client.id && d.title.toLowerCase() === values.title.toLowerCase());
    const seenId = setting.seen.get(`deal:${client.id}:${values.title.toLowerCase()}`);
    const currency = values.currency ?? setting.currency;
    const amountMinor = values.amount === null ? 0 : Math.round(values.amount * 10 ** currencyDigits(currency));
    if (duplicate ?? seenId) {
      const id = duplicate?.id ?? seenId ?? "";
      if (setting.onDuplicate === "skip" || !duplicate) {
        record(tally, { rowNumber, outcome: "skipped", entityId: id, message: "This client has a deal with this title" });
      } else {
        await ex
          .update(deals)
          .set({
            ...(values.amount !== null && { amountMinor, currency }),
            ...(values.expectedCloseDate && { expectedCloseDate: values.expectedCloseDate }),
            ...(values.owner && { ownerId }),
            updatedAt: setting.now,
          })
          .where(and(eq(deals.organizationId, org), eq(deals.id, duplicate.id)));
        record(tally, { rowNumber, outcome: "updated", entityId: duplicate.id });
      }
      hashes.push({ hash, id });
      continue;
    }
    const id = randomUUID();
    newDeals.push({
      id,
      organizationId: org,
      companyId: client.id,
      pipelineId: pipeline.id,
      stageId: stage.id,
      title: values.title,
      amountMinor,
      currency,
      expectedCloseDate: values.expectedCloseDate,
      ownerId,
      lostReason: stage.kind === "lost" ? values.lostReason : null,
      stageEnteredAt: setting.now,
      closedAt: stage.kind === "open" ? null : setting.now,
      createdAt: setting.now,
      updatedAt: setting.now,
    });
    visits.push({ id: randomUUID(), organizationId: org, dealId: id, stageId: stage.id, enteredAt: setting.now, movedById: setting.viewer.userId });
    events.push({ id: randomUUID(), organizationId: org, companyId: client.id, kind: "deal_created", at: setting.now, actorId: setting.viewer.userId, dealId: id });
    setting.seen.set(`deal:${client.id}:${values.title.toLowerCase()}`, id);
    hashes.push({ hash, id });
    record(tally, { rowNumber, outcome: "created", entityId: id });
  }
  if (newDeals.length > 0) await insertRows(ex, deals, newDeals);
  if (visits.length > 0) await insertRows(ex, dealStageVisits, visits);
  if (events.length > 0) await insertRows(ex, timelineEvents, events);
  await rememberRowHashes(ex, org, "deals", hashes);
  for (const h of hashes) setting.seen.set(`hash:${h.hash}`, h.id);
  return tally;
};

/** Writes one batch inside the caller's transaction and returns what each row became. */
export const importBatch = (ex: Executor, setting: ImportSetting, rows: BatchRow[]): Promise<BatchTally> => {
  switch (setting.entity) {
    case "companies":
      return importCompanies(ex, setting, rows);
    case "contacts":
      return importContacts(ex, setting, rows);
    case "deals":
      return importDeals(ex, setting, rows);
  }
};
