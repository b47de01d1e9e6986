import { z } from "zod";

/** Languages the product speaks. Persian lays out right to left. */
export const locales = ["ru", "en", "fa"] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;

export const rtlLocales: ReadonlySet<Locale> = new Set(["fa"]);

export const idSchema = z.uuid();

export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Cursor pagination: the page size is capped so no list can be pulled whole in one request. */
export const maxPageSize = 100;
export const defaultPageSize = 50;

export const pageQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().nonnegative(),
    /** False when `total` is a lower bound (the list was not counted with this page; see its count route). */
    totalExact: z.boolean().optional(),
  });

export const idParamsSchema = z.strictObject({ id: idSchema });
