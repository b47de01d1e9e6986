import { describe, expect, it } from "vitest";
import { addDays, datesOf, daysInMonth, intersectRanges, localDate, monthRange, weekdayOf } from "./calendar-date";

describe("local dates for the working-day calendars (M5.2)", () => {
  it.each([
    ["1970-01-01", 4],
    ["1969-12-31", 3],
    ["2024-03-08", 5],
    ["2024-04-27", 6],
    ["2026-03-08", 0],
  ])("%s is weekday %i (0 = Sunday … 6 = Saturday, as countryWeekend counts)", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [2024, 12, 31],
    [2026, 4, 30],
  ])("%i-%i has %i days", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("lists a range inclusively, and nothing for a reversed one", () => {
    expect(datesOf({ from: "2024-02-28", to: "2024-03-01" })).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(datesOf({ from: "2024-03-02", to: "2024-03-01" })).toEqual([]);
  });

  it("gives a month's first and last day", () => {
    expect(monthRange(2025, 2)).toEqual({ from: "2025-02-01", to: "2025-02-28" });
  });

  it("intersects ranges", () => {
    expect(intersectRanges({ from: "2027-01-01", to: "2027-12-31" }, { from: "2026-03-21", to: "2027-03-20" })).toEqual({
      from: "2027-01-01",
      to: "2027-03-20",
    });
    expect(intersectRanges({ from: "2024-01-01", to: "2024-01-31" }, { from: "2024-02-01", to: "2024-02-29" })).toBeNull();
  });

  it.each(["2025-02-29", "2024-13-01", "24-01-01", "2024-1-1"])("rejects %s", (date) => {
    expect(() => weekdayOf(date)).toThrow(RangeError);
  });

  it("rejects a day that does not exist", () => {
    expect(() => localDate(2023, 2, 29)).toThrow(RangeError);
  });
});
