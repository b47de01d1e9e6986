import { describe, expect, it } from "vitest";
import { dayOfPeriodLabel, periodKindOf, periodLabel, shiftPeriodKey } from "./kpi-period";

describe("the results' months", () => {
  it("plans by the Solar Hijri month in Iran and by the Gregorian one elsewhere", () => {
    expect(periodKindOf("IR")).toBe("jalali_month");
    expect(periodKindOf("RU")).toBe("month");
    expect(periodKindOf("OTHER")).toBe("month");
  });

  it.each([
    ["2026-12", 1, "2027-01"],
    ["2026-12", -1, "2026-11"],
    ["2027-01", -1, "2026-12"],
    ["1405-09", 4, "1406-01"],
    ["2026-05", -17, "2024-12"],
    ["2026-05", 0, "2026-05"],
  ])("%s moved by %i is %s", (key, months, expected) => {
    expect(shiftPeriodKey(key, months)).toBe(expected);
  });

  it("names a month in its own calendar and the reader's language", () => {
    expect(periodLabel("en", { kind: "month", start: "2026-12-01" })).toBe("December 2026");
    expect(periodLabel("ru", { kind: "month", start: "2026-12-01" })).toMatch(/^декабрь 2026/);
    // A Gregorian month read in Persian stays Gregorian: "دسامبر ۲۰۲۶", not the Persian month it starts in.
    expect(periodLabel("fa", { kind: "month", start: "2026-12-01" })).toBe("دسامبر ۲۰۲۶");
    // Azar 1405 starts on 22 November 2026.
    expect(periodLabel("fa", { kind: "jalali_month", start: "2026-11-22" })).toBe("آذر ۱۴۰۵");
    expect(periodLabel("en", { kind: "jalali_month", start: "2026-11-22" })).toMatch(/^Azar 1405/);
  });

  it("numbers the chart's days in the period's calendar", () => {
    expect(dayOfPeriodLabel("en", "month", "2026-12-07")).toBe("7");
    expect(dayOfPeriodLabel("fa", "jalali_month", "2026-11-22")).toBe("۱");
  });
});
