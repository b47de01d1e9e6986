import { eq } from "drizzle-orm";
import type { Executor } from "../db/database";
import { organizations } from "../db/schema";
import type { Viewer } from "../scope";
import { forgetIntake } from "./intake-cache";

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganizationRow = typeof organizations.$inferInsert;
export type OrganizationPatch = Partial<
  Pick<OrganizationRow, "name" | "country" | "timeZone" | "currency" | "defaultLocale" | "workStart" | "workEnd">
>;

/** The viewer's own organization; there is no way to name another. */
export const findOrganization = async (ex: Executor, viewer: Viewer): Promise<OrganizationRow | undefined> => {
  const rows = await ex.select().from(organizations).where(eq(organizations.id, viewer.organizationId));
  return rows[0];
};

export const updateOrganization = async (
  ex: Executor,
  viewer: Viewer,
  patch: OrganizationPatch,
  now: Date,
): Promise<OrganizationRow | undefined> => {
  forgetIntake(viewer.organizationId);
  const rows = await ex
    .update(organizations)
    .set({ ...patch, updatedAt: now })
    .where(eq(organizations.id, viewer.organizationId))
    .returning();
  return rows[0];
};
