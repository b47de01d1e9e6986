import { z } from "zod";
import { idSchema, isoDateTimeSchema, localeSchema, pageOf, pageQuerySchema } from "./common";
import { dealItemSchema } from "./deal-items";
import { customValuesInputSchema, customValuesSchema } from "./custom-fields";

/** Open stages move a deal forward; a won or lost stage closes it. */
export const stageKinds = ["open", "won", "lost"] as const;
export const stageKindSchema = z.enum(stageKinds);
export type StageKind = z.infer<typeof stageKindSchema>;

export const stageSchema = z.object({
  id: idSchema,
  name: z.string(),
  position: z.number().int(),
  /** Chance, in percent, that a deal in this stage is won: weights the forecast. */
  probability: z.number().int().min(0).max(100),
  kind: stageKindSchema,
});
export type Stage = z.infer<typeof stageSchema>;

export const pipelineSchema = z.object({
  id: idSchema,
  name: z.string(),
  isDefault: z.boolean(),
  stages: z.array(stageSchema),
});
export type Pipeline = z.infer<typeof pipelineSchema>;
export const pipelineListSchema = z.object({ items: z.array(pipelineSchema) });

const stageInputSchema = z.strictObject({
  /** Present for an existing stage (rename, reorder, new probability); absent for a new one. */
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(100),
  probability: z.number().int().min(0).max(100),
  kind: stageKindSchema.default("open"),
});

const stagesInputSchema = z
  .array(stageInputSchema)
  .min(3)
  .max(30)
  .refine((stages) => stages.some((s) => s.kind === "won") && stages.some((s) => s.kind === "lost"), {
    message: "A pipeline needs a won stage and a lost stage",
  });

/** Stages in the order given; a stage left out is removed, which is refused while deals sit in it. */
export const savePipelineSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  stages: stagesInputSchema,
  isDefault: z.boolean().optional(),
});
export type SavePipeline = z.input<typeof savePipelineSchema>;

export const dealStatuses = ["open", "won", "lost"] as const;
export const dealStatusSchema = z.enum(dealStatuses);
export type DealStatus = z.infer<typeof dealStatusSchema>;

const isoDateSchema = z.iso.date();

export const dealSchema = z.object({
  id: idSchema,
  title: z.string(),
  companyId: idSchema,
  companyName: z.string(),
  pipelineId: idSchema,
  stageId: idSchema,
  stageName: z.string(),
  status: dealStatusSchema,
  /** In minor units of `currency` (kopecks for RUB). */
  amountMinor: z.number().int(),
  currency: z.string(),
  expectedCloseDate: isoDateSchema.nullable(),
  ownerId: idSchema,
  ownerName: z.string(),
  lostReason: z.string().nullable(),
  /** M1.4: the day the acceptance act of the deal was signed (L2 → L3 handover reads it). */
  acceptanceSignedOn: isoDateSchema.nullable(),
  /** Values of the organization's custom fields, by key. */
  custom: customValuesSchema,
  stageEnteredAt: isoDateTimeSchema,
  closedAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
});
export type Deal = z.infer<typeof dealSchema>;
export const dealPageSchema = pageOf(dealSchema);
export type DealPage = z.infer<typeof dealPageSchema>;

export const stageVisitSchema = z.object({
  stageId: idSchema,
  stageName: z.string(),
  enteredAt: isoDateTimeSchema,
  leftAt: isoDateTimeSchema.nullable(),
  /** Time spent in the stage so far, in seconds. */
  seconds: z.number().int(),
  movedByName: z.string().nullable(),
});
export type StageVisit = z.infer<typeof stageVisitSchema>;

/** The board stays light: a deal's product lines come only with its page. */
export const dealDetailSchema = z.object({ deal: dealSchema, stageHistory: z.array(stageVisitSchema), items: z.array(dealItemSchema) });
export type DealDetail = z.infer<typeof dealDetailSchema>;

export const listDealsQuerySchema = pageQuerySchema.extend({
  pipelineId: idSchema.optional(),
  stageId: idSchema.optional(),
  companyId: idSchema.optional(),
  ownerId: idSchema.optional(),
  status: dealStatusSchema.optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListDealsQuery = z.infer<typeof listDealsQuerySchema>;

export const exportDealsQuerySchema = listDealsQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  locale: localeSchema.default("en"),
});
export type ExportDealsQuery = z.infer<typeof exportDealsQuerySchema>;

export const boardColumnSchema = z.object({
  stage: stageSchema,
  /** Deals in the column, the largest first (the board shows them virtualized). */
  deals: z.array(dealSchema),
  count: z.number().int(),
  sumMinor: z.number().int(),
  nextCursor: z.string().nullable(),
});
export const boardSchema = z.object({ pipeline: pipelineSchema, columns: z.array(boardColumnSchema) });
export type Board = z.infer<typeof boardSchema>;

export const boardQuerySchema = z.strictObject({
  perStage: z.coerce.number().int().min(1).max(200).default(50),
  ownerId: idSchema.optional(),
});

export const createDealSchema = z.strictObject({
  companyId: idSchema,
  title: z.string().trim().min(1).max(300),
  /** Defaults to the organization's default pipeline and its first stage. */
  pipelineId: idSchema.optional(),
  stageId: idSchema.optional(),
  amountMinor: z.number().int().min(0).max(1e15).default(0),
  currency: z.string().regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code").optional(),
  expectedCloseDate: isoDateSchema.nullable().optional(),
  ownerId: idSchema.optional(),
  custom: customValuesInputSchema.optional(),
});
export type CreateDeal = z.input<typeof createDealSchema>;

export const updateDealSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  amountMinor: z.number().int().min(0).max(1e15).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code").optional(),
  expectedCloseDate: isoDateSchema.nullable().optional(),
  ownerId: idSchema.optional(),
  acceptanceSignedOn: isoDateSchema.nullable().optional(),
  custom: customValuesInputSchema.optional(),
});
export type UpdateDeal = z.infer<typeof updateDealSchema>;

/** Moving to a lost stage needs the reason (M5.15: where and why clients are lost). */
export const moveDealSchema = z.strictObject({
  stageId: idSchema,
  lostReason: z.string().trim().min(1).max(500).optional(),
});
export type MoveDeal = z.infer<typeof moveDealSchema>;
