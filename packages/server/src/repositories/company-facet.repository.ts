import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import type { Viewer } from "../scope";
import { overseenUserIds, seesEverything, visibleBeyondOwners } from "./visibility";

/*
 * The M5.4 views' counts read the rollup company_facet_counts (kept by statement triggers on
 * companies, migration 0002) for the owners in the viewer's scope, and count live only the few
 * clients shared with the viewer from outside it. A plain GROUP BY over 200k clients took
 * seconds; the rollup stays a few hundred rows per owner.
 */

export type FacetCountRow = { field: string; value: string; label: string; count: number };

const segmentValues = (alias: SQL): SQL => sql`(values
  ('status', ${alias}.status), ('temperature', ${alias}.temperature), ('level', ${alias}.level),
  ('region', ${alias}.region), ('industry', ${alias}.industry), ('audience', ${alias}.audience),
  ('channel', ${alias}.channel), ('owner', ${alias}.owner_id::text)) as v(field, value)`;

/** The owners whose clients the viewer sees whole; null = everyone in the organization. */
const ownersInScope = (viewer: Viewer): SQL | null => {
  if (seesEverything(viewer)) return null;
  return viewer.role === "team_lead" ? overseenUserIds(viewer) : sql`(select ${viewer.userId}::uuid)`;
};

/** Every field's counts, or only one field's (a list's total needs one, on every first page). */
export const facetCountsInScope = async (ex: Executor, viewer: Viewer, onlyField?: string): Promise<FacetCountRow[]> => {
  const only = onlyField === undefined ? sql`true` : sql`field = ${onlyField}`;
  const owners = ownersInScope(viewer);
  const fromRollup = owners
    ? sql`f.owner_id in ${owners}`
    : sql`true`;
  // Owners' counts come from the rollup's status rows: every client has exactly one status. The
  // clients visible from outside those owners (shared, a giver's grace period, the matrix) are counted live.
  const shared = owners
    ? sql`union all
        select v.field, coalesce(v.value, '') as value, count(*)::integer as count
        from companies
        cross join lateral ${segmentValues(sql.raw("companies"))}
        where ${visibleBeyondOwners(viewer)} and companies.owner_id not in ${owners}
        group by 1, 2`
    : sql``;
  const result = await ex.execute<{ field: string; value: string; label: string | null; count: number }>(sql`
    with counted as (
      select f.field, f.value, f.count
      from company_facet_counts f
      where f.organization_id = ${viewer.organizationId} and ${fromRollup} and f.count > 0
      union all
      select 'owner', f.owner_id::text, f.count
      from company_facet_counts f
      where f.organization_id = ${viewer.organizationId} and ${fromRollup} and f.field = 'status' and f.count > 0
      ${shared}
    ), wanted as (select * from counted where ${only})
    select t.field, t.value, u.name as label, t.count::integer as count
    from (select field, value, sum(count) as count from wanted group by field, value having sum(count) > 0) t
    left join users u on t.field = 'owner' and u.id::text = t.value`);
  return result.rows.map((r) => ({ field: r.field, value: r.value, label: r.label ?? r.value, count: Number(r.count) }));
};

/**
 * The consistency check of the rollup: every (owner, field, value) whose stored count differs
 * from a live count over companies. Empty when the triggers kept it exact.
 */
export const companyFacetDrift = async (
  ex: Executor,
  organizationId: string,
): Promise<{ ownerId: string; field: string; value: string; stored: number; actual: number }[]> => {
  const result = await ex.execute<{ owner_id: string; field: string; value: string; stored: number; actual: number }>(sql`
    with actual as (
      select c.owner_id, v.field, coalesce(v.value, '') as value, count(*)::integer as count
      from companies c cross join lateral ${segmentValues(sql.raw("c"))}
      where c.organization_id = ${organizationId} and v.field <> 'owner'
      group by 1, 2, 3
    ), stored as (
      select owner_id, field, value, count from company_facet_counts where organization_id = ${organizationId} and count <> 0
    )
    select coalesce(a.owner_id, s.owner_id) as owner_id, coalesce(a.field, s.field) as field,
           coalesce(a.value, s.value) as value, coalesce(s.count, 0) as stored, coalesce(a.count, 0) as actual
    from actual a full join stored s on s.owner_id = a.owner_id and s.field = a.field and s.value = a.value
    where coalesce(s.count, 0) <> coalesce(a.count, 0)`);
  return result.rows.map((r) => ({ ownerId: r.owner_id, field: r.field, value: r.value, stored: Number(r.stored), actual: Number(r.actual) }));
};
