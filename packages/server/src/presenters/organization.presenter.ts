import { countrySchema, localeSchema, type Organization } from "@conveyor/contracts";
import type { OrganizationRow } from "../repositories/organization.repository";

export const presentOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  country: countrySchema.parse(row.country),
  timeZone: row.timeZone,
  currency: row.currency,
  defaultLocale: row.defaultLocale === null ? null : localeSchema.parse(row.defaultLocale),
  workingHours: { start: row.workStart, end: row.workEnd },
  createdAt: row.createdAt.toISOString(),
});
