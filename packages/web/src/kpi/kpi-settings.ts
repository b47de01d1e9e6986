import { kpiWidgets, type KpiWidget } from "@conveyor/contracts";

/** The TV mode's refresh, in seconds, as the API accepts it. */
export const tvRefreshLimits = { min: 10, max: 3600 } as const;

export type SettingsDraft = { widgets: KpiWidget[]; tvRefreshSeconds: number | string };

/** The draft as the API takes it, or null while it cannot be saved (no widget, a refresh out of range). */
export const settingsOfDraft = (draft: SettingsDraft): { widgets: KpiWidget[]; tvRefreshSeconds: number } | null => {
  const seconds = typeof draft.tvRefreshSeconds === "number" ? draft.tvRefreshSeconds : Number(draft.tvRefreshSeconds);
  if (draft.widgets.length === 0 || !Number.isInteger(seconds) || seconds < tvRefreshLimits.min || seconds > tvRefreshLimits.max) return null;
  return { widgets: kpiWidgets.filter((w) => draft.widgets.includes(w)), tvRefreshSeconds: seconds };
};

