import { countrySchema, searchMinLength, type SearchQuery } from "@conveyor/contracts";
import { searchPattern } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { findOrganization } from "../repositories/organization.repository";
import {
  searchCompanies,
  searchContacts,
  searchDeals,
  type CompanyHitRow,
  type ContactHitRow,
  type DealHitRow,
} from "../repositories/search.repository";
import type { Viewer } from "../scope";
import { toE164 } from "../security/phones";

export type SearchHits = { companies: CompanyHitRow[]; contacts: ContactHitRow[]; deals: DealHitRow[] };

const nothing: SearchHits = { companies: [], contacts: [], deals: [] };

/**
 * What to look for: the normalized query and, for a phone, also its E.164 digits read by the
 * organization's country, so "8 (495) 123-45-67" finds the stored +74951234567.
 */
const patternsOf = async (ex: Executor, viewer: Viewer, q: string): Promise<string[]> => {
  const pattern = searchPattern(q);
  if (pattern.length < searchMinLength) return [];
  if (!/^\d+$/.test(pattern)) return [pattern];
  const organization = await findOrganization(ex, viewer);
  const country = countrySchema.parse(organization?.country ?? "OTHER");
  const e164 = (toE164(q, country) ?? toE164(pattern, country))?.replace(/\D/g, "");
  return e164 && e164 !== pattern && !e164.includes(pattern) ? [pattern, e164] : [pattern];
};

/**
 * The header's search: clients, contacts and deals the viewer may see, at most `limit` of each.
 * A query of fewer than two characters finds nothing rather than everything.
 */
export const searchEverything = async (ex: Executor, viewer: Viewer, query: SearchQuery): Promise<SearchHits> => {
  const patterns = await patternsOf(ex, viewer, query.q);
  if (patterns.length === 0) return nothing;
  return {
    companies: await searchCompanies(ex, viewer, patterns, query.limit),
    contacts: await searchContacts(ex, viewer, patterns, query.limit),
    deals: await searchDeals(ex, viewer, patterns, query.limit),
  };
};
