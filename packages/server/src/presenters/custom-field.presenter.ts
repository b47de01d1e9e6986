import { customFieldEntitySchema, customFieldTypeSchema, type CustomField } from "@conveyor/contracts";
import type { CustomFieldRow } from "../repositories/custom-field.repository";

export const presentCustomField = (row: CustomFieldRow): CustomField => ({
  id: row.id,
  entity: customFieldEntitySchema.parse(row.entity),
  key: row.key,
  label: row.label,
  type: customFieldTypeSchema.parse(row.type),
  options: row.options,
  position: row.position,
  archived: row.archivedAt !== null,
  createdAt: row.createdAt.toISOString(),
});
