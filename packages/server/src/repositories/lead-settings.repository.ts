import { eq } from "drizzle-orm";
import type { Executor } from "../db/database";
import { leadSettings } from "../db/schema";
import { forgetIntake } from "./intake-cache";

export type LeadSettingsRow = {
  remindAfterMinutes: number;
  reassignAfterMinutes: number;
  escalateAfterReassignments: number;
  defaultLeadCap: number | null;
  formRateLimit: number;
  formRateWindowSeconds: number;
  undoWindowMinutes: number;
  thursdayOff: boolean;
};

/** What an organization works with until its head of sales saves lead settings (the table's defaults). */
export const defaultLeadSettings: LeadSettingsRow = {
  remindAfterMinutes: 5,
  reassignAfterMinutes: 15,
  escalateAfterReassignments: 2,
  defaultLeadCap: null,
  formRateLimit: 10,
  formRateWindowSeconds: 600,
  undoWindowMinutes: 30,
  thursdayOff: false,
};

const columns = {
  remindAfterMinutes: leadSettings.remindAfterMinutes,
  reassignAfterMinutes: leadSettings.reassignAfterMinutes,
  escalateAfterReassignments: leadSettings.escalateAfterReassignments,
  defaultLeadCap: leadSettings.defaultLeadCap,
  formRateLimit: leadSettings.formRateLimit,
  formRateWindowSeconds: leadSettings.formRateWindowSeconds,
  undoWindowMinutes: leadSettings.undoWindowMinutes,
  thursdayOff: leadSettings.thursdayOff,
};

/** The organization's lead settings (M5.5), the defaults when it never saved any. */
export const loadLeadSettings = async (ex: Executor, organizationId: string): Promise<LeadSettingsRow> => {
  const rows = await ex.select(columns).from(leadSettings).where(eq(leadSettings.organizationId, organizationId));
  return rows[0] ?? defaultLeadSettings;
};

export type LeadSettingsPatch = Partial<LeadSettingsRow>;

/** Inserts the row on the first save; later saves change only the fields given. */
export const saveLeadSettings = async (ex: Executor, organizationId: string, patch: LeadSettingsPatch, now: Date): Promise<LeadSettingsRow> => {
  forgetIntake(organizationId);
  const rows = await ex
    .insert(leadSettings)
    .values({ organizationId, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: leadSettings.organizationId, set: { ...patch, updatedAt: now } })
    .returning(columns);
  const row = rows[0];
  if (!row) throw new Error("upsert into lead_settings returned no row");
  return row;
};
