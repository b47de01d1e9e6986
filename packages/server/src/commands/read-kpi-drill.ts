import type { DashboardQuery } from "@conveyor/contracts";
import { z } from "zod";
import type { AppContext } from "../context";
import { loadKpiContext } from "../kpi/kpi-context";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { resolvePeriod } from "../kpi/org-calendar";
import { resolveKpiScope } from "../kpi/kpi-scope";
import { drillRows, type DrillMetric } from "../repositories/kpi-drill.repository";
import type { Viewer } from "../scope";

const drillCursorSchema = z.object({ key: z.string().regex(/^\d{4}-\d{2}-\d{2}/), id: z.uuid() });

/** The records behind one dashboard number, for the same scope and period (every report drills down). */
export const readKpiDrill = async (
  context: AppContext,
  viewer: Viewer,
  query: DashboardQuery & { metric: DrillMetric; limit: number; cursor?: string | undefined },
) => {
  const { db } = context.database;
  const org = viewer.organizationId;
  const { cal, people } = await loadKpiContext(db, org, context.now());
  const period = resolvePeriod(cal, query.periodKind, query.period);
  const scope = resolveKpiScope(viewer, query.scope, people.members, people.teams);
  const after = decodeCursor(query.cursor, (value) => drillCursorSchema.safeParse(value).data);

  const rows = await drillRows(db, org, cal.timeZone, scope.userIds, query.metric, { from: period.start, to: period.end }, {
    limit: query.limit,
    after: after ? { at: after.key, id: after.id } : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ at: _at, ...row }) => row),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.at, id: last.id }) : null,
  };
};
