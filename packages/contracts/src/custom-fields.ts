import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "./common";

/** Which records a custom field belongs to. */
export const customFieldEntities = ["company", "deal"] as const;
export const customFieldEntitySchema = z.enum(customFieldEntities);
export type CustomFieldEntity = z.infer<typeof customFieldEntitySchema>;

export const customFieldTypes = ["text", "number", "date", "select"] as const;
export const customFieldTypeSchema = z.enum(customFieldTypes);
export type CustomFieldType = z.infer<typeof customFieldTypeSchema>;

/** Keys are slugs of the first label: lower-case ASCII, digits and `_`, starting with a letter. */
export const customFieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Expected a custom field key");

export const customFieldSchema = z.object({
  id: idSchema,
  entity: customFieldEntitySchema,
  /** Stable: values live under it and list filters name it (`cf.<key>`); never changes. */
  key: z.string(),
  label: z.string(),
  /** Fixed at creation. */
  type: customFieldTypeSchema,
  /** The choices of a select field, in order; empty for the other types. */
  options: z.array(z.string()),
  position: z.number().int(),
  archived: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type CustomField = z.infer<typeof customFieldSchema>;
export const customFieldListSchema = z.object({ items: z.array(customFieldSchema) });

export const listCustomFieldsQuerySchema = z.strictObject({
  entity: customFieldEntitySchema,
  includeArchived: z.enum(["true", "false"]).optional(),
});

const labelSchema = z.string().trim().min(1).max(100);
const optionsSchema = z
  .array(z.string().trim().min(1).max(100))
  .max(100)
  .refine((options) => new Set(options).size === options.length, { message: "Options must differ" });

export const createCustomFieldSchema = z
  .strictObject({
    entity: customFieldEntitySchema,
    label: labelSchema,
    type: customFieldTypeSchema,
    options: optionsSchema.optional(),
  })
  .superRefine((field, ctx) => {
    const count = field.options?.length ?? 0;
    if (field.type === "select" && count === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "A select field needs options" });
    if (field.type !== "select" && count > 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Only a select field has options" });
  });
export type CreateCustomField = z.infer<typeof createCustomFieldSchema>;

/**
 * The key and the type never change. Options may be removed: values already stored stay and are
 * shown as they are, but cannot be chosen again. Archiving hides the field from forms and lists.
 */
export const updateCustomFieldSchema = z.strictObject({
  label: labelSchema.optional(),
  options: optionsSchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  archived: z.boolean().optional(),
});
export type UpdateCustomField = z.infer<typeof updateCustomFieldSchema>;

/** A stored value: text, a number, a date as YYYY-MM-DD, or one of a select's options. */
export const customValueSchema = z.union([z.string(), z.number()]);
export type CustomValue = z.infer<typeof customValueSchema>;
export const customValuesSchema = z.record(z.string(), customValueSchema);
export type CustomValues = z.infer<typeof customValuesSchema>;

/** In a create or update: only the keys that change; null removes a value. Checked against the field's type. */
export const customValuesInputSchema = z
  .record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.null()]))
  .refine((values) => Object.keys(values).length <= 200, { message: "Too many custom values" });
export type CustomValuesInput = z.infer<typeof customValuesInputSchema>;

/** List filters on custom fields travel next to the list's own params as `cf.<key>=<value>`. */
export const customFilterPrefix = "cf.";
const customFilterKey = /^cf\.[a-z][a-z0-9_]{0,39}$/;

/**
 * A list's query schema that also takes `cf.<key>=<value>` filters; any other unknown
 * param is still refused, by name. Apply it last: zod refuses to extend a refined schema.
 */
export const withCustomFilters = <Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape, z.core.$strict>) => {
  const known = new Set(Object.keys(schema.shape));
  return schema.catchall(z.string().trim().min(1).max(200)).superRefine((query, ctx) => {
    const unknown = Object.keys(query).filter((key) => !known.has(key) && !customFilterKey.test(key));
    if (unknown.length > 0) ctx.addIssue({ code: "unrecognized_keys", keys: unknown, path: [], message: "Unknown parameters" });
  });
};

/** The `cf.<key>` params of a query, by key. */
export const customFiltersOf = (query: Readonly<Record<string, unknown>>): Record<string, string> => {
  const filters: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (name.startsWith(customFilterPrefix) && typeof value === "string") filters[name.slice(customFilterPrefix.length)] = value;
  }
  return filters;
};
