import { z } from "zod";
import { idSchema, isoDateTimeSchema, localeSchema } from "./common";
import { personRefSchema } from "./conveyor";
import { roleSchema } from "./users";

/*
 * [anti-leak] (#9): export control (permission per role, approval above a threshold, watermark and trace),
 * masking of client phones and emails with capped reveals, the bulk-read guard, and the offboarding report.
 */

/** What an export holds: client lists, deals, a KPI report, the month's payroll, an import's rejected rows. */
export const exportEntitySchema = z.enum(["companies", "deals", "report", "payroll", "import_errors"]);
export type ExportEntity = z.infer<typeof exportEntitySchema>;
export const exportFormatSchema = z.enum(["xlsx", "csv"]);

// ---------------------------------------------------------------- settings

export const exportControlSettingsSchema = z.object({
  /** Roles allowed to export (admins always may). Off for sellers by default. */
  exportRoles: z.array(roleSchema),
  /** An export of more rows than this needs a head's approval (heads and admins export without asking). */
  approvalThreshold: z.number().int().nonnegative(),
  /** How long an approval (and an unanswered request) stays valid, in hours. */
  approvalValidHours: z.number().int().min(1).max(720),
  /** Roles that see client phones and emails in full; the others see them masked and reveal them one by one. */
  revealRoles: z.array(roleSchema),
  /** Reveals per person per day (the organization's day). */
  revealDailyCap: z.number().int().nonnegative(),
  /** The bulk-read guard: a seller opening more other people's client cards, or listing more rows, in an hour… */
  cardOpensPerHour: z.number().int().min(1),
  listedRowsPerHour: z.number().int().min(1),
  /** …is slowed by this many milliseconds per request (at most 10 s) and the heads are told. */
  slowdownMs: z.number().int().min(0).max(10_000),
  updatedAt: isoDateTimeSchema.nullable(),
});
export type ExportControlSettings = z.infer<typeof exportControlSettingsSchema>;

export const updateExportControlSettingsSchema = z
  .strictObject({
    exportRoles: z.array(roleSchema).max(4),
    approvalThreshold: z.number().int().min(0).max(1_000_000),
    approvalValidHours: z.number().int().min(1).max(720),
    revealRoles: z.array(roleSchema).max(4),
    revealDailyCap: z.number().int().min(0).max(100_000),
    cardOpensPerHour: z.number().int().min(1).max(100_000),
    listedRowsPerHour: z.number().int().min(1).max(10_000_000),
    slowdownMs: z.number().int().min(0).max(10_000),
  })
  .partial();
export type UpdateExportControlSettings = z.infer<typeof updateExportControlSettingsSchema>;

// ---------------------------------------------------------------- approvals

export const exportRequestStatusSchema = z.enum(["pending", "approved", "rejected", "downloaded", "expired"]);
export type ExportRequestStatus = z.infer<typeof exportRequestStatusSchema>;

/**
 * The query string of the export route (`/companies/export`, `/deals/export`, `/kpi/export`, `/pay/export`; for an
 * import's error report `{ importId }`), checked by that route's schema.
 */
const exportQuerySchema = z.record(z.string().max(100), z.string().max(500)).refine((q) => Object.keys(q).length <= 40, { message: "At most 40 parameters" });

export const createExportRequestSchema = z.strictObject({
  entity: exportEntitySchema,
  query: exportQuerySchema.default({}),
  reason: z.string().trim().max(500).optional(),
});
export type CreateExportRequest = z.infer<typeof createExportRequestSchema>;

export const exportRequestSchema = z.object({
  id: idSchema,
  entity: exportEntitySchema,
  format: exportFormatSchema,
  locale: localeSchema,
  query: z.record(z.string(), z.string()),
  rows: z.number().int().nonnegative(),
  reason: z.string().nullable(),
  status: exportRequestStatusSchema,
  requester: personRefSchema,
  decidedBy: personRefSchema.nullable(),
  decidedAt: isoDateTimeSchema.nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: isoDateTimeSchema.nullable(),
  downloadedAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export const listExportRequestsQuerySchema = z.strictObject({
  status: exportRequestStatusSchema.optional(),
  /** Heads and admins: only their own requests (they see everyone's by default). */
  mine: z.enum(["true", "false"]).optional(),
});
export const exportRequestListSchema = z.object({ items: z.array(exportRequestSchema) });
export type ExportRequestList = z.infer<typeof exportRequestListSchema>;

export const decideExportRequestSchema = z.strictObject({ note: z.string().trim().max(500).optional() });

// ---------------------------------------------------------------- the log and the trace

export const exportLogEntrySchema = z.object({
  id: idSchema,
  user: personRefSchema,
  entity: exportEntitySchema,
  format: z.string(),
  rows: z.number().int(),
  filter: z.record(z.string(), z.unknown()),
  fileHash: z.string().nullable(),
  watermark: z.string().nullable(),
  requestId: idSchema.nullable(),
  at: isoDateTimeSchema,
});
export type ExportLogEntry = z.infer<typeof exportLogEntrySchema>;
export const exportLogQuerySchema = z.strictObject({
  userId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const exportLogListSchema = z.object({ items: z.array(exportLogEntrySchema) });

export const exportTraceQuerySchema = z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/i, "A SHA-256 in hex") });
export const exportTraceSchema = z.object({
  /** How the file was recognized: its exact bytes, or the mark inside a changed copy. */
  match: z.enum(["hash", "mark"]).nullable(),
  export: exportLogEntrySchema.nullable(),
});
export type ExportTrace = z.infer<typeof exportTraceSchema>;

// ---------------------------------------------------------------- reveals

export const revealRequestSchema = z
  .strictObject({
    contactId: idSchema.optional(),
    leadId: idSchema.optional(),
    field: z.enum(["phones", "emails"]),
  })
  .superRefine((r, ctx) => {
    if ((r.contactId === undefined) === (r.leadId === undefined)) ctx.addIssue({ code: "custom", message: "Name a contact or a lead", path: ["contactId"] });
  });
export type RevealRequest = z.infer<typeof revealRequestSchema>;
export const revealSchema = z.object({ values: z.array(z.string()), remainingToday: z.number().int().nonnegative() });
export type Reveal = z.infer<typeof revealSchema>;

/** What the signed-in person's screens need to know: whether they see contacts masked, and may export. */
export const exportControlMeSchema = z.object({
  masked: z.boolean(),
  mayExport: z.boolean(),
  approvalThreshold: z.number().int().nonnegative(),
  revealsLeftToday: z.number().int().nonnegative(),
});
export type ExportControlMe = z.infer<typeof exportControlMeSchema>;

// ---------------------------------------------------------------- offboarding

export const offboardSchema = z.strictObject({
  /** Where the clients go: by the routing rules, or spread over chosen people. */
  mode: z.enum(["rules", "manual"]).default("rules"),
  toUserIds: z.array(idSchema).min(1).max(200).optional(),
  reason: z.string().trim().min(1).max(500),
});
export type Offboard = z.infer<typeof offboardSchema>;

export const offboardingReportSchema = z.object({
  user: personRefSchema.extend({ email: z.string(), status: z.string(), deactivatedAt: isoDateTimeSchema.nullable() }),
  since: isoDateTimeSchema,
  until: isoDateTimeSchema,
  cardOpens: z.object({
    total: z.number().int(),
    otherClients: z.number().int(),
    clients: z.array(z.object({ company: personRefSchema, opens: z.number().int(), own: z.boolean(), lastAt: isoDateTimeSchema })),
  }),
  exports: z.array(exportLogEntrySchema),
  reveals: z.object({
    total: z.number().int(),
    items: z.array(z.object({ targetKind: z.enum(["contact", "lead"]), targetId: idSchema, field: z.enum(["phones", "emails"]), company: personRefSchema.nullable(), at: isoDateTimeSchema })),
  }),
  /** Rows listed and hours over the bulk-read line, in the period. */
  listedRows: z.number().int(),
  hoursAlerted: z.number().int(),
  /** What is still theirs now (after the handover: nothing, unless nobody could take it). */
  stillOwned: z.object({ clients: z.number().int(), openTasks: z.number().int() }),
});
export type OffboardingReport = z.infer<typeof offboardingReportSchema>;

export const offboardResultSchema = z.object({
  redistributionId: idSchema.nullable(),
  clients: z.number().int(),
  deals: z.number().int(),
  tasks: z.number().int(),
  report: offboardingReportSchema,
});
export type OffboardResult = z.infer<typeof offboardResultSchema>;
