import { updateLeadSettingsSchema, type LeadSettings } from "@conveyor/contracts";

export const settingsFields = [
  "remindAfterMinutes",
  "reassignAfterMinutes",
  "escalateAfterReassignments",
  "defaultLeadCap",
  "formRateLimit",
  "formRateWindowSeconds",
  "undoWindowMinutes",
] as const;
export type SettingsNumberField = (typeof settingsFields)[number];

/** The lead settings form: each number as typed, the Thursday switch as it is. */
export type SettingsDraft = Record<SettingsNumberField, number | string> & { thursdayOff: boolean };

export const draftFromSettings = (settings: LeadSettings): SettingsDraft => ({
  remindAfterMinutes: settings.remindAfterMinutes,
  reassignAfterMinutes: settings.reassignAfterMinutes,
  escalateAfterReassignments: settings.escalateAfterReassignments,
  defaultLeadCap: settings.defaultLeadCap ?? "",
  formRateLimit: settings.formRateLimit,
  formRateWindowSeconds: settings.formRateWindowSeconds,
  undoWindowMinutes: settings.undoWindowMinutes,
  thursdayOff: settings.thursdayOff,
});

const numberOf = (value: number | string): number => (typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value));

export type SettingsPatch = Partial<LeadSettings>;

/**
 * The fields that changed, checked against the same schema the server uses (its ranges live in contracts);
 * or the fields at fault with zod's issue code ("too_small", "too_big", "invalid_type"). An empty default cap is no cap.
 */
export const settingsPatch = (
  settings: LeadSettings,
  draft: SettingsDraft,
): { ok: true; patch: SettingsPatch } | { ok: false; problems: Partial<Record<SettingsNumberField, string>> } => {
  const patch: Record<string, number | boolean | null> = {};
  for (const field of settingsFields) {
    const raw = draft[field];
    const value = field === "defaultLeadCap" && raw === "" ? null : numberOf(raw);
    if (value !== settings[field]) patch[field] = value;
  }
  if (draft.thursdayOff !== settings.thursdayOff) patch["thursdayOff"] = draft.thursdayOff;
  const parsed = updateLeadSettingsSchema.safeParse(patch);
  if (parsed.success) return { ok: true, patch: parsed.data };
  const problems: Partial<Record<SettingsNumberField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = settingsFields.find((name) => name === issue.path[0]);
    if (field && problems[field] === undefined) problems[field] = issue.code === "invalid_type" ? "invalid_type" : issue.code;
  }
  return { ok: false, problems };
};
