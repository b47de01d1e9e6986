import type { LevelReport, RestructureAdvice, StaffingAdvice } from "@conveyor/contracts";
import { evaluateRestructure, localDateOf, recommendedStaffing, staffingGap, type LevelCounts } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import { readConveyorSettings } from "../repositories/conveyor-settings.repository";
import { listProfiles } from "../repositories/structure.repository";
import { overseenUserIds, seesEverything } from "../repositories/visibility";
import type { Viewer } from "../scope";
import { parseLevel } from "./hand-over-client";

const newcomerDays = 90;
const dayMs = 86_400_000;

/** Who counts for the split: sellers, and anyone else a head put on a level. */
const onConveyor = (p: { role: string; level: string | null }) => p.role === "seller" || p.level !== null;

/** M1.2 and M1.3: the recommended 60:20:20 split for the department's size, next to the actual one. */
export const staffingAdvice = async (context: AppContext, viewer: Viewer): Promise<StaffingAdvice> => {
  const { db } = context.database;
  const settings = await readConveyorSettings(db, viewer.organizationId);
  const people = (await listProfiles(db, viewer.organizationId)).filter(onConveyor);
  const actual: LevelCounts = { L1: 0, L2: 0, L3: 0 };
  for (const p of people) {
    const level = parseLevel(p.level);
    if (level) actual[level] += 1;
  }
  const recommended = recommendedStaffing(people.length);
  const { gap, balanced } = staffingGap(actual, recommended);
  const since = context.now().getTime() - newcomerDays * dayMs;
  return {
    departmentMode: settings.departmentMode === "one_level" ? "one_level" : "three_level",
    sellers: people.length,
    actual,
    recommended,
    gap,
    balanced,
    withoutLevel: people.filter((p) => p.level === null).length,
    newcomersOutsideL1: people
      .filter((p) => p.createdAt.getTime() >= since && p.level !== null && p.level !== "L1")
      .map((p) => ({ id: p.userId, name: p.name })),
  };
};

type Figures = {
  revenue_recent: number;
  revenue_previous: number;
  benchmark: number;
  strong_now: number;
  strong_before: number;
  paying_now: number;
  paying_before: number;
  owner_changes: number;
  departures: number;
  exports: number;
  exported_rows: number;
  large_recent: number;
  won_recent: number;
  large_previous: number;
  won_previous: number;
};

/**
 * M1.5: the seven triggers for moving from one level to three, from the organization's data.
 * Windows: revenue (money received), strong sellers (the volume of the deals they won: at least the
 * average per seller of the 3 months before) and large deals compare the last 3 months with the 3 before;
 * the paying client base the last 6 months with the 6 before; theft, leaks and newcomers the last 90 days.
 */
export const restructureAdvice = async (context: AppContext, viewer: Viewer): Promise<RestructureAdvice> => {
  const { db } = context.database;
  const now = context.now();
  const settings = await readConveyorSettings(db, viewer.organizationId);
  const today = localDateOf(now, settings.timeZone);
  const org = viewer.organizationId;
  const recentSince = new Date(now.getTime() - newcomerDays * dayMs);
  const result = await db.execute<Figures>(sql`
    with bounds as (
      select ${today}::date as today,
             (${today}::date - interval '3 months')::date as m3,
             (${today}::date - interval '6 months')::date as m6,
             (${today}::date - interval '12 months')::date as m12
    ),
    paid as (
      select p.amount_minor, p.paid_on, p.company_id
      from payments p
      where p.organization_id = ${org} and p.currency = ${settings.currency}
        and p.paid_on > (select m12 from bounds) and p.paid_on <= (select today from bounds)
    ),
    won as (
      select d.amount_minor, d.owner_id, d.closed_at::date as closed_on
      from deals d join pipeline_stages s on s.id = d.stage_id
      where d.organization_id = ${org} and s.kind = 'won' and d.currency = ${settings.currency}
        and d.closed_at >= (select m12 from bounds)
    ),
    -- Strong sellers by the deals they won (the won deals are read once, for trigger 7 too).
    by_seller as (
      select owner_id,
        coalesce(sum(amount_minor) filter (where closed_on > (select m3 from bounds)), 0) as recent,
        coalesce(sum(amount_minor) filter (where closed_on > (select m6 from bounds) and closed_on <= (select m3 from bounds)), 0) as previous
      from won where closed_on > (select m6 from bounds) group by owner_id
    ),
    sellers as (select count(*) as n from memberships where organization_id = ${org} and status = 'active' and (role = 'seller' or level is not null)),
    bench as (select coalesce((select sum(previous) from by_seller), 0) / greatest((select n from sellers), 1) as benchmark),
    typical as (select coalesce(percentile_cont(0.5) within group (order by amount_minor), 0) as median from won where closed_on <= (select m3 from bounds))
    select
      coalesce((select sum(amount_minor) from paid where paid_on > (select m3 from bounds)), 0)::bigint as revenue_recent,
      coalesce((select sum(amount_minor) from paid where paid_on > (select m6 from bounds) and paid_on <= (select m3 from bounds)), 0)::bigint as revenue_previous,
      (select benchmark from bench)::bigint as benchmark,
      (select count(*) from by_seller where recent > 0 and recent >= (select benchmark from bench))::integer as strong_now,
      (select count(*) from by_seller where previous > 0 and previous >= (select benchmark from bench))::integer as strong_before,
      (select count(distinct company_id) from paid where paid_on > (select m6 from bounds) and amount_minor > 0)::integer as paying_now,
      (select count(distinct company_id) from paid where paid_on <= (select m6 from bounds) and amount_minor > 0)::integer as paying_before,
      (select count(*) from timeline_events where organization_id = ${org} and kind = 'owner_changed' and at >= ${recentSince})::integer as owner_changes,
      (select count(*) from memberships where organization_id = ${org} and status = 'deactivated' and deactivated_at >= ${recentSince})::integer as departures,
      (select count(*) from export_log where organization_id = ${org} and at >= ${recentSince})::integer as exports,
      (select coalesce(sum(rows), 0) from export_log where organization_id = ${org} and at >= ${recentSince})::integer as exported_rows,
      (select count(*) from won where closed_on > (select m3 from bounds) and (select median from typical) > 0 and amount_minor >= 2 * (select median from typical))::integer as large_recent,
      (select count(*) from won where closed_on > (select m3 from bounds))::integer as won_recent,
      (select count(*) from won where closed_on > (select m6 from bounds) and closed_on <= (select m3 from bounds) and (select median from typical) > 0 and amount_minor >= 2 * (select median from typical))::integer as large_previous,
      (select count(*) from won where closed_on > (select m6 from bounds) and closed_on <= (select m3 from bounds))::integer as won_previous`);
  const f = result.rows[0];
  if (!f) throw new Error("restructure figures returned no row");
  const people = (await listProfiles(db, org)).filter(onConveyor);
  const newcomers = people.filter((p) => p.createdAt.getTime() >= recentSince.getTime()).length;
  const verdict = evaluateRestructure(
    {
      revenueRecentMinor: Number(f.revenue_recent),
      revenuePreviousMinor: Number(f.revenue_previous),
      strongSellersNow: Number(f.strong_now),
      strongSellersBefore: Number(f.strong_before),
      payingClientsNow: Number(f.paying_now),
      payingClientsBefore: Number(f.paying_before),
      ownerChangesRecent: Number(f.owner_changes),
      departuresRecent: Number(f.departures),
      activeSellers: people.length,
      exportsRecent: Number(f.exports),
      exportedRowsRecent: Number(f.exported_rows),
      newcomers,
      largeDealsRecent: Number(f.large_recent),
      wonDealsRecent: Number(f.won_recent),
      largeDealsPrevious: Number(f.large_previous),
      wonDealsPrevious: Number(f.won_previous),
    },
    people.length,
  );
  return {
    departmentMode: settings.departmentMode === "one_level" ? "one_level" : "three_level",
    activeSellers: people.length,
    asOf: today,
    triggers: verdict.triggers,
    metCount: verdict.metCount,
    verdict: verdict.verdict,
  };
};

const stuckListLimit = 50;

/** The handover report's level side: clients per level, time at each level, clients stuck, given and received per person. */
export const levelReport = async (context: AppContext, viewer: Viewer, period: { from?: Date | undefined; to?: Date | undefined }): Promise<LevelReport> => {
  const { db } = context.database;
  const now = context.now();
  const org = viewer.organizationId;
  const settings = await readConveyorSettings(db, org);
  const owners = seesEverything(viewer) ? sql`true` : sql`c.owner_id in ${overseenUserIds(viewer)}`;
  const people = seesEverything(viewer) ? sql`true` : sql`(h.from_user_id in ${overseenUserIds(viewer)} or h.to_user_id in ${overseenUserIds(viewer)})`;
  const from = period.from ?? new Date(now.getTime() - 90 * dayMs);
  const to = period.to ?? new Date(now.getTime() + 1);
  const stuckBefore = new Date(now.getTime() - settings.stuckAfterDays * dayMs);
  // Clients per level from the segment rollup (exact, kept by the triggers on companies).
  const rollupOwners = seesEverything(viewer) ? sql`true` : sql`f.owner_id in ${overseenUserIds(viewer)}`;
  const atLevel = Object.fromEntries(
    (
      await db.execute<{ level: string; n: number }>(sql`
        select f.value as level, sum(f.count)::integer as n from company_facet_counts f
        where f.organization_id = ${org} and f.field = 'level' and f.value in ('L1', 'L2', 'L3') and ${rollupOwners}
        group by f.value`)
    ).rows.map((r) => [r.level, Number(r.n)]),
  );
  const timeAt = await db.execute<{ level: string; n: number; average: number | null; median: number | null }>(sql`
    select h.from_level as level, count(*)::integer as n,
      avg(h.seconds_at_level) / 86400.0 as average,
      percentile_cont(0.5) within group (order by h.seconds_at_level) / 86400.0 as median
    from handovers h
    where h.organization_id = ${org} and h.at >= ${from} and h.at < ${to} and ${people}
    group by h.from_level`);
  // Per level, each read in the order of the (level, level_entered_at) index: the longest-waiting first.
  const stuckAt = (level: string) =>
    db.execute<{ id: string; name: string; level: string; owner_id: string; owner_name: string; entered: Date | string }>(sql`
      select c.id, c.name, c.level, c.owner_id, u.name as owner_name, c.level_entered_at as entered
      from companies c join users u on u.id = c.owner_id
      where c.organization_id = ${org} and c.level = ${level} and c.level_entered_at < ${stuckBefore} and ${owners}
      order by c.level_entered_at, c.id
      limit ${stuckListLimit}`);
  const stuckCount = (level: string) =>
    db.execute<{ n: number }>(sql`
      select count(*)::integer as n from companies c
      where c.organization_id = ${org} and c.level = ${level} and c.level_entered_at < ${stuckBefore} and ${owners}`);
  const stuckRows = [...(await stuckAt("L1")).rows, ...(await stuckAt("L2")).rows]
    .sort((a, b) => new Date(a.entered).getTime() - new Date(b.entered).getTime())
    .slice(0, stuckListLimit);
  const stuckTotal = Number((await stuckCount("L1")).rows[0]?.n ?? 0) + Number((await stuckCount("L2")).rows[0]?.n ?? 0);
  const byPerson = await db.execute<{ id: string; name: string; given: number; received: number }>(sql`
    with moves as (
      select h.from_user_id as id, 1 as given, 0 as received from handovers h
      where h.organization_id = ${org} and h.at >= ${from} and h.at < ${to} and ${people}
      union all
      select h.to_user_id, 0, 1 from handovers h
      where h.organization_id = ${org} and h.at >= ${from} and h.at < ${to} and ${people}
    )
    select m.id, u.name, sum(m.given)::integer as given, sum(m.received)::integer as received
    from moves m join users u on u.id = m.id group by m.id, u.name order by lower(u.name)`);
  const round = (value: number | null) => (value === null ? null : Math.round(Number(value) * 10) / 10);
  return {
    asOf: now.toISOString(),
    atLevel: { L1: atLevel["L1"] ?? 0, L2: atLevel["L2"] ?? 0, L3: atLevel["L3"] ?? 0 },
    timeAtLevel: (["L1", "L2"] as const).map((level) => {
      const row = timeAt.rows.find((r) => r.level === level);
      return { level, handedOver: row ? Number(row.n) : 0, averageDays: round(row?.average ?? null), medianDays: round(row?.median ?? null) };
    }),
    stuckAfterDays: settings.stuckAfterDays,
    stuck: stuckRows.flatMap((r) => {
      const level = parseLevel(r.level);
      const entered = new Date(r.entered);
      return level
        ? [{ companyId: r.id, name: r.name, level, owner: { id: r.owner_id, name: r.owner_name }, days: Math.floor((now.getTime() - entered.getTime()) / dayMs), enteredAt: entered.toISOString() }]
        : [];
    }),
    stuckTotal,
    byPerson: byPerson.rows.map((r) => ({ id: r.id, name: r.name, given: Number(r.given), received: Number(r.received) })),
  };
};
