import { useQuery } from "@tanstack/react-query";
import {
  customFieldListSchema,
  customFieldSchema,
  type CreateCustomField,
  type CustomFieldEntity,
  type UpdateCustomField,
} from "@conveyor/contracts";
import { api } from "../app/api";

export const customFieldsKey = ["custom-fields"];
export const customFieldListKey = (entity: CustomFieldEntity, includeArchived: boolean) => [
  ...customFieldsKey,
  entity,
  includeArchived ? "all" : "active",
];

export const listCustomFields = (entity: CustomFieldEntity, includeArchived: boolean) =>
  api
    .get("/api/v1/custom-fields", customFieldListSchema, { entity, includeArchived: includeArchived ? "true" : undefined })
    .then((list) => list.items);

export const createCustomField = (body: CreateCustomField) => api.post("/api/v1/custom-fields", customFieldSchema, body);

export const updateCustomField = (id: string, body: UpdateCustomField) =>
  api.patch(`/api/v1/custom-fields/${encodeURIComponent(id)}`, customFieldSchema, body);

/** The organization's fields of clients or deals, in order; archived ones only for the settings screen. */
export const useCustomFields = (entity: CustomFieldEntity, includeArchived = false) => {
  const query = useQuery({
    queryKey: customFieldListKey(entity, includeArchived),
    queryFn: () => listCustomFields(entity, includeArchived),
    staleTime: 5 * 60_000,
  });
  return { ...query, fields: query.data ?? [] };
};
