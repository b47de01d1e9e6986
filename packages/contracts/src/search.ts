import { z } from "zod";
import { idSchema } from "./common";
import { levelSchema } from "./crm";
import { dealStatusSchema } from "./deals";

/** Fewer characters than this find nothing (an empty answer, not an error): too many matches to be useful. */
export const searchMinLength = 2;
export const searchMaxLimit = 20;

export const searchQuerySchema = z.strictObject({
  /** Name, phone (any notation), email or legal id; Cyrillic and Persian/Arabic letter variants match alike. */
  q: z.string().trim().max(200),
  limit: z.coerce.number().int().min(1).max(searchMaxLimit).default(5),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchCompanyHitSchema = z.object({
  id: idSchema,
  name: z.string(),
  legalId: z.string().nullable(),
  /** The conveyor's level (M1.1) and whether the client is permanent (M4.2), marked in the box too. */
  level: levelSchema.nullable(),
  permanent: z.boolean(),
});
export type SearchCompanyHit = z.infer<typeof searchCompanyHitSchema>;

export const searchContactHitSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The client to open: a contact lives on its client's card. */
  companyId: idSchema,
  companyName: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
});
export type SearchContactHit = z.infer<typeof searchContactHitSchema>;

export const searchDealHitSchema = z.object({
  id: idSchema,
  title: z.string(),
  companyId: idSchema,
  companyName: z.string(),
  stageName: z.string(),
  status: dealStatusSchema,
  amountMinor: z.number().int(),
  currency: z.string(),
});
export type SearchDealHit = z.infer<typeof searchDealHitSchema>;

/** What the header's search box shows, grouped; each group holds at most `limit` hits. */
export const searchResultsSchema = z.object({
  companies: z.array(searchCompanyHitSchema),
  contacts: z.array(searchContactHitSchema),
  deals: z.array(searchDealHitSchema),
});
export type SearchResults = z.infer<typeof searchResultsSchema>;
