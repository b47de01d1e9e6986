import { describe, expect, it } from "vitest";
import { formatShortDate } from "../i18n/intl";
import { dayToFormat } from "./calendar-day";

describe("dayToFormat", () => {
  it("keeps a calendar day on its day in any time zone", () => {
    const day = dayToFormat("2025-03-01", "America/Los_Angeles");
    expect(day).toEqual({ value: "2025-03-01T00:00:00Z", timeZone: "UTC" });
    expect(formatShortDate("en", day.value, day.timeZone)).toBe("1 Mar 2025");
  });

  it("reads a timestamp in the organization's zone", () => {
    expect(dayToFormat("2025-03-01T23:30:00Z", "Europe/Moscow")).toEqual({ value: "2025-03-01T23:30:00Z", timeZone: "Europe/Moscow" });
  });
});
