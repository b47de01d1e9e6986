import type { WorkingCalendar } from "@conveyor/contracts";
import { and, eq } from "drizzle-orm";
import type { AppContext } from "../context";
import { calendarDays } from "../db/schema";
import { AppError, forbidden } from "../http/app-error";
import { addDays } from "@conveyor/domain";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { forgetIntake } from "../repositories/intake-cache";
import type { Viewer } from "../scope";

/*
 * The working-day calendar screen: the country's production calendar for a year, with the
 * admin's own changes day by day (M5.2's working days come from it).
 */

export const readCalendar = async (context: AppContext, viewer: Viewer, year?: number): Promise<WorkingCalendar> => {
  const { db } = context.database;
  const cal = await loadOrgCalendar(db, viewer.organizationId, context.now());
  const shown = year ?? Number(cal.today.slice(0, 4));
  const overridden = new Set(
    (
      await db
        .select({ day: calendarDays.day })
        .from(calendarDays)
        .where(and(eq(calendarDays.organizationId, viewer.organizationId)))
    ).map((r) => r.day),
  );
  const months: WorkingCalendar["months"] = [];
  let total = 0;
  for (let month = 1; month <= 12; month += 1) {
    const days: WorkingCalendar["months"][number]["days"] = [];
    const first = `${shown}-${String(month).padStart(2, "0")}-01`;
    for (let date = first; date.slice(0, 7) === first.slice(0, 7); date = addDays(date, 1)) {
      const day = cal.calendar.day(date);
      days.push({ date, kind: day.kind, name: day.name, overridden: overridden.has(date) });
    }
    const workingDays = cal.calendar.workingDaysInMonth(shown, month);
    total += workingDays;
    months.push({ month, workingDays, days });
  }
  return {
    country: cal.country,
    thursdayOff: cal.thursdayOff,
    year: shown,
    coverage: cal.calendar.coverage(shown),
    source: cal.calendar.coverageDetail(shown).source,
    missingYears: cal.calendar.missingYears(shown - 1, shown + 1),
    workingDays: total,
    months,
  };
};

const mustAdmin = (viewer: Viewer): void => {
  if (viewer.role !== "admin" && viewer.role !== "head_of_sales") throw forbidden("The calendar is kept by admins and heads of sales");
};

export const setCalendarDay = async (
  context: AppContext,
  viewer: Viewer,
  date: string,
  input: { kind: "working" | "day_off" | "shortened"; note?: string | undefined },
): Promise<WorkingCalendar> => {
  mustAdmin(viewer);
  const year = Number(date.slice(0, 4));
  const thisYear = Number(context.now().toISOString().slice(0, 4));
  if (Math.abs(year - thisYear) > 2) {
    throw new AppError("validation_failed", "Change days of last year to two years ahead", { errors: [{ field: "date", code: "range", message: "Out of the calendar's range" }] });
  }
  const now = context.now();
  await context.database.db
    .insert(calendarDays)
    .values({ organizationId: viewer.organizationId, day: date, kind: input.kind, note: input.note ?? null, updatedById: viewer.userId, updatedAt: now })
    .onConflictDoUpdate({ target: [calendarDays.organizationId, calendarDays.day], set: { kind: input.kind, note: input.note ?? null, updatedById: viewer.userId, updatedAt: now } });
  forgetIntake(viewer.organizationId);
  return readCalendar(context, viewer, year);
};

export const clearCalendarDay = async (context: AppContext, viewer: Viewer, date: string): Promise<WorkingCalendar> => {
  mustAdmin(viewer);
  await context.database.db.delete(calendarDays).where(and(eq(calendarDays.organizationId, viewer.organizationId), eq(calendarDays.day, date)));
  forgetIntake(viewer.organizationId);
  return readCalendar(context, viewer, Number(date.slice(0, 4)));
};
