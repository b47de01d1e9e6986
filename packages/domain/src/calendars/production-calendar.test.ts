import { describe, expect, it } from "vitest";
import { russianLawYear } from "./data/ru-law";
import { productionCalendar } from "./production-calendar";

const russia = productionCalendar({ country: "RU" });

describe("productionCalendar settings and coverage (M5.2)", () => {
  describe("workingDaysElapsed counts today as elapsed", () => {
    // March 2024 in Russia: 20 working days; the 8th is Women's Day.
    it.each([
      ["2024-02-29", 0, "the day before the month"],
      ["2024-03-01", 1, "the first day, a working Friday"],
      ["2024-03-07", 5, "the shortened eve of the holiday"],
      ["2024-03-08", 5, "the holiday: no more than the day before"],
      ["2024-03-15", 10, "a mid-month Friday"],
      ["2024-03-31", 20, "the last day, a Sunday"],
      ["2024-04-10", 20, "a day after the month"],
    ])("on %s: %i (%s)", (today, elapsed) => {
      expect(russia.workingDaysElapsed(2024, 3, today)).toBe(elapsed);
    });

    it("on the last working day of a month the whole month has elapsed", () => {
      expect(russia.workingDaysElapsed(2024, 5, "2024-05-31")).toBe(russia.workingDaysInMonth(2024, 5));
    });
  });

  it("counts both ends of a range, and nothing for a reversed one", () => {
    expect(russia.workingDaysBetween("2024-03-04", "2024-03-04")).toBe(1);
    expect(russia.workingDaysBetween("2024-03-04", "2024-03-08")).toBe(4);
    expect(russia.workingDaysBetween("2024-03-08", "2024-03-04")).toBe(0);
  });

  describe("overrides win over the country's data", () => {
    const edited = productionCalendar({
      country: "RU",
      overrides: [
        { date: "2024-05-01", kind: "working", note: "Trade fair" },
        { date: "2024-03-06", kind: "shortened" },
        { date: "2024-03-05", kind: "day_off", note: "Company day" },
        { date: "2024-04-27", kind: "day_off" },
        { date: "2024-03-09", kind: "working" },
        { date: "2024-03-09", kind: "day_off" },
      ],
    });

    it.each([
      ["2024-05-01", "working", "a holiday worked"],
      ["2024-03-06", "shortened", "an ordinary day made shorter"],
      ["2024-03-05", "holiday", "a weekday closed"],
      ["2024-04-27", "holiday", "the decree's working Saturday taken back"],
      ["2024-03-09", "holiday", "the later of two overrides of one date"],
    ])("%s is %s: %s", (date, kind) => {
      expect(edited.day(date)).toMatchObject({ kind, origin: "override", overridden: true });
    });

    it("keeps the admin's note as the day's name", () => {
      expect(edited.day("2024-03-05").name).toBe("Company day");
    });

    it("shortens an overridden day by the same hour", () => {
      expect(edited.shortenedEnd("2024-03-06", "18:00")).toBe("17:00");
    });

    it("moves the month's count", () => {
      expect(edited.workingDaysInMonth(2024, 3)).toBe(19);
      expect(edited.workingDaysInMonth(2024, 5)).toBe(21);
    });

    it("leaves the coverage alone: it speaks of the official data", () => {
      expect(edited.coverage(2024)).toBe("official");
    });

    it("rejects an override that is not a date", () => {
      expect(() => productionCalendar({ country: "RU", overrides: [{ date: "2024-02-30", kind: "working" }] })).toThrow(RangeError);
    });
  });

  describe("a year without data is reported, not silently treated as plain weekdays", () => {
    it("Russia 2027 has no decree yet: missing, answered by the weekly pattern and the Labour Code's own holidays", () => {
      expect(russia.coverage(2027)).toBe("missing");
      expect(russia.coverageDetail(2027)).toMatchObject({ source: expect.stringContaining("ТК РФ ст. 95, 112"), gaps: [{ from: "2027-01-01", to: "2027-12-31" }] });
      expect(russia.missingYears(2024, 2027)).toEqual([2027]);
      // Art. 112 part 1: the holidays themselves, never a working day for want of a decree.
      expect(russia.day("2027-01-01")).toMatchObject({ kind: "holiday", origin: "law" });
      expect(russia.dayKind("2027-01-08")).toBe("holiday");
      expect(russia.dayKind("2027-02-23")).toBe("holiday");
      expect(russia.dayKind("2027-11-04")).toBe("holiday");
      // Part 2: Saturday 1 May, Sunday 9 May and Saturday 12 June move to the next working day.
      expect(russia.day("2027-05-03")).toMatchObject({ kind: "weekend", origin: "law" });
      expect(russia.dayKind("2027-05-10")).toBe("weekend");
      expect(russia.dayKind("2027-06-14")).toBe("weekend");
      // Art. 95: the working day just before a holiday is an hour shorter; a weekend eve shortens nothing.
      expect(russia.dayKind("2027-02-22")).toBe("shortened");
      expect(russia.dayKind("2027-11-03")).toBe("shortened");
      expect(russia.dayKind("2027-12-31")).toBe("shortened");
      expect(russia.dayKind("2027-03-05")).toBe("working");
      expect(russia.dayKind("2027-01-11")).toBe("working");
      // 261 weekdays less 9 weekday holidays and 3 moved days off; the decree's two January moves are still unknown.
      expect(russia.workingDaysInMonth(2027, 1)).toBe(15);
      expect(russia.workingDaysBetween("2027-01-01", "2027-12-31")).toBe(249);
    });

    it("the Labour Code's moves are the decree's own where the decree adds nothing (2026)", () => {
      expect(russianLawYear(2026).transferredDaysOff.map((d) => d.date)).toEqual(["2026-03-09", "2026-05-11"]);
      // The decree's eves to November; 31 December it makes a day off with a January day.
      expect(russianLawYear(2026).shortenedDays.map((d) => d.date)).toEqual(["2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03", "2026-12-31"]);
    });

    it("a country without holiday data is pattern only and has no missing years", () => {
      const other = productionCalendar({ country: "OTHER" });
      expect(other.coverage(2024)).toBe("pattern_only");
      expect(other.missingYears(2024, 2027)).toEqual([]);
      expect(other.dayKind("2024-05-01")).toBe("working");
      expect(other.dayKind("2024-05-04")).toBe("weekend");
      expect(other.workingDaysInMonth(2024, 3)).toBe(21);
    });

    it("the Thursday setting is for Iran only", () => {
      expect(productionCalendar({ country: "RU", iranThursdayOff: true }).dayKind("2024-03-14")).toBe("working");
    });
  });

  it("rejects a date that is not one", () => {
    expect(() => russia.dayKind("2024-02-30")).toThrow(RangeError);
    expect(() => russia.workingDaysElapsed(2024, 3, "today")).toThrow(RangeError);
  });
});
