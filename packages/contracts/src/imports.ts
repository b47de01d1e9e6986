import { z } from "zod";
import { idSchema, isoDateTimeSchema, pageOf, pageQuerySchema } from "./common";

/** What a file can bring in: clients (with a first contact), contacts of existing clients, deals. */
export const importEntities = ["companies", "contacts", "deals"] as const;
export const importEntitySchema = z.enum(importEntities);
export type ImportEntity = z.infer<typeof importEntitySchema>;

/** The fields a column can be mapped to, per entity. Phones and emails may come from several columns. */
export const importTargets = {
  companies: [
    "name",
    "legalId",
    "region",
    "industry",
    "audience",
    "channel",
    "status",
    "temperature",
    "level",
    "owner",
    "tags",
    "contactName",
    "contactFirstName",
    "contactLastName",
    "contactPosition",
    "phone",
    "email",
  ],
  contacts: ["company", "companyLegalId", "name", "firstName", "lastName", "position", "phone", "email", "decisionMaker"],
  deals: [
    "title",
    "company",
    "companyLegalId",
    "pipeline",
    "stage",
    "amount",
    "currency",
    "expectedCloseDate",
    "owner",
    "lostReason",
  ],
} as const satisfies Record<ImportEntity, readonly string[]>;
export type ImportTarget = (typeof importTargets)[ImportEntity][number];

/** Targets that must be mapped before an import can start. */
export const requiredImportTargets: Record<ImportEntity, ReadonlyArray<ImportTarget>> = {
  companies: ["name"],
  contacts: [],
  deals: ["title"],
};

/** Targets that several columns may feed (their values are merged). */
export const repeatableImportTargets: ReadonlySet<ImportTarget> = new Set(["phone", "email"]);

/** Export files of the CRMs people move from, recognized by their headers. */
export const importPresets = ["amocrm", "bitrix24"] as const;
export const importPresetSchema = z.enum(importPresets);
export type ImportPreset = z.infer<typeof importPresetSchema>;

export const onDuplicateSchema = z.enum(["skip", "update"]);
export type OnDuplicate = z.infer<typeof onDuplicateSchema>;

export const importStatusSchema = z.enum(["draft", "running", "done", "failed"]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const createImportQuerySchema = z.strictObject({
  entity: importEntitySchema,
  fileName: z.string().trim().min(1).max(255),
});
export type CreateImportQuery = z.infer<typeof createImportQuerySchema>;

/** The column → field mapping, one entry per column of the file (null = not imported). */
export const importMappingSchema = z.array(z.string().max(60).nullable()).max(200);

export const startImportSchema = z.strictObject({
  mapping: importMappingSchema,
  onDuplicate: onDuplicateSchema,
});
export type StartImport = z.infer<typeof startImportSchema>;

export const importJobSchema = z.object({
  id: idSchema,
  entity: importEntitySchema,
  fileName: z.string(),
  status: importStatusSchema,
  preset: importPresetSchema.nullable(),
  headers: z.array(z.string()),
  /** The first rows of the file, for the preview. */
  sample: z.array(z.array(z.string())),
  /** The mapping in force (after start) or suggested (a draft). */
  mapping: z.array(z.string().nullable()),
  onDuplicate: onDuplicateSchema,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  skippedCount: z.number().int(),
  errorCount: z.number().int(),
  /** When the same file (by content) was imported before, when that was. */
  sameFileImportedAt: isoDateTimeSchema.nullable(),
  createdByName: z.string(),
  createdAt: isoDateTimeSchema,
  startedAt: isoDateTimeSchema.nullable(),
  finishedAt: isoDateTimeSchema.nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPageSchema = pageOf(importJobSchema.omit({ headers: true, sample: true, mapping: true }));
export type ImportJobPage = z.infer<typeof importJobPageSchema>;

export const importRowOutcomeSchema = z.enum(["created", "updated", "skipped", "error"]);
export type ImportRowOutcome = z.infer<typeof importRowOutcomeSchema>;

/** Why a row was not imported: each is translated in the report. */
export const importRowCodes = [
  "required",
  "too_long",
  "invalid_value",
  "invalid_phone",
  "invalid_email",
  "invalid_amount",
  "invalid_date",
  "invalid_currency",
  "legal_id_taken",
  "owner_unknown",
  "company_not_found",
  "company_ambiguous",
  "pipeline_unknown",
  "stage_unknown",
  "lost_reason_required",
  "row_failed",
] as const;
export type ImportRowCode = (typeof importRowCodes)[number];

export const importRowSchema = z.object({
  /** 1-based, counting the header as row 1 — what the person sees in their spreadsheet. */
  rowNumber: z.number().int(),
  outcome: importRowOutcomeSchema,
  entityId: idSchema.nullable(),
  /** Where the row went: the client card to open (for contacts and deals, their client). */
  companyId: idSchema.nullable(),
  code: z.enum(importRowCodes).nullable(),
  /** The mapped field at fault (an import target). */
  field: z.string().nullable(),
  message: z.string().nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importRowsQuerySchema = pageQuerySchema.extend({
  outcome: importRowOutcomeSchema.optional(),
});
export type ImportRowsQuery = z.infer<typeof importRowsQuerySchema>;

export const importRowPageSchema = pageOf(importRowSchema);
export type ImportRowPage = z.infer<typeof importRowPageSchema>;

/** Largest file accepted; 100k rows of a typical CRM export fit well below it. */
export const maxImportBytes = 50 * 1024 * 1024;
export const maxImportRows = 200_000;
