import type { Period, PlanPeriodKind } from "@conveyor/contracts";
import {
  addDays,
  jalaliMonthOf,
  jalaliMonthRange,
  localDateOf,
  productionCalendar,
  workCalendarOf,
  type DayOverride,
  type ProductionCalendar,
  type WorkCalendar,
} from "@conveyor/domain";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { jsonColumn } from "../db/json-column";

/*
 * The organization's working-day calendar (M5.2): its country's production calendar, Iran's
 * Thursday setting, and the admin's own changes day by day. Every "% of plan to date" and every
 * period's working days come from here.
 */

export type OrgCalendar = {
  organizationId: string;
  country: "RU" | "IR" | "OTHER";
  thursdayOff: boolean;
  timeZone: string;
  currency: string;
  today: string;
  calendar: ProductionCalendar;
};

const calendarCountry = (country: string): OrgCalendar["country"] => (country === "RU" || country === "IR" ? country : "OTHER");
const overrideKind = (kind: string): DayOverride["kind"] => (kind === "working" || kind === "shortened" ? kind : "day_off");

/** The admin's changes as a JSON aggregate of `calendar_days` (a string on some drivers) reads them. */
export const calendarOverridesOf = (value: unknown): DayOverride[] => {
  const parsed = jsonColumn(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) =>
    typeof entry === "object" && entry !== null && "date" in entry && "kind" in entry ? [{ date: String(entry.date), kind: overrideKind(String(entry.kind)) }] : [],
  );
};

/**
 * The organization's working time for business minutes (M5.5 SLA timers): its hours and time zone on its production
 * calendar — holidays, transferred days and shortened pre-holiday days, with the admin's own changes.
 */
export const organizationWorkCalendar = (settings: {
  country: string;
  thursdayOff: boolean;
  timeZone: string;
  workStart: string;
  workEnd: string;
  calendarOverrides: readonly DayOverride[];
}): WorkCalendar =>
  workCalendarOf(
    productionCalendar({ country: calendarCountry(settings.country), iranThursdayOff: settings.thursdayOff, overrides: settings.calendarOverrides }),
    settings,
  );

/**
 * The organization's row and the admin's day changes for the years a period can touch (two back to two ahead of
 * today's year in its time zone), as one select list: a statement of its own or part of a larger one.
 */
export const orgCalendarColumns = (organizationId: string, now: Date): SQL => sql`
  (select json_build_object('country', o.country, 'timeZone', o.time_zone, 'currency', o.currency, 'thursdayOff', coalesce(ls.thursday_off, false))
     from organizations o left join lead_settings ls on ls.organization_id = o.id where o.id = ${organizationId}) as calendar_org,
  (select coalesce(json_agg(json_build_object('date', to_char(c.day, 'YYYY-MM-DD'), 'kind', c.kind, 'note', c.note)), '[]'::json)
     from calendar_days c, organizations o
     where o.id = ${organizationId} and c.organization_id = ${organizationId}
       and c.day between make_date(extract(year from (${now}::timestamptz at time zone o.time_zone))::int - 2, 1, 1)
                     and make_date(extract(year from (${now}::timestamptz at time zone o.time_zone))::int + 2, 12, 31)) as calendar_days`;

const orgRowSchema = z.object({ country: z.string(), timeZone: z.string(), currency: z.string(), thursdayOff: z.boolean() });
const overrideRowsSchema = z.array(z.object({ date: z.string(), kind: z.string(), note: z.string().nullable() }));

/** The calendar from the two columns of `orgCalendarColumns`. */
export const orgCalendarOf = (organizationId: string, now: Date, row: { calendar_org: unknown; calendar_days: unknown }): OrgCalendar => {
  const org = orgRowSchema.nullable().parse(jsonColumn(row.calendar_org));
  if (!org) throw new Error(`No organization ${organizationId}`);
  const overrides = overrideRowsSchema.parse(jsonColumn(row.calendar_days));
  const country = calendarCountry(org.country);
  return {
    organizationId,
    country,
    thursdayOff: org.thursdayOff,
    timeZone: org.timeZone,
    currency: org.currency,
    today: localDateOf(now, org.timeZone),
    calendar: productionCalendar({
      country,
      iranThursdayOff: org.thursdayOff,
      overrides: overrides.map((o) => ({ date: o.date, kind: overrideKind(o.kind), ...(o.note !== null && { note: o.note }) })),
    }),
  };
};

/** The organization's working-day calendar as of `now`, in one statement. */
export const loadOrgCalendar = async (ex: Executor, organizationId: string, now: Date): Promise<OrgCalendar> => {
  const result = await ex.execute<{ calendar_org: unknown; calendar_days: unknown }>(sql`select ${orgCalendarColumns(organizationId, now)}`);
  const row = result.rows[0];
  if (!row) throw new Error(`No organization ${organizationId}`);
  return orgCalendarOf(organizationId, now, row);
};

const pad = (n: number): string => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A Gregorian or Jalali month as its first and last local dates. */
export const periodRange = (kind: PlanPeriodKind, key: string): { start: string; end: string } => {
  const [y, m] = key.split("-").map(Number) as [number, number];
  if (kind === "jalali_month") {
    const range = jalaliMonthRange(y, m);
    return { start: range.from, end: range.to };
  }
  return { start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
};

/** The period key holding a date. */
export const periodKeyOf = (kind: PlanPeriodKind, date: string): string => {
  if (kind === "jalali_month") {
    const j = jalaliMonthOf(date);
    return `${j.year}-${pad(j.month)}`;
  }
  return date.slice(0, 7);
};

export const shiftPeriodKey = (key: string, months: number): string => {
  const [y, m] = key.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};

/** Counting working days of [from, to] as they stand in this calendar. */
export const workingDaysIn = (cal: OrgCalendar, from: string, to: string): number => {
  if (to < from) return 0;
  return cal.calendar.workingDaysBetween(from, to);
};

/** M5.2's denominators for a period: its working days, those elapsed (today counts), those left. */
export const resolvePeriod = (cal: OrgCalendar, kind: PlanPeriodKind, key?: string): Period => {
  if (kind === "jalali_month" && cal.country !== "IR") {
    throw new AppError("validation_failed", "Jalali months are for organizations in Iran", {
      errors: [{ field: "periodKind", code: "invalid", message: "Jalali months are for organizations in Iran" }],
    });
  }
  const periodKey = key ?? periodKeyOf(kind, cal.today);
  const { start, end } = periodRange(kind, periodKey);
  const workingDays = workingDaysIn(cal, start, end);
  const elapsedTo = cal.today < start ? addDays(start, -1) : cal.today > end ? end : cal.today;
  const workingDaysElapsed = workingDaysIn(cal, start, elapsedTo);
  const years = new Set([Number(start.slice(0, 4)), Number(end.slice(0, 4))]);
  // The weakest coverage of the years the period touches.
  const order = ["official", "partial", "missing", "pattern_only"] as const;
  const coverage = [...years].map((year) => cal.calendar.coverage(year)).reduce((worst, c) => (order.indexOf(c) > order.indexOf(worst) ? c : worst), "official" as (typeof order)[number]);
  return {
    kind,
    key: periodKey,
    start,
    end,
    today: cal.today,
    workingDays,
    workingDaysElapsed,
    workingDaysRemaining: Math.max(0, workingDays - workingDaysElapsed),
    calendarCoverage: coverage,
  };
};
