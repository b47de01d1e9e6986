import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "./common";

/** The lists a view can be saved for. */
export const savedViewEntities = ["companies", "deals"] as const;
export const savedViewEntitySchema = z.enum(savedViewEntities);
export type SavedViewEntity = z.infer<typeof savedViewEntitySchema>;

/**
 * The list's URL query params by name, besides the custom field filters (`cf.<key>`): the
 * client list's filters, sort and open grouping; the deals page's view, pipeline and owner.
 * The server accepts these and the list schemas' own params.
 */
export const savedViewParams: Readonly<Record<SavedViewEntity, readonly string[]>> = {
  companies: ["view", "q", "status", "temperature", "level", "ownerId", "region", "industry", "audience", "channel", "tag", "sort", "order"],
  deals: ["view", "pipeline", "owner", "q", "status", "stageId", "ownerId", "companyId"],
};

export const maxSavedViewParams = 50;

/** The list's URL query params as a string → string map. */
export const savedViewQuerySchema = z
  .record(z.string().min(1).max(60), z.string().max(500))
  .refine((query) => Object.keys(query).length <= maxSavedViewParams, { message: `At most ${maxSavedViewParams} params` });
export type SavedViewQuery = z.infer<typeof savedViewQuerySchema>;

export const savedViewSchema = z.object({
  id: idSchema,
  entity: savedViewEntitySchema,
  name: z.string(),
  query: z.record(z.string(), z.string()),
  /** Shared views are read by everyone in the organization; only admins and heads of sales share. */
  shared: z.boolean(),
  ownerId: idSchema,
  ownerName: z.string(),
  /** Whether the viewer owns it, and so may rename, change or delete it. */
  mine: z.boolean(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;
/** The viewer's own views first, then the views shared by others, each by name. */
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });

export const listSavedViewsQuerySchema = z.strictObject({ entity: savedViewEntitySchema });

const nameSchema = z.string().trim().min(1).max(100);

export const createSavedViewSchema = z.strictObject({
  entity: savedViewEntitySchema,
  name: nameSchema,
  query: savedViewQuerySchema,
  shared: z.boolean().optional(),
});
export type CreateSavedView = z.infer<typeof createSavedViewSchema>;

export const updateSavedViewSchema = z.strictObject({
  name: nameSchema.optional(),
  query: savedViewQuerySchema.optional(),
  shared: z.boolean().optional(),
});
export type UpdateSavedView = z.infer<typeof updateSavedViewSchema>;
