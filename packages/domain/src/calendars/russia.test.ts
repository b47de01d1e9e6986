import { describe, expect, it } from "vitest";
import { datesOf, monthRange, yearRange } from "./calendar-date";
import { russianYears } from "./data";
import { productionCalendar, type DayKind } from "./production-calendar";
import { workingHoursBetween } from "./working-days";

const russia = productionCalendar({ country: "RU" });

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/*
 * The official production calendars (five-day week, 40-hour week): working days and the hour norm month by
 * month, as published for each year. 2024's April and November have 21 working days (the working Saturdays
 * 27 April and 2 November), not 22 and 20.
 */
const official: { year: number; days: number[]; hours: number[]; workingDays: number; daysOff: number; hoursNorm: number }[] = [
  {
    year: 2024,
    days: [17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21],
    hours: [136, 159, 159, 168, 159, 151, 184, 176, 168, 184, 167, 168],
    workingDays: 248,
    daysOff: 118,
    hoursNorm: 1979,
  },
  {
    year: 2025,
    days: [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22],
    hours: [136, 160, 167, 175, 144, 151, 184, 168, 176, 184, 151, 176],
    workingDays: 247,
    daysOff: 118,
    hoursNorm: 1972,
  },
  {
    year: 2026,
    days: [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22],
    hours: [120, 152, 168, 175, 151, 167, 184, 168, 176, 176, 159, 176],
    workingDays: 247,
    daysOff: 118,
    hoursNorm: 1972,
  },
];

describe("Russia's production calendar (M5.2)", () => {
  describe.each(official)("$year", ({ year, days, hours, workingDays, daysOff, hoursNorm }) => {
    it.each(days.map((count, index) => [index + 1, count]))("month %i has %i working days", (month, count) => {
      expect(russia.workingDaysInMonth(year, month)).toBe(count);
    });

    it.each(hours.map((count, index) => [index + 1, count]))("month %i has an hour norm of %i", (month, count) => {
      const range = monthRange(year, month);
      expect(workingHoursBetween(russia, range.from, range.to, 8)).toBe(count);
    });

    it(`has ${workingDays} working days, ${daysOff} days off and ${hoursNorm} hours`, () => {
      const range = yearRange(year);
      expect(sum(days)).toBe(workingDays);
      expect(russia.workingDaysBetween(range.from, range.to)).toBe(workingDays);
      expect(datesOf(range).filter((date) => !russia.isWorkingDay(date))).toHaveLength(daysOff);
      expect(workingHoursBetween(russia, range.from, range.to, 8)).toBe(hoursNorm);
      expect(russia.coverage(year)).toBe("official");
    });
  });

  it.each([
    [1, "2026-01-01", "2026-03-31", 55, 440],
    [2, "2026-04-01", "2026-06-30", 62, 493],
    [3, "2026-07-01", "2026-09-30", 66, 528],
    [4, "2026-10-01", "2026-12-31", 64, 511],
  ])("2026 quarter %i (%s … %s) has %i working days and %i hours, as published", (_, from, to, days, hours) => {
    expect(russia.workingDaysBetween(from, to)).toBe(days);
    expect(workingHoursBetween(russia, from, to, 8)).toBe(hours);
  });

  it.each<[string, DayKind, "official" | "pattern", string]>([
    ["2024-01-06", "holiday", "official", "a New Year holiday on a Saturday"],
    ["2024-02-22", "shortened", "official", "the eve of 23 February"],
    ["2024-03-08", "holiday", "official", "Women's Day"],
    ["2024-03-09", "weekend", "pattern", "an ordinary Saturday"],
    ["2024-04-27", "working", "official", "a working Saturday"],
    ["2024-04-29", "weekend", "official", "the day off moved from 27 April"],
    ["2024-05-01", "holiday", "official", "Spring and Labour Day"],
    ["2024-05-10", "weekend", "official", "the day off moved from 6 January"],
    ["2024-11-02", "shortened", "official", "a working Saturday, the eve of Unity Day"],
    ["2024-12-28", "working", "official", "a working Saturday, a full day"],
    ["2024-12-31", "weekend", "official", "the day off moved from 7 January"],
    ["2025-02-23", "holiday", "official", "Defender's Day on a Sunday"],
    ["2025-02-24", "working", "pattern", "the Monday after it: the decree moved that day off to 8 May instead"],
    ["2025-05-08", "weekend", "official", "the day off moved from 23 February"],
    ["2025-06-13", "weekend", "official", "the day off moved from 8 March"],
    ["2025-11-01", "shortened", "official", "a working Saturday, the eve of the 3–4 November days off"],
    ["2025-12-31", "weekend", "official", "the day off moved from 5 January"],
    ["2026-01-09", "weekend", "official", "the day off moved from 3 January"],
    ["2026-03-09", "weekend", "official", "the Monday after Women's Day on a Sunday (art. 112)"],
    ["2026-05-08", "shortened", "official", "the eve of Victory Day on a Saturday"],
    ["2026-05-11", "weekend", "official", "the Monday after Victory Day on a Saturday (art. 112)"],
    ["2026-12-31", "weekend", "official", "the day off moved from 4 January"],
  ])("%s is %s (%s): %s", (date, kind, origin) => {
    expect(russia.day(date)).toMatchObject({ kind, origin });
  });

  it("ends a shortened day an hour early and leaves the others alone", () => {
    expect(russia.shortenedEnd("2024-02-22", "18:00")).toBe("17:00");
    expect(russia.shortenedEnd("2024-11-02", "17:30")).toBe("16:30");
    expect(russia.shortenedEnd("2024-02-21", "18:00")).toBeUndefined();
    expect(russia.day("2024-02-22").shortenedByMinutes).toBe(60);
    expect(russia.isShortenedDay("2024-02-22")).toBe(true);
  });

  it("names the decree each year comes from", () => {
    expect(russia.coverageDetail(2024).source).toContain("№ 1314");
    expect(russia.coverageDetail(2025).source).toContain("№ 1335");
    expect(russia.coverageDetail(2026).source).toContain("№ 1466");
  });

  describe.each(russianYears)("the $year data", (data) => {
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
    const all = [...data.holidays, ...data.transferredDaysOff, ...data.workingWeekendDays, ...data.shortenedDays];

    it("stays inside its year", () => {
      for (const entry of all) expect(entry.date.slice(0, 4)).toBe(String(data.year));
    });

    it("moves days off onto weekdays and makes only weekend days working", () => {
      for (const entry of data.transferredDaysOff) expect([1, 2, 3, 4, 5]).toContain(weekday(entry.date));
      for (const entry of data.workingWeekendDays) expect([0, 6]).toContain(weekday(entry.date));
    });

    it("shortens only days that are worked", () => {
      const off = new Set([...data.holidays, ...data.transferredDaysOff].map((entry) => entry.date));
      for (const entry of data.shortenedDays) expect(off.has(entry.date)).toBe(false);
    });

    it("moves as many days off onto weekdays as it takes from the weekend", () => {
      // Every rest day taken from a weekend reappears on a weekday: the balance of the year holds.
      const weekendHolidays = data.holidays.filter((entry) => [0, 6].includes(weekday(entry.date))).length;
      expect(data.transferredDaysOff.length).toBe(weekendHolidays + data.workingWeekendDays.length);
    });
  });
});
