import { describe, expect, it } from "vitest";
import { canChangeYear, coverageWarning, dayTone, monthWeeks, overrideChoices, patternWeekend, weekdayOf, weekdayOrder, weekStartFor } from "./calendar-layout";

const daysOf = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => ({ date: `${year}-${String(month).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}` }));
};

describe("the calendar's month layout", () => {
  it("starts the week on Saturday for Persian readers and Iran, on Monday otherwise", () => {
    expect(weekStartFor("fa", "RU")).toBe(6);
    expect(weekStartFor("en", "IR")).toBe(6);
    expect(weekStartFor("ru", "RU")).toBe(1);
    expect(weekStartFor("en", "OTHER")).toBe(1);
    expect(weekdayOrder(6)).toEqual([6, 0, 1, 2, 3, 4, 5]);
    expect(weekdayOrder(1)).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });

  it("lays March 2026 out from Monday: it begins on a Sunday, in the seventh column", () => {
    expect(weekdayOf("2026-03-01")).toBe(0);
    const weeks = monthWeeks(daysOf(2026, 3), 1);
    expect(weeks).toHaveLength(6);
    expect(weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0]?.[6]).toEqual({ date: "2026-03-01" });
    expect(weeks[5]?.[1]).toEqual({ date: "2026-03-31" });
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it("lays the same month out from Saturday for Iran: Sunday 1 March is the second column", () => {
    const weeks = monthWeeks(daysOf(2026, 3), 6);
    expect(weeks[0]?.[0]).toBeNull();
    expect(weeks[0]?.[1]).toEqual({ date: "2026-03-01" });
    expect(weeks).toHaveLength(5);
  });

  it("February 2027 from Monday fills exactly four weeks", () => {
    expect(monthWeeks(daysOf(2027, 2), 1)).toHaveLength(4);
  });
});

describe("a day's colour", () => {
  const ru = patternWeekend("RU", false);
  it.each([
    ["2025-11-01", "working", "transferred", "Russia's working Saturday before 4 November"],
    ["2025-11-03", "working", "working", "an ordinary Monday"],
    ["2025-11-04", "holiday", "holiday", "National Unity Day"],
    ["2025-11-03", "shortened", "shortened", "the eve of a holiday"],
    ["2025-11-08", "weekend", "weekend", "a Saturday"],
  ] as const)("%s (%s) is %s: %s", (date, kind, tone, _why) => {
    expect(dayTone({ date, kind }, ru)).toBe(tone);
  });

  it("knows Iran's Friday, and Thursday where the organization rests then", () => {
    expect(patternWeekend("IR", false)).toEqual([5]);
    expect(patternWeekend("IR", true)).toEqual([4, 5]);
    // A working Thursday in Iran is only transferred where Thursdays are off.
    expect(dayTone({ date: "2026-03-05", kind: "working" }, patternWeekend("IR", false))).toBe("working");
    expect(dayTone({ date: "2026-03-05", kind: "working" }, patternWeekend("IR", true))).toBe("transferred");
  });
});

describe("what may be changed", () => {
  it("offers only the kinds that change the day", () => {
    expect(overrideChoices("working")).toEqual(["day_off", "shortened"]);
    expect(overrideChoices("holiday")).toEqual(["working", "shortened"]);
  });

  it("from last year to two years ahead", () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029].map((y) => canChangeYear(y, 2026))).toEqual([false, true, true, true, true, false]);
  });

  it("warns for a year without official data and names the neighbours also without it", () => {
    expect(coverageWarning({ year: 2026, coverage: "official", missingYears: [2027] })).toEqual({ kind: null, otherYears: [2027] });
    expect(coverageWarning({ year: 2027, coverage: "missing", missingYears: [2027, 2028] })).toEqual({ kind: "missing", otherYears: [2028] });
    expect(coverageWarning({ year: 2027, coverage: "pattern_only", missingYears: [2026, 2027] })).toEqual({ kind: "pattern_only", otherYears: [] });
  });
});
