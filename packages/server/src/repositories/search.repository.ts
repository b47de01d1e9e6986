import { foldSql } from "../db/fold-sql";
import { and, asc, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";
import { companies, contacts, deals, pipelineStages } from "../db/schema";
import type { Viewer } from "../scope";
import { visibleCompanies, visibleDeals } from "./visibility";

/*
 * The header's search across clients, contacts and deals. Patterns arrive already normalized
 * (domain/search-text.ts: searchPattern), one or two of them (a phone as typed and as E.164
 * digits); each group is read within what the viewer may see and cut at `limit`.
 */

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const containsAny = (expression: SQL | AnyPgColumn, patterns: readonly string[]): SQL =>
  or(...patterns.map((p) => sql`${expression} like ${`%${escapeLike(p)}%`}`)) ?? sql`false`;

const startsWithAny = (expression: SQL | AnyPgColumn, patterns: readonly string[]): SQL =>
  or(...patterns.map((p) => sql`${expression} like ${`${escapeLike(p)}%`}`)) ?? sql`false`;

/** normalizeSearchText (domain/search-text.ts) in SQL, for text without a stored folded column. */
export const normalizedSql = foldSql;

export type CompanyHitRow = { id: string; name: string; legalId: string | null; level: string | null; status: string };

/** Clients by their search text (name, legal id, contacts' names, phone digits, emails); a name that starts with the query first. */
export const searchCompanies = (ex: Executor, viewer: Viewer, patterns: readonly string[], limit: number): Promise<CompanyHitRow[]> =>
  ex
    .select({ id: companies.id, name: companies.name, legalId: companies.legalId, level: companies.level, status: companies.status })
    .from(companies)
    .where(and(visibleCompanies(viewer), containsAny(companies.searchText, patterns)))
    .orderBy(sql`${startsWithAny(normalizedSql(companies.name), patterns)} desc`, sql`lower(${companies.name})`, asc(companies.id))
    .limit(limit);

export type ContactHitRow = {
  id: string;
  name: string;
  phones: string[];
  emails: string[];
  companyId: string;
  companyName: string;
};

/**
 * Contacts by their own name, phone or email. Contacts have no search column of their own: the
 * client's indexed search_text, which holds its contacts' names, phone digits and emails,
 * narrows the clients first, then each contact of those is matched on its own fields.
 */
export const searchContacts = (ex: Executor, viewer: Viewer, patterns: readonly string[], limit: number): Promise<ContactHitRow[]> => {
  const name = normalizedSql(contacts.name);
  const phoneDigits = sql`regexp_replace(array_to_string(${contacts.phones}, ' '), '[^0-9 ]', '', 'g')`;
  const emails = normalizedSql(sql`array_to_string(${contacts.emails}, ' ')`);
  return ex
    .select({
      id: contacts.id,
      name: contacts.name,
      phones: contacts.phones,
      emails: contacts.emails,
      companyId: contacts.companyId,
      companyName: companies.name,
    })
    .from(contacts)
    .innerJoin(companies, and(eq(companies.id, contacts.companyId), eq(companies.organizationId, contacts.organizationId)))
    .where(
      and(
        eq(contacts.organizationId, viewer.organizationId),
        visibleCompanies(viewer),
        containsAny(companies.searchText, patterns),
        or(containsAny(name, patterns), containsAny(phoneDigits, patterns), containsAny(emails, patterns)),
      ),
    )
    .orderBy(sql`${startsWithAny(name, patterns)} desc`, sql`lower(${contacts.name})`, asc(contacts.id))
    .limit(limit);
};

export type DealHitRow = {
  id: string;
  title: string;
  companyId: string;
  companyName: string;
  stageName: string;
  stageKind: string;
  amountMinor: number;
  currency: string;
};

/**
 * Deals by title: `deals.search_text` is the title folded like the clients' search text (a
 * generated column, db/fold-sql.ts) under a pg_trgm index; open deals first, the newest first.
 */
export const searchDeals = (ex: Executor, viewer: Viewer, patterns: readonly string[], limit: number): Promise<DealHitRow[]> =>
  ex
    .select({
      id: deals.id,
      title: deals.title,
      companyId: deals.companyId,
      companyName: companies.name,
      stageName: pipelineStages.name,
      stageKind: pipelineStages.kind,
      amountMinor: deals.amountMinor,
      currency: deals.currency,
    })
    .from(deals)
    .innerJoin(companies, and(eq(companies.id, deals.companyId), eq(companies.organizationId, deals.organizationId)))
    .innerJoin(pipelineStages, and(eq(pipelineStages.id, deals.stageId), eq(pipelineStages.organizationId, deals.organizationId)))
    .where(and(visibleDeals(viewer), or(...patterns.map((p) => sql`${deals.searchText} like ${`%${escapeLike(p)}%`}`))))
    .orderBy(sql`(${pipelineStages.kind} = 'open') desc`, desc(deals.createdAt), desc(deals.id))
    .limit(limit);
