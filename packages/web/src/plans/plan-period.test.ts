import { describe, expect, it } from "vitest";
import { dayInPeriodAfter, periodKindFor, periodLabel, shiftPeriodKey } from "./plan-period";

describe("plan periods", () => {
  it("Iranian organizations plan by the Jalali month", () => {
    expect(periodKindFor("IR")).toBe("jalali_month");
    expect(periodKindFor("RU")).toBe("month");
  });

  it.each([
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["1405-09", 3, "1405-12"],
    ["1405-12", 1, "1406-01"],
    ["2026-05", -3, "2026-02"],
  ])("%s shifted by %i is %s", (key, months, shifted) => {
    expect(shiftPeriodKey(key, months)).toBe(shifted);
  });

  it("names a Gregorian month in each language, and a Jalali month as Iranians write it", () => {
    expect(periodLabel("ru", "month", "2026-12-01")).toBe("Декабрь 2026 г.");
    expect(periodLabel("en", "month", "2026-12-01")).toBe("December 2026");
    expect(periodLabel("fa", "month", "2026-12-01")).toBe("دسامبر ۲۰۲۶");
    // 1 Azar 1405 is 22 November 2026.
    expect(periodLabel("fa", "jalali_month", "2026-11-22")).toBe("آذر ۱۴۰۵");
    expect(periodLabel("en", "jalali_month", "2026-11-22")).toBe("Azar 1405");
  });

  it("finds a day inside each of the next twelve months, Jalali or Gregorian", () => {
    // Farvardin 1405 starts on 21 March 2026; its first six months have 31 days, the next five 30.
    const jalali = Array.from({ length: 12 }, (_, i) => periodLabel("en", "jalali_month", dayInPeriodAfter("2026-03-21", i + 1)));
    expect(jalali).toEqual(["Ordibehesht 1405", "Khordad 1405", "Tir 1405", "Mordad 1405", "Shahrivar 1405", "Mehr 1405", "Aban 1405", "Azar 1405", "Dey 1405", "Bahman 1405", "Esfand 1405", "Farvardin 1406"]);
    expect(dayInPeriodAfter("2026-01-01", 1).slice(0, 7)).toBe("2026-02");
    expect(dayInPeriodAfter("2026-12-01", 2).slice(0, 7)).toBe("2027-02");
  });
});
