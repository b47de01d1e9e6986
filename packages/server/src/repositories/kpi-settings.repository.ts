import { kpiWidgets, type KpiWidget } from "@conveyor/contracts";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { kpiSettings } from "../db/schema";

/** The widgets a business puts on its dashboard (M5.1); every widget until the head chooses. */
export const loadKpiSettings = async (ex: Executor, organizationId: string): Promise<{ widgets: KpiWidget[]; tvRefreshSeconds: number }> => {
  const rows = await ex.select().from(kpiSettings).where(eq(kpiSettings.organizationId, organizationId));
  const row = rows[0];
  if (!row) return { widgets: [...kpiWidgets], tvRefreshSeconds: 60 };
  const known = new Set<string>(kpiWidgets);
  return { widgets: row.widgets.filter((w): w is KpiWidget => known.has(w)), tvRefreshSeconds: row.tvRefreshSeconds };
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
