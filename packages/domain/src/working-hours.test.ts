import { describe, expect, it } from "vitest";
import { minutesOfDay, workingDayMinutes } from "./working-hours";

describe("working hours", () => {
  it.each([
    ["00:00", 0],
    ["09:00", 540],
    ["18:30", 1110],
    ["23:59", 1439],
  ])("%s is %i minutes after midnight", (hhmm, minutes) => {
    expect(minutesOfDay(hhmm)).toBe(minutes);
  });

  it.each(["24:00", "9:00", "12:60", "noon"])("rejects %s", (hhmm) => {
    expect(() => minutesOfDay(hhmm)).toThrow(RangeError);
  });

  it("a 09:00–18:00 day lasts 540 minutes", () => {
    expect(workingDayMinutes({ start: "09:00", end: "18:00" })).toBe(540);
  });
});
