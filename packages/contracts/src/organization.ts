import { z } from "zod";
import { idSchema, isoDateTimeSchema, localeSchema } from "./common";

/** Countries with their own working-day calendar; everything else is OTHER. */
export const countries = ["RU", "IR", "OTHER"] as const;
export const countrySchema = z.enum(countries);
export type Country = z.infer<typeof countrySchema>;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Expected HH:MM (24-hour)");

const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Unknown IANA time zone");

const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "Expected an ISO 4217 code such as RUB, IRR or USD");

export const workingHoursSchema = z
  .strictObject({ start: timeOfDay, end: timeOfDay })
  .refine((h) => h.start < h.end, { message: "The working day must end after it starts", path: ["end"] });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const organizationSchema = z.object({
  id: idSchema,
  name: z.string(),
  country: countrySchema,
  timeZone: z.string(),
  currency: z.string(),
  /** Null: each person's browser decides until someone chooses. */
  defaultLocale: localeSchema.nullable(),
  workingHours: workingHoursSchema,
  createdAt: isoDateTimeSchema,
});
export type Organization = z.infer<typeof organizationSchema>;

export const updateOrganizationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  country: countrySchema.optional(),
  timeZone: timeZoneSchema.optional(),
  currency: currencySchema.optional(),
  defaultLocale: localeSchema.nullable().optional(),
  workingHours: workingHoursSchema.optional(),
});
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;

/** What a new organization gets when the country is chosen, before anyone edits it. */
export const countryDefaults: Record<Country, { timeZone: string; currency: string; defaultLocale: "ru" | "en" | "fa" }> = {
  RU: { timeZone: "Europe/Moscow", currency: "RUB", defaultLocale: "ru" },
  IR: { timeZone: "Asia/Tehran", currency: "IRR", defaultLocale: "fa" },
  OTHER: { timeZone: "UTC", currency: "USD", defaultLocale: "en" },
};
