import {
  apiTokenListSchema,
  createdApiTokenSchema,
  organizationSchema,
  type UpdateOrganization,
} from "@conveyor/contracts";
import { api } from "../app/api";

export const organizationKey = ["organization"];
export const apiTokensKey = ["api-tokens"];

export const getOrganization = () => api.get("/api/v1/organization", organizationSchema);

export const updateOrganization = (body: UpdateOrganization) =>
  api.patch("/api/v1/organization", organizationSchema, body);

export const listApiTokens = () => api.get("/api/v1/api-tokens", apiTokenListSchema);

export const createApiToken = (name: string) => api.post("/api/v1/api-tokens", createdApiTokenSchema, { name });

export const revokeApiToken = (id: string) => api.send("DELETE", `/api/v1/api-tokens/${encodeURIComponent(id)}`);
