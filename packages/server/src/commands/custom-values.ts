import { customFieldTypeSchema, type CustomFieldEntity, type CustomValues, type CustomValuesInput, type FieldError } from "@conveyor/contracts";
import { applyCustomValues, customFilterValues, type CustomFieldDefinition, type CustomValueProblem } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { listCustomFields, type CustomFieldRow } from "../repositories/custom-field.repository";
import type { Viewer } from "../scope";

export const definitionOf = (row: CustomFieldRow): CustomFieldDefinition => ({
  key: row.key,
  type: customFieldTypeSchema.parse(row.type),
  options: row.options,
});

/** One 422 naming every field at fault; its code is the first problem's. */
const customValueError = (problems: readonly CustomValueProblem[], fieldPrefix: string): AppError => {
  const first = problems[0];
  const errors: FieldError[] = problems.map((p) => ({ field: `${fieldPrefix}${p.key}`, code: p.code, message: p.message }));
  return new AppError(first?.code ?? "custom_field_invalid", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
};

/**
 * A record's custom values after a create or update, checked against the organization's active
 * fields of that entity; nothing to check when the input names no custom field.
 */
export const resolveCustomValues = async (
  ex: Executor,
  viewer: Viewer,
  entity: CustomFieldEntity,
  current: CustomValues,
  input: CustomValuesInput | undefined,
): Promise<CustomValues> => {
  if (!input || Object.keys(input).length === 0) return current;
  const definitions = (await listCustomFields(ex, viewer, entity, { includeArchived: false })).map(definitionOf);
  const { values, problems } = applyCustomValues(definitions, current, input);
  if (problems.length > 0) throw customValueError(problems, "custom.");
  return values;
};

/** The `cf.<key>` filters of a list as the values stored, typed by each field of the entity (archived ones too). */
const resolveCustomFilter = async (
  ex: Executor,
  viewer: Viewer,
  entity: CustomFieldEntity,
  params: Readonly<Record<string, string>>,
): Promise<CustomValues | undefined> => {
  if (Object.keys(params).length === 0) return undefined;
  const definitions = (await listCustomFields(ex, viewer, entity, { includeArchived: true })).map(definitionOf);
  const { filter, problems } = customFilterValues(definitions, params);
  if (problems.length > 0) throw customValueError(problems, "query.cf.");
  return filter;
};

/** The `cf.<key>` filters of the client list. */
export const resolveCompanyCustomFilter = (ex: Executor, viewer: Viewer, params: Readonly<Record<string, string>>) =>
  resolveCustomFilter(ex, viewer, "company", params);

/** The `cf.<key>` filters of the deal list and its export. */
export const resolveDealCustomFilter = (ex: Executor, viewer: Viewer, params: Readonly<Record<string, string>>) =>
  resolveCustomFilter(ex, viewer, "deal", params);
