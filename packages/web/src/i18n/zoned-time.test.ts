import { describe, expect, it } from "vitest";
import {
  calendarDaysFrom,
  fromZonedInputValue,
  toZonedInputValue,
  zonedDayAt,
  zonedDayKey,
  zoneOffsetMinutes,
} from "./zoned-time";

describe("zoned time", () => {
  it("knows the offsets of the zones we serve", () => {
    expect(zoneOffsetMinutes(new Date("2025-03-21T10:00:00Z"), "Asia/Tehran")).toBe(210);
    expect(zoneOffsetMinutes(new Date("2025-03-21T10:00:00Z"), "Europe/Moscow")).toBe(180);
    expect(zoneOffsetMinutes(new Date("2025-03-21T10:00:00Z"), "UTC")).toBe(0);
  });

  it("shows an instant on the organization's clock", () => {
    expect(toZonedInputValue(new Date("2025-03-20T22:30:00Z"), "Europe/Moscow")).toBe("2025-03-21T01:30");
    expect(toZonedInputValue(new Date("2025-03-20T22:30:00Z"), "UTC")).toBe("2025-03-20T22:30");
  });

  it("reads a wall-clock value back as the same instant", () => {
    expect(fromZonedInputValue("2025-03-21T01:30", "Europe/Moscow")?.toISOString()).toBe("2025-03-20T22:30:00.000Z");
    expect(fromZonedInputValue("2025-03-21T09:00", "Asia/Tehran")?.toISOString()).toBe("2025-03-21T05:30:00.000Z");
  });

  it("handles a daylight-saving switch", () => {
    // New York springs forward on 9 March 2025: noon that day is UTC-4.
    expect(fromZonedInputValue("2025-03-09T12:00", "America/New_York")?.toISOString()).toBe("2025-03-09T16:00:00.000Z");
    expect(fromZonedInputValue("2025-03-08T12:00", "America/New_York")?.toISOString()).toBe("2025-03-08T17:00:00.000Z");
  });

  it("rejects what is not a date and time", () => {
    expect(fromZonedInputValue("", "UTC")).toBeNull();
    expect(fromZonedInputValue("tomorrow", "UTC")).toBeNull();
    expect(fromZonedInputValue("2025-13-01T10:00", "UTC")).toBeNull();
  });

  it("counts calendar days in the zone, not in UTC", () => {
    const now = new Date("2025-03-20T20:00:00Z"); // 23:00 in Moscow
    const later = new Date("2025-03-20T21:30:00Z"); // 00:30 next day in Moscow
    expect(zonedDayKey(later, "Europe/Moscow")).toBe("2025-03-21");
    expect(calendarDaysFrom(now, later, "Europe/Moscow")).toBe(1);
    expect(calendarDaysFrom(now, later, "UTC")).toBe(0);
    expect(calendarDaysFrom(now, new Date("2025-03-18T12:00:00Z"), "UTC")).toBe(-2);
  });

  it("finds a time of day on a later day", () => {
    expect(zonedDayAt(new Date("2025-03-31T21:00:00Z"), 1, "10:00", "Europe/Moscow").toISOString()).toBe(
      "2025-04-02T07:00:00.000Z",
    );
  });
});
