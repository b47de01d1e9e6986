import { kpiWidgets, type KpiWidget } from "@conveyor/contracts";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { kpiSettings } from "../db/schema";

/** The widgets a business puts on its dashboard (M5.1); every widget until the head chooses. */
export const loadKpiSettings = async (ex: Executor, organizationId: string): Promise<KpiSettingsValue> =>
  kpiSettingsOf((await ex.execute<RawKpiSettings>(kpiSettingsQuery(organizationId))).rows[0] ?? null);

export type KpiSettingsValue = { widgets: KpiWidget[]; tvRefreshSeconds: number };
export type RawKpiSettings = { widgets: string[]; tv_refresh_seconds: number };

/** The settings row, as a statement of its own or part of a larger one (the dashboard's). */
export const kpiSettingsQuery = (organizationId: string): SQL =>
  sql`select widgets, tv_refresh_seconds from kpi_settings where organization_id = ${organizationId}`;

export const kpiSettingsOf = (row: RawKpiSettings | null): KpiSettingsValue => {
  if (!row) return { widgets: [...kpiWidgets], tvRefreshSeconds: 60 };
  const known = new Set<string>(kpiWidgets);
  return { widgets: row.widgets.filter((w): w is KpiWidget => known.has(w)), tvRefreshSeconds: Number(row.tv_refresh_seconds) };
};

export const saveKpiSettings = async (
  ex: Executor,
  organizationId: string,
  values: { widgets: KpiWidget[]; tvRefreshSeconds: number },
  now: Date,
): Promise<void> => {
  await ex
    .insert(kpiSettings)
    .values({ organizationId, widgets: values.widgets, tvRefreshSeconds: values.tvRefreshSeconds, updatedAt: now })
    .onConflictDoUpdate({
      target: kpiSettings.organizationId,
      set: { widgets: sql`excluded.widgets`, tvRefreshSeconds: sql`excluded.tv_refresh_seconds`, updatedAt: now },
    });
};
