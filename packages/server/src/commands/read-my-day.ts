import type { MyDay, MyDayTask } from "@conveyor/contracts";
import { addDays, dayBounds, localDateOf } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { openDealsByMonth } from "../repositories/kpi-rollup.repository";
import { findPerson } from "../repositories/review-people.repository";
import { reviewOriginOfTasks, sellsThemselves } from "../repositories/review.repository";
import type { Viewer } from "../scope";
import { readProspectingProposal } from "./manage-prospecting";

/*
 * M2.4: after a review each seller has tasks per client and client type for the day and the week. "My day" is
 * the signed-in person's own: today's and overdue tasks by client type, the tasks a review set highlighted,
 * the M2.2 prospecting target, the week ahead, and the money expected this month by client type.
 */

type Group = "new" | "current" | "permanent" | "none";
const groups: readonly Group[] = ["new", "current", "permanent", "none"];
const groupOf = (status: string | null): Group => (status === "new" || status === "current" || status === "permanent" ? status : "none");
const weekAheadDays = 6;

export const readMyDay = async (context: AppContext, viewer: Viewer): Promise<MyDay> => {
  const { db } = context.database;
  const org = viewer.organizationId;
  const now = context.now();
  const cal = await loadOrgCalendar(db, org, now);
  const { end: endOfToday } = dayBounds(now, cal.timeZone);
  const endOfWeek = dayBounds(new Date(endOfToday.getTime() + weekAheadDays * 86_400_000 + 3_600_000), cal.timeZone).start;
  // The assignee's open tasks up to the week's end (tasks_assignee_idx).
  const result = await db.execute<{
    id: string;
    title: string;
    type: string;
    due_at: Date | string;
    planned_result: string | null;
    company_id: string | null;
    company_name: string | null;
    status: string | null;
    deal_id: string | null;
  }>(sql`
    select t.id, t.title, t.type, t.due_at, t.planned_result, t.company_id, c.name as company_name, c.status, t.deal_id
    from tasks t left join companies c on c.id = t.company_id
    where t.organization_id = ${org} and t.assignee_id = ${viewer.userId} and t.done_at is null and t.due_at < ${endOfWeek.toISOString()}::timestamptz
    order by t.due_at, t.id`);
  const rows = result.rows.map((r) => ({ ...r, dueAt: r.due_at instanceof Date ? r.due_at : new Date(String(r.due_at)) }));
  const origins = await reviewOriginOfTasks(db, org, rows.map((r) => r.id));

  const today: Record<Group, MyDayTask[]> = { new: [], current: [], permanent: [], none: [] };
  const week = new Map<string, Record<Group, number>>();
  for (let i = 1; i <= weekAheadDays; i += 1) week.set(addDays(cal.today, i), { new: 0, current: 0, permanent: 0, none: 0 });
  for (const row of rows) {
    const group = groupOf(row.status);
    if (row.dueAt.getTime() < endOfToday.getTime()) {
      const origin = origins.get(row.id);
      today[group].push({
        id: row.id,
        title: row.title,
        type: row.type,
        dueAt: row.dueAt.toISOString(),
        overdue: row.dueAt.getTime() < now.getTime(),
        plannedResult: row.planned_result,
        company: row.company_id ? { id: row.company_id, name: row.company_name ?? "" } : null,
        dealId: row.deal_id,
        fromReview: origin ? { itemId: origin.itemId, reviewer: { id: origin.reviewerId, name: origin.reviewerName }, reviewedAt: origin.reviewedAt.toISOString() } : null,
      });
    } else {
      const day = week.get(localDateOf(row.dueAt, cal.timeZone));
      if (day) day[group] += 1;
    }
  }

  const month = `${cal.today.slice(0, 7)}-01`;
  const expected: Record<"new" | "current" | "permanent", number> = { new: 0, current: 0, permanent: 0 };
  for (const row of await openDealsByMonth(db, org, [viewer.userId])) {
    if (row.expectedMonth !== month) continue;
    const type = groupOf(row.clientType);
    if (type !== "none") expected[type] += Math.round((row.amountMinor * row.probability) / 100);
  }
  const me = (await findPerson(db, org, viewer.userId)) ?? { id: viewer.userId, name: "" };
  // M2.2 is for people who sell: an admin or head with no deals or plan of their own gets no prospecting hint.
  const sells = viewer.role === "seller" || (await sellsThemselves(db, org, viewer.userId, cal.today));
  const todayGroups = groups.filter((g) => today[g].length > 0).map((g) => ({ clientType: g, tasks: today[g] }));
  return {
    today: cal.today,
    groups: todayGroups,
    corrections: todayGroups.reduce((n, g) => n + g.tasks.filter((t) => t.fromReview !== null).length, 0),
    week: [...week].map(([date, byClientType]) => ({ date, total: groups.reduce((n, g) => n + byClientType[g], 0), byClientType })),
    prospecting: sells ? await readProspectingProposal(db, org, me, cal.today) : null,
    expectedMoney: { month, currency: cal.currency, byClientType: expected },
  };
};
