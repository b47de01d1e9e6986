import type { CustomField, CustomValue, CustomValues, CustomValuesInput } from "@conveyor/contracts";

/** What a form holds per field while the person types: text as typed, a number, or "" for none. */
export type CustomDraft = Readonly<Record<string, string | number>>;

export const customDraftFrom = (values: CustomValues): CustomDraft => ({ ...values });

/** The value a draft entry stands for; blank text and "" mean no value. */
const valueOf = (field: CustomField, entry: string | number | undefined): CustomValue | null => {
  if (entry === undefined) return null;
  if (field.type === "number") {
    if (typeof entry === "number") return Number.isFinite(entry) ? entry : null;
    const trimmed = entry.trim();
    if (trimmed === "") return null;
    const number = Number(trimmed);
    // Not a number: sent as typed, so the server names the field.
    return Number.isFinite(number) ? number : trimmed;
  }
  const text = String(entry).trim();
  return text === "" ? null : text;
};

/**
 * The `custom` part of a create or update body: only the active fields whose value changed, a
 * cleared one as null. Values of archived fields are never sent, so they stay as they are.
 */
export const customChanges = (fields: readonly CustomField[], stored: CustomValues, draft: CustomDraft): CustomValuesInput => {
  const changes: Record<string, CustomValue | null> = {};
  for (const field of fields) {
    if (field.archived) continue;
    const next = valueOf(field, draft[field.key]);
    const before = stored[field.key] ?? null;
    if (next !== before) changes[field.key] = next;
  }
  return changes;
};

/** The `custom` part of a create body: the active fields with a value; blank ones are left out. */
export const customValuesForCreate = (fields: readonly CustomField[], draft: CustomDraft): CustomValues => {
  const values: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(customChanges(fields, {}, draft))) if (value !== null) values[key] = value;
  return values;
};

/** A select's choices: its options, plus a stored value whose option was removed (shown as it is). */
export const selectChoices = (field: CustomField, current: string | number | undefined): string[] => {
  const value = current === undefined || current === "" ? undefined : String(current);
  return value !== undefined && !field.options.includes(value) ? [...field.options, value] : [...field.options];
};

/** Moving a field one place up (-1) or down (+1) in the list as shown: the position to send. */
export const movedPosition = (fields: readonly CustomField[], index: number, delta: -1 | 1): number | null => {
  const target = index + delta;
  return target < 0 || target >= fields.length ? null : target;
};
