import type { CompanyFacets } from "@conveyor/contracts";

export type { CompanyFacets, Facet } from "@conveyor/contracts";

export const emptyFacets: CompanyFacets = {
  status: [],
  temperature: [],
  level: [],
  region: [],
  industry: [],
  audience: [],
  channel: [],
  owner: [],
  product: [],
};
