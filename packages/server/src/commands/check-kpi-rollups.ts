import type { AppContext } from "../context";
import { checkRollups, rebuildRollups } from "../repositories/kpi-rollup.repository";

/**
 * The rollups' consistency check (DESIGN.md): each rebuilt from the raw tables and compared; on
 * request, replaced by the rebuilt figures in one transaction. Also `npm run kpi:check`.
 */
export const checkKpiRollups = async (
  context: AppContext,
  organizationId: string,
  options: { rebuild: boolean },
): Promise<{ rollups: Array<{ name: string; rows: number; mismatches: number }>; exact: boolean; rebuilt: boolean }> => {
  const { db } = context.database;
  const rollups = await checkRollups(db, organizationId);
  const exact = rollups.every((r) => r.mismatches === 0);
  if (!options.rebuild || exact) return { rollups, exact, rebuilt: false };
  await db.transaction(async (tx) => rebuildRollups(tx, organizationId));
  return { rollups: await checkRollups(db, organizationId), exact: false, rebuilt: true };
};
