import { describe, expect, it } from "vitest";
import { dayBounds, localDateOf, localDayStart } from "./tasks";

describe("localDayStart", () => {
  it.each([
    ["2026-12-07", "UTC", "2026-12-07T00:00:00.000Z"],
    ["2026-12-07", "Europe/Moscow", "2026-12-06T21:00:00.000Z"],
    ["2026-12-07", "Asia/Tehran", "2026-12-06T20:30:00.000Z"],
    ["2026-12-07", "Pacific/Kiritimati", "2026-12-06T10:00:00.000Z"],
    ["2026-12-07", "America/Los_Angeles", "2026-12-07T08:00:00.000Z"],
    // The day the clocks go forward (at 02:00 local) starts before the change; the next day after it.
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"],
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"],
  ])("%s in %s begins at %s", (day, timeZone, instant) => {
    expect(localDayStart(day, timeZone).toISOString()).toBe(instant);
  });

  it("is the first instant of that local date", () => {
    for (const timeZone of ["Asia/Tehran", "Europe/Moscow", "America/New_York"]) {
      const start = localDayStart("2026-11-01", timeZone);
      expect(localDateOf(start, timeZone)).toBe("2026-11-01");
      expect(localDateOf(new Date(start.getTime() - 1), timeZone)).toBe("2026-10-31");
    }
  });
});

describe("dayBounds", () => {
  // The API takes any four-digit year in a date filter; the bounds of its first and last days are instants, not errors.
  it.each(["0001-01-01", "9999-12-31"])("gives the bounds of %s without throwing", (day) => {
    for (const timeZone of ["Europe/Moscow", "Asia/Tehran"]) {
      const { start, end } = dayBounds(new Date(`${day}T12:00:00Z`), timeZone);
      expect(end.getTime() - start.getTime()).toBeGreaterThan(0);
    }
  });
});
