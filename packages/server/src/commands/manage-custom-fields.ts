import { customFieldEntitySchema, type CreateCustomField, type UpdateCustomField } from "@conveyor/contracts";
import { customFieldKey } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Tx } from "../db/database";
import { isUniqueViolation } from "../db/errors";
import { AppError, notFound } from "../http/app-error";
import {
  customFieldKeys,
  findCustomField,
  insertCustomField,
  listCustomFields,
  nextCustomFieldPosition,
  updateCustomFieldRow,
  type CustomFieldPatch,
  type CustomFieldRow,
} from "../repositories/custom-field.repository";
import type { Viewer } from "../scope";

const readBack = async (tx: Tx, viewer: Viewer, id: string): Promise<CustomFieldRow> => {
  const row = await findCustomField(tx, viewer, id);
  if (!row) throw notFound("The custom field");
  return row;
};

/**
 * A new field at the end of its entity's list. Its key is the slug of the label, unique among the
 * entity's keys; two people adding the same label at once both succeed, the second with `_2`.
 */
export const createCustomField = async (context: AppContext, viewer: Viewer, input: CreateCustomField): Promise<CustomFieldRow> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await context.database.db.transaction(async (tx) => {
        const now = context.now();
        const key = customFieldKey(input.label, await customFieldKeys(tx, viewer, input.entity));
        const id = await insertCustomField(tx, viewer, {
          entity: input.entity,
          key,
          label: input.label,
          type: input.type,
          options: input.type === "select" ? (input.options ?? []) : [],
          position: await nextCustomFieldPosition(tx, viewer, input.entity),
          createdAt: now,
          updatedAt: now,
        });
        return readBack(tx, viewer, id);
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
};

/** Where a field moved to `position` leaves every field of its entity: renumbered 0, 1, 2… */
const reordered = (fields: readonly CustomFieldRow[], id: string, position: number): CustomFieldRow[] => {
  const moving = fields.find((f) => f.id === id);
  if (!moving) return [...fields];
  const others = fields.filter((f) => f.id !== id);
  const at = Math.min(position, others.length);
  return [...others.slice(0, at), moving, ...others.slice(at)];
};

/**
 * Renames, changes options, moves or archives a field; its key and type stay. Removing an option
 * that clients or deals still hold is allowed: those values stay and show as they are.
 */
export const updateCustomField = async (context: AppContext, viewer: Viewer, id: string, input: UpdateCustomField): Promise<CustomFieldRow> =>
  context.database.db.transaction(async (tx) => {
    const now = context.now();
    const before = await findCustomField(tx, viewer, id);
    if (!before) throw notFound("The custom field");
    const patch: CustomFieldPatch = { updatedAt: now };
    if (input.label !== undefined) patch.label = input.label;
    if (input.options !== undefined) {
      if (before.type !== "select") {
        throw new AppError("validation_failed", "Only a select field has options", {
          errors: [{ field: "options", code: "not_select", message: "Only a select field has options" }],
        });
      }
      if (input.options.length === 0) {
        throw new AppError("validation_failed", "A select field needs options", {
          errors: [{ field: "options", code: "too_small", message: "A select field needs options" }],
        });
      }
      patch.options = input.options;
    }
    if (input.archived !== undefined && input.archived !== (before.archivedAt !== null)) patch.archivedAt = input.archived ? now : null;
    await updateCustomFieldRow(tx, viewer, id, patch);
    if (input.position !== undefined) {
      const fields = await listCustomFields(tx, viewer, customFieldEntitySchema.parse(before.entity), { includeArchived: true });
      const order = reordered(fields, id, input.position);
      for (const [position, field] of order.entries()) {
        if (field.position !== position) await updateCustomFieldRow(tx, viewer, field.id, { position, updatedAt: now });
      }
    }
    return readBack(tx, viewer, id);
  });
