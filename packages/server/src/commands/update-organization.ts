import type { UpdateOrganization } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { updateOrganization as updateOrganizationRow, type OrganizationPatch, type OrganizationRow } from "../repositories/organization.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

export const updateOrganization = async (
  context: AppContext,
  viewer: Viewer,
  input: UpdateOrganization,
): Promise<OrganizationRow> => {
  const patch: OrganizationPatch = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.country !== undefined && { country: input.country }),
    ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
    ...(input.currency !== undefined && { currency: input.currency }),
    ...(input.defaultLocale !== undefined && { defaultLocale: input.defaultLocale }),
    ...(input.workingHours !== undefined && { workStart: input.workingHours.start, workEnd: input.workingHours.end }),
  };
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const row = await updateOrganizationRow(tx, viewer, patch, now);
    if (!row) throw notFound("The organization");
    await auditAs(tx, viewer, "settings_changed", now, { kind: "organization", id: viewer.organizationId }, { changed: Object.keys(patch) });
    return row;
  });
};
