import { eq } from "drizzle-orm";
import type { Executor } from "../db/database";
import { securitySettings } from "../db/schema";
import type { Viewer } from "../scope";

export type SecuritySettingsRow = {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  requireTwoFactor: boolean;
  ipAllowList: string[];
};

/** The organization's sign-in hardening, or null when it never changed the defaults. */
export const readSecuritySettings = async (
  ex: Executor,
  viewer: Pick<Viewer, "organizationId">,
): Promise<SecuritySettingsRow | null> => {
  const rows = await ex
    .select({
      idleTimeoutMinutes: securitySettings.idleTimeoutMinutes,
      absoluteTimeoutHours: securitySettings.absoluteTimeoutHours,
      requireTwoFactor: securitySettings.requireTwoFactor,
      ipAllowList: securitySettings.ipAllowList,
    })
    .from(securitySettings)
    .where(eq(securitySettings.organizationId, viewer.organizationId));
  return rows[0] ?? null;
};

/** Locks the row (when there is one) for a read-modify-write. */
export const lockSecuritySettings = async (ex: Executor, viewer: Viewer): Promise<void> => {
  await ex
    .select({ id: securitySettings.organizationId })
    .from(securitySettings)
    .where(eq(securitySettings.organizationId, viewer.organizationId))
    .for("update");
};

export const saveSecuritySettings = async (ex: Executor, viewer: Viewer, settings: SecuritySettingsRow, now: Date): Promise<void> => {
  const values = { ...settings, updatedById: viewer.userId, updatedAt: now };
  await ex
    .insert(securitySettings)
    .values({ organizationId: viewer.organizationId, ...values })
    .onConflictDoUpdate({ target: securitySettings.organizationId, set: values });
};
