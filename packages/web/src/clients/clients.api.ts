import {
  activitySchema,
  companyCardSchema,
  companyCountSchema,
  companyFacetsSchema,
  companyPageSchema,
  companySchema,
  contactSchema,
  timelinePageSchema,
  type CreateActivity,
  type CreateCompany,
  type CreateContact,
  type UpdateCompany,
  type UpdateContact,
} from "@conveyor/contracts";
import type { QueryParams } from "../api/client";
import { api } from "../app/api";

/** Everything about clients lives under this key: a write refreshes lists, cards and timelines at once. */
export const clientsKey = ["clients"];
export const clientListKey = (query: QueryParams) => [...clientsKey, "list", query];
export const clientFacetsKey = [...clientsKey, "facets"];
export const clientCountKey = (query: QueryParams) => [...clientsKey, "count", query];
export const clientCardKey = (id: string) => [...clientsKey, "card", id];
export const timelineKey = (id: string) => [...clientsKey, "timeline", id];

const companyPath = (id: string) => `/api/v1/companies/${encodeURIComponent(id)}`;

export const listCompanies = (query: QueryParams) => api.get("/api/v1/companies", companyPageSchema, query);

/** The exact total of a filtered list, asked for when the list itself only says "more than". */
export const countCompanies = (query: QueryParams) => api.get("/api/v1/companies/count", companyCountSchema, query);

export const getCompanyFacets = () => api.get("/api/v1/companies/facets", companyFacetsSchema);

export const createCompany = (body: CreateCompany) => api.post("/api/v1/companies", companySchema, body);

export const getCompanyCard = (id: string) => api.get(companyPath(id), companyCardSchema);

export const updateCompany = (id: string, body: UpdateCompany) => api.patch(companyPath(id), companySchema, body);

export const createContact = (companyId: string, body: CreateContact) =>
  api.post(`${companyPath(companyId)}/contacts`, contactSchema, body);

export const updateContact = (id: string, body: UpdateContact) =>
  api.patch(`/api/v1/contacts/${encodeURIComponent(id)}`, contactSchema, body);

export const deleteContact = (id: string) => api.send("DELETE", `/api/v1/contacts/${encodeURIComponent(id)}`);

export const createActivity = (companyId: string, body: CreateActivity) =>
  api.post(`${companyPath(companyId)}/activities`, activitySchema, body);

export const getTimeline = (companyId: string, page: { cursor?: string; limit?: number }) =>
  api.get(`${companyPath(companyId)}/timeline`, timelinePageSchema, page);
