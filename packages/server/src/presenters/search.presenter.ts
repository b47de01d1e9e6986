import { dealStatusSchema, levelSchema, type SearchResults } from "@conveyor/contracts";
import type { SearchHits } from "../commands/search-everything";

export const presentSearchResults = (hits: SearchHits): SearchResults => ({
  companies: hits.companies.map((c) => ({
    id: c.id,
    name: c.name,
    legalId: c.legalId,
    level: c.level === null ? null : levelSchema.parse(c.level),
    permanent: c.status === "permanent",
  })),
  contacts: hits.contacts.map((c) => ({
    id: c.id,
    name: c.name,
    companyId: c.companyId,
    companyName: c.companyName,
    phones: c.phones,
    emails: c.emails,
  })),
  deals: hits.deals.map((d) => ({
    id: d.id,
    title: d.title,
    companyId: d.companyId,
    companyName: d.companyName,
    stageName: d.stageName,
    status: dealStatusSchema.parse(d.stageKind),
    amountMinor: d.amountMinor,
    currency: d.currency,
  })),
});
