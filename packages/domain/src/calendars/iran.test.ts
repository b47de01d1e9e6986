import { describe, expect, it } from "vitest";
import { datesOf, weekdayOf } from "./calendar-date";
import { iranianYears } from "./data";
import { jalaliMonthRange, jalaliOf, nowruzOf } from "./jalali";
import { productionCalendar, type DayKind } from "./production-calendar";
import { periodWorkingDays } from "./working-days";

const iran = productionCalendar({ country: "IR" });
const iranThursdayOff = productionCalendar({ country: "IR", iranThursdayOff: true });

const jalaliYearDates = (year: number) => datesOf({ from: nowruzOf(year), to: jalaliMonthRange(year, 12).to });

describe("Iran's working-day calendar (M5.2)", () => {
  it.each<[string, DayKind, DayKind, string]>([
    ["2024-07-11", "working", "weekend", "a Thursday"],
    ["2024-07-12", "weekend", "weekend", "a Friday"],
    ["2024-07-13", "working", "working", "a Saturday, the first day of the week"],
  ])("%s is %s, or %s with Thursday off: %s", (date, kind, kindThursdayOff) => {
    expect(iran.dayKind(date)).toBe(kind);
    expect(iranThursdayOff.dayKind(date)).toBe(kindThursdayOff);
  });

  it.each([
    ["2024-03-19", "29 Esfand 1402, Oil Nationalization Day"],
    ["2024-03-20", "1 Farvardin 1403"],
    ["2024-03-23", "4 Farvardin 1403"],
    ["2024-03-31", "12 Farvardin 1403, Islamic Republic Day"],
    ["2024-06-03", "14 Khordad 1403"],
    ["2024-06-04", "15 Khordad 1403"],
    ["2025-02-10", "22 Bahman 1403"],
    ["2025-03-20", "30 Esfand 1403, the last day of a leap year"],
    ["2025-03-21", "1 Farvardin 1404"],
    ["2025-03-24", "4 Farvardin 1404"],
    ["2026-03-21", "1 Farvardin 1405, Nowruz and Eid al-Fitr together"],
    ["2026-03-24", "4 Farvardin 1405"],
    ["2027-03-21", "1 Farvardin 1406: solar holidays hold past the published calendars"],
  ])("%s is a holiday: %s", (date) => {
    expect(iran.dayKind(date)).toBe("holiday");
  });

  it.each([
    ["2024-01-25", "Birthday of Imam Ali", 1402],
    ["2024-07-15", "Tasua", 1403],
    ["2025-07-06", "Ashura", 1404],
    ["2026-06-24", "Tasua", 1405],
    ["2027-03-10", "Eid al-Fitr", 1405],
  ])("%s is %s in the %i calendar", (date, name) => {
    expect(iran.day(date)).toMatchObject({ kind: "holiday", name, origin: "official" });
  });

  it("a holiday on a Friday is still a holiday", () => {
    expect(iran.dayKind("2025-02-14")).toBe("holiday");
  });

  it("1404 has the 26 official holidays its calendar counts, 4 of them on a Friday", () => {
    const holidays = jalaliYearDates(1404).filter((date) => iran.dayKind(date) === "holiday");
    expect(holidays).toHaveLength(26);
    expect(holidays.filter((date) => weekdayOf(date) === 5)).toHaveLength(4);
  });

  it("1405 matches its announced month and weekday totals", () => {
    const holidays = jalaliYearDates(1405).filter((date) => iran.dayKind(date) === "holiday");
    const perMonth = Array.from({ length: 12 }, (_, index) => holidays.filter((date) => jalaliOf(date).month === index + 1).length);
    // Farvardin: 6 announced, plus 25 Farvardin (25 Shawwal), which the law has and the announcement's count leaves out.
    expect(perMonth).toEqual([7, 0, 3, 2, 4, 1, 0, 1, 0, 2, 2, 4]);
    expect(holidays.filter((date) => weekdayOf(date) === 4)).toHaveLength(6);
    expect(holidays.filter((date) => weekdayOf(date) === 5)).toHaveLength(3);
  });

  it.each([
    [2024, 7, 25, 21],
    [2025, 3, 21, 18],
    [2026, 6, 23, 21],
  ])("%i-%i has %i working days, %i with Thursday off", (year, month, days, daysThursdayOff) => {
    expect(iran.workingDaysInMonth(year, month)).toBe(days);
    expect(iranThursdayOff.workingDaysInMonth(year, month)).toBe(daysThursdayOff);
  });

  it("counts a plan by Jalali month over that month's days", () => {
    const farvardin = jalaliMonthRange(1404, 1);
    expect(periodWorkingDays(iran, farvardin.from, farvardin.to, "2025-04-05")).toEqual({ total: 20, elapsed: 7, remaining: 13 });
    expect(periodWorkingDays(iranThursdayOff, farvardin.from, farvardin.to, "2025-04-05").total).toBe(16);
  });

  it("today's lunar holiday does not count as a working day elapsed", () => {
    // July 2024: Fridays 5 and 12, Tasua and Ashura on the 15th and 16th.
    expect(iran.workingDaysElapsed(2024, 7, "2024-07-14")).toBe(12);
    expect(iran.workingDaysElapsed(2024, 7, "2024-07-16")).toBe(12);
    expect(iran.workingDaysElapsed(2024, 7, "2024-07-17")).toBe(13);
  });

  it("has official data for 2024–2026 and says where 2027 stops", () => {
    expect([2024, 2025, 2026].map(iran.coverage)).toEqual(["official", "official", "official"]);
    expect(iran.coverageDetail(2027)).toMatchObject({ coverage: "partial", gaps: [{ from: "2027-03-21", to: "2027-12-31" }] });
    expect(iran.coverage(2023)).toBe("missing");
    expect(iran.missingYears(2023, 2028)).toEqual([2023, 2027, 2028]);
    expect(iran.coverageDetail(2025).source).toContain("۱۴۰۴");
  });

  describe.each(iranianYears)("the $jalaliYear data", (data) => {
    it("gives each holiday the Jalali day it is listed under", () => {
      for (const entry of data.lunarHolidays) {
        const { year, month, day } = jalaliOf(entry.date);
        const pad = (value: number) => String(value).padStart(2, "0");
        expect(`${year}-${pad(month)}-${pad(day)}`).toBe(entry.jalali);
      }
    });

    it("stays inside the dates it covers, in order and once each", () => {
      const dates = data.lunarHolidays.map((entry) => entry.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const date of dates) expect(date >= data.covers.from && date <= data.covers.to).toBe(true);
      for (const entry of data.lunarHolidays) expect(entry.hijri).toMatch(/^14\d\d-(0[1-9]|1[0-2])-([0-2]\d|30)$/);
    });

    it("covers the days of its Jalali year", () => {
      expect(jalaliOf(data.covers.from).year).toBe(data.jalaliYear);
      expect(jalaliOf(data.covers.to)).toMatchObject({ year: data.jalaliYear, month: 12 });
    });
  });

  it("the lists follow each other without a gap", () => {
    for (let index = 1; index < iranianYears.length; index += 1) {
      const previous = iranianYears[index - 1];
      const current = iranianYears[index];
      expect(previous && current && nowruzOf(previous.jalaliYear + 1)).toBe(current?.covers.from);
    }
  });
});
