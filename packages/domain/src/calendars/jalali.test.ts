import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./calendar-date";
import { gregorianOfJalali, jalaliMonthLength, jalaliMonthOf, jalaliMonthRange, jalaliOf, jalaliYearLength, nowruzOf } from "./jalali";

describe("Jalali calendar (M5.2 plans by Jalali month)", () => {
  // Each New Year day as the official calendar of that year gives it (tahvil before or after Tehran noon).
  it.each([
    [1402, "2023-03-21"],
    [1403, "2024-03-20"],
    [1404, "2025-03-21"],
    [1405, "2026-03-21"],
    [1406, "2027-03-21"],
  ])("Nowruz %i falls on %s", (year, date) => {
    expect(nowruzOf(year)).toBe(date);
    expect(jalaliOf(date)).toEqual({ year, month: 1, day: 1 });
  });

  it.each([
    [1402, 365],
    [1403, 366],
    [1404, 365],
    [1405, 365],
  ])("%i has %i days", (year, days) => {
    expect(jalaliYearLength(year)).toBe(days);
  });

  it.each([
    ["2024-07-15", { year: 1403, month: 4, day: 25 }],
    ["2025-03-20", { year: 1403, month: 12, day: 30 }],
    ["2025-02-14", { year: 1403, month: 11, day: 26 }],
    ["2026-03-20", { year: 1404, month: 12, day: 29 }],
    ["2027-01-06", { year: 1405, month: 10, day: 16 }],
  ])("%s is %o", (date, jalali) => {
    expect(jalaliOf(date)).toEqual(jalali);
    expect(gregorianOfJalali(jalali)).toBe(date);
  });

  it.each([
    [1403, 1, "2024-03-20", "2024-04-19"],
    [1403, 6, "2024-08-22", "2024-09-21"],
    [1403, 7, "2024-09-22", "2024-10-21"],
    [1403, 12, "2025-02-19", "2025-03-20"],
    [1404, 1, "2025-03-21", "2025-04-20"],
    [1404, 10, "2025-12-22", "2026-01-20"],
    [1404, 12, "2026-02-20", "2026-03-20"],
    [1405, 12, "2027-02-20", "2027-03-20"],
  ])("Jalali month %i-%i runs %s … %s", (year, month, from, to) => {
    expect(jalaliMonthRange(year, month)).toEqual({ from, to });
    expect(jalaliMonthOf(from)).toEqual({ year, month });
    expect(jalaliMonthOf(to)).toEqual({ year, month });
  });

  it("Esfand has 30 days only in a leap year", () => {
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
    expect(() => gregorianOfJalali({ year: 1404, month: 12, day: 30 })).toThrow(RangeError);
  });

  it("rejects a month that is not one", () => {
    expect(() => jalaliMonthRange(1404, 13)).toThrow(RangeError);
  });

  it("goes there and back for any day of 2015–2035", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7670 }), (offset) => {
        const date = addDays("2015-01-01", offset);
        expect(gregorianOfJalali(jalaliOf(date))).toBe(date);
      }),
    );
  });

  it("the twelve months of a year tile it without a gap", () => {
    for (const year of [1403, 1404, 1405]) {
      for (let month = 1; month < 12; month += 1) {
        expect(addDays(jalaliMonthRange(year, month).to, 1)).toBe(jalaliMonthRange(year, month + 1).from);
      }
      expect(addDays(jalaliMonthRange(year, 12).to, 1)).toBe(nowruzOf(year + 1));
    }
  });
});
