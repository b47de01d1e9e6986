import { asc } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Db } from "../db/database";
import { organizations } from "../db/schema";
import { checkRollups, rebuildRollups } from "../repositories/kpi-rollup.repository";

/**
 * The rollups' consistency check (DESIGN.md): each rebuilt from the raw tables and compared; on
 * request, replaced by the rebuilt figures in one transaction. Also `npm run kpi:check` (checkEveryOrganization).
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

/**
 * `npm run kpi:check`: every organization checked (and, with `rebuild`, the differing ones rebuilt, one transaction
 * each), a line per organization and rollup told to `say`. `differing` counts the rollups still wrong at the end.
 */
export const checkEveryOrganization = async (
  db: Db,
  options: { rebuild: boolean; say: (line: string) => void },
): Promise<{ organizations: number; differing: number }> => {
  const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.createdAt));
  let differing = 0;
  for (const org of orgs) {
    const started = performance.now();
    let checks = await checkRollups(db, org.id);
    let rebuilt = false;
    if (options.rebuild && checks.some((c) => c.mismatches > 0)) {
      await db.transaction(async (tx) => rebuildRollups(tx, org.id));
      checks = await checkRollups(db, org.id);
      rebuilt = true;
    }
    const bad = checks.filter((c) => c.mismatches > 0).length;
    differing += bad;
    const ms = Math.round(performance.now() - started);
    options.say(`${org.name} (${org.id}): ${bad === 0 ? "exact" : `${bad} rollup(s) differ`}${rebuilt ? ", rebuilt" : ""} in ${ms} ms`);
    for (const check of checks) options.say(`  ${check.name}: ${check.rows} rows, ${check.mismatches} differing`);
  }
  if (orgs.length === 0) options.say("No organizations yet.");
  return { organizations: orgs.length, differing };
};
