import {
  isWithinWorkingHours,
  localDateOf,
  type SellerAvailability,
  type SellerProspects,
  type WorkCalendar,
} from "@conveyor/domain";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { leadSettings, memberships, organizations } from "../db/schema";
import { calendarOverridesOf, organizationWorkCalendar } from "../kpi/org-calendar";
import type { Viewer } from "../scope";
import { overseenUserIds, seesEverything } from "./visibility";

/*
 * What lead distribution reads about people (M5.5). The intake's assignment transaction reuses these as they are:
 * each is one statement on indexed columns, whatever the size of the pool.
 */

const uuidArray = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::uuid[]`;

/** The organization's working time: its time zone and hours on its production calendar, with the admin's changes (M5.2, M5.5). */
export const workCalendarFor = async (ex: Executor, organizationId: string): Promise<WorkCalendar> => {
  const rows = await ex
    .select({
      timeZone: organizations.timeZone,
      workStart: organizations.workStart,
      workEnd: organizations.workEnd,
      country: organizations.country,
      thursdayOff: leadSettings.thursdayOff,
      calendarOverrides: sql<unknown>`(select coalesce(json_agg(json_build_object('date', cd.day, 'kind', cd.kind)), '[]'::json) from calendar_days cd
        where cd.organization_id = ${organizations.id} and cd.day between current_date - 400 and current_date + 800)`,
    })
    .from(organizations)
    .leftJoin(leadSettings, eq(leadSettings.organizationId, organizations.id))
    .where(eq(organizations.id, organizationId));
  const row = rows[0];
  if (!row) throw new Error(`No organization ${organizationId}`);
  return organizationWorkCalendar({ ...row, thursdayOff: row.thursdayOff ?? false, calendarOverrides: calendarOverridesOf(row.calendarOverrides) });
};

/** A person as distribution sees them now, with what the screens show beside it. */
export type PoolMember = SellerAvailability & {
  name: string;
  role: string;
  level: string | null;
  onDuty: boolean;
  /** Their own hours ("HH:MM"), null when they keep the organization's. */
  workStart: string | null;
  workEnd: string | null;
};

/**
 * The availability of these members at `now`, in one statement: active, paused, absent today (`absences`),
 * untouched leads (`leads_waiting_idx`), leads given today (`lead_assign_counters` of the local date), weight,
 * skills, cap (their own, else the organization's default), and whether `now` is within their hours — their own
 * when set, else the calendar's — on a working day. Members of another organization are not returned.
 *
 * `openLeads: "up_to_cap"` (distribution): routing reads untouched leads only against a cap, so they are counted
 * only for capped members and no further than the cap — a lead's cost then stays flat however many leads wait;
 * the screens keep the exact count.
 */
export const loadPoolAvailability = async (
  ex: Executor,
  organizationId: string,
  userIds: readonly string[],
  now: Date,
  calendar: WorkCalendar,
  options: { openLeads?: "exact" | "up_to_cap" } = {},
): Promise<PoolMember[]> => {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const result = await ex.execute<AvailabilityRow>(
    sql`${availabilitySql(organizationId, sql`m.user_id = any(${uuidArray(ids)})`, now, calendar, options)} order by lower(u.name), m.user_id`,
  );
  return poolMembersOf(result.rows, now, calendar);
};

/** A row of `availabilitySql`; read through JSON (the intake's single read), the times come as strings. */
export type AvailabilityRow = {
  user_id: string;
  name: string;
  role: string;
  level: string | null;
  status: string;
  lead_paused: boolean;
  cap: number | null;
  lead_weight: number;
  skills: string[];
  on_duty: boolean;
  work_start: string | null;
  work_end: string | null;
  absent: boolean;
  open_leads: number;
  assigned: number | null;
  last_assigned_at: Date | string | null;
};

/**
 * The availability of the organization's members that `members` (a condition on `m`, the membership) picks, one
 * row each, without an order: `loadPoolAvailability` and the intake's single read (lead-intake.repository) share it.
 */
export const availabilitySql = (
  organizationId: string,
  members: SQL,
  now: Date,
  calendar: WorkCalendar,
  options: { openLeads?: "exact" | "up_to_cap" } = {},
): SQL => {
  const today = localDateOf(now, calendar.timeZone);
  const openLeads =
    options.openLeads === "up_to_cap"
      ? sql`case when k.cap is null then 0 else (select count(*)::integer from (select 1 from leads l
          where l.organization_id = m.organization_id and l.assignee_id = m.user_id and l.status = 'waiting' limit k.cap) w) end as open_leads`
      : sql`(select count(*)::integer from leads l
          where l.organization_id = m.organization_id and l.assignee_id = m.user_id and l.status = 'waiting') as open_leads`;
  return sql`
    select m.user_id, u.name, m.role, m.level, m.status, m.lead_paused, m.lead_weight, m.skills, m.on_duty, m.work_start, m.work_end,
      k.cap,
      exists (select 1 from absences a
        where a.organization_id = m.organization_id and a.user_id = m.user_id and a.ends_on >= ${today}::date and a.starts_on <= ${today}::date) as absent,
      ${openLeads},
      c.assigned, c.last_assigned_at
    from memberships m
    join users u on u.id = m.user_id
    cross join lateral (
      select coalesce(m.lead_cap, (select s.default_lead_cap from lead_settings s where s.organization_id = m.organization_id)) as cap) k
    left join lead_assign_counters c on c.organization_id = m.organization_id and c.user_id = m.user_id and c.day = ${today}::date
    where m.organization_id = ${organizationId} and ${members}`;
};

/** Rows of `availabilitySql` as distribution reads them, in the order given. */
export const poolMembersOf = (rows: readonly AvailabilityRow[], now: Date, calendar: WorkCalendar): PoolMember[] => {
  // Most members keep the organization's hours: each distinct pair of hours is asked once (the zone arithmetic
  // of isWithinWorkingHours was an eighth of the intake's CPU, asked for every member of the pool).
  const withinHoursOf = new Map<string, boolean>();
  const withinHours = (workStart: string, workEnd: string): boolean => {
    const key = `${workStart}-${workEnd}`;
    const known = withinHoursOf.get(key);
    if (known !== undefined) return known;
    // The calendar itself when the hours are its own: its working windows are kept with it (business-time.ts).
    const hours = workStart === calendar.workStart && workEnd === calendar.workEnd ? calendar : { ...calendar, workStart, workEnd };
    const answer = isWithinWorkingHours(now, hours);
    withinHoursOf.set(key, answer);
    return answer;
  };
  return rows.map((r) => {
    return {
      userId: r.user_id,
      name: r.name,
      role: r.role,
      level: r.level,
      active: r.status === "active",
      paused: r.lead_paused,
      absent: r.absent,
      withinHours: withinHours(r.work_start ?? calendar.workStart, r.work_end ?? calendar.workEnd),
      openLeads: Number(r.open_leads),
      leadCap: r.cap === null ? null : Number(r.cap),
      weight: Number(r.lead_weight),
      skills: r.skills,
      assignedToday: Number(r.assigned ?? 0),
      lastAssignedAt: r.last_assigned_at === null ? null : new Date(r.last_assigned_at),
      onDuty: r.on_duty,
      workStart: r.work_start,
      workEnd: r.work_end,
    };
  });
};

const idsOf = async (ex: Executor, query: SQL): Promise<string[]> => (await ex.execute<{ user_id: string }>(query)).rows.map((r) => r.user_id);

/**
 * M5.5 / M1.1: who takes a lead no rule matched — the active L1 sellers of a three-level department when it has
 * any, else every active seller. As a condition on the membership `m`, for a statement that reads more.
 */
export const defaultPoolCondition = (organizationId: string): SQL =>
  sql`(m.status = 'active' and m.role = 'seller'
        and (m.level = 'L1' or not exists (
          select 1 from memberships l1 join organizations o on o.id = l1.organization_id
          where l1.organization_id = ${organizationId} and o.department_mode = 'three_level'
            and l1.status = 'active' and l1.role = 'seller' and l1.level = 'L1')))`;

export const defaultPoolUserIds = (ex: Executor, organizationId: string): Promise<string[]> =>
  idsOf(ex, sql`select m.user_id from memberships m where m.organization_id = ${organizationId} and ${defaultPoolCondition(organizationId)} order by m.user_id`);

/** Active people on duty: they take the leads nobody else can. */
export const onDutyUserIds = (ex: Executor, organizationId: string): Promise<string[]> =>
  idsOf(ex, sql`select user_id from memberships where organization_id = ${organizationId} and status = 'active' and on_duty order by user_id`);

/** Active heads of sales, by id (the last step of distribution takes the first). */
export const activeHeadIds = (ex: Executor, organizationId: string): Promise<string[]> =>
  idsOf(
    ex,
    sql`select user_id from memberships where organization_id = ${organizationId} and status = 'active' and role = 'head_of_sales' order by user_id`,
  );

type RuleTarget = { target: { teamId: string | null; userIds: readonly string[] } };

/** A rule's pool — the active members of its target team and the active sellers it lists — as a condition on `m`. */
export const ruleTargetCondition = (organizationId: string, rule: RuleTarget): SQL => {
  const { teamId, userIds } = rule.target;
  if (teamId === null && userIds.length === 0) return sql`false`;
  const listed = userIds.length > 0 ? sql`m.user_id = any(${uuidArray(userIds)})` : sql`false`;
  const ofTeam =
    teamId === null
      ? sql`false`
      : sql`m.user_id in (select t.user_id from team_members t where t.organization_id = ${organizationId} and t.team_id = ${teamId})`;
  return sql`(m.status = 'active' and (${listed} or ${ofTeam}))`;
};

export const ruleTargetUserIds = (ex: Executor, organizationId: string, rule: RuleTarget): Promise<string[]> => {
  const { teamId, userIds } = rule.target;
  if (teamId === null && userIds.length === 0) return Promise.resolve([]);
  return idsOf(ex, sql`select m.user_id from memberships m where m.organization_id = ${organizationId} and ${ruleTargetCondition(organizationId, rule)} order by m.user_id`);
};

// ---------------------------------------------------------------- the availability screen

/**
 * The members whose availability the viewer looks after: heads and admins every active seller and team lead;
 * a team lead those of their team and themselves; a seller themselves.
 */
export const overseenMemberCondition = (viewer: Viewer): SQL | undefined => {
  if (seesEverything(viewer)) return undefined;
  return viewer.role === "team_lead" ? sql`${memberships.userId} in ${overseenUserIds(viewer)}` : eq(memberships.userId, viewer.userId);
};

export const availabilityUserIds = async (ex: Executor, viewer: Viewer): Promise<string[]> => {
  const rows = await ex
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, viewer.organizationId),
        eq(memberships.status, "active"),
        sql`${memberships.role} in ('seller', 'team_lead')`,
        overseenMemberCondition(viewer),
      ),
    );
  return rows.map((r) => r.userId);
};

/** Whether the viewer looks after this member of the organization (any status, any role for heads). */
export const oversees = async (ex: Executor, viewer: Viewer, userId: string): Promise<boolean> => {
  const rows = await ex
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, viewer.organizationId), eq(memberships.userId, userId), overseenMemberCondition(viewer)));
  return rows.length > 0;
};

/** M2.2: each member's open deals (stage neither won nor lost) with a warm or hot client. */
export const warmOrHotOpenDeals = async (ex: Executor, organizationId: string, userIds: readonly string[]): Promise<SellerProspects[]> => {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const result = await ex.execute<{ user_id: string; deals: number }>(sql`
    select m.user_id,
      (select count(*)::integer from deals d
        join pipeline_stages s on s.id = d.stage_id and s.organization_id = d.organization_id
        join companies c on c.id = d.company_id and c.organization_id = d.organization_id
        where d.organization_id = m.organization_id and d.owner_id = m.user_id
          and s.kind = 'open' and c.temperature in ('warm', 'hot')) as deals
    from memberships m
    where m.organization_id = ${organizationId} and m.user_id = any(${uuidArray(ids)})`);
  return result.rows.map((r) => ({ userId: r.user_id, warmOrHotOpenDeals: Number(r.deals) }));
};

export type AvailabilityPatch = Partial<
  Pick<typeof memberships.$inferInsert, "leadPaused" | "leadCap" | "leadWeight" | "skills" | "onDuty" | "workStart" | "workEnd">
>;

export const updateAvailabilityRow = async (ex: Executor, organizationId: string, userId: string, patch: AvailabilityPatch, now: Date): Promise<number> => {
  const rows = await ex
    .update(memberships)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length;
};
