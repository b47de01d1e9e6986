import { describe, expect, it } from "vitest";
import { type WorkCalendar, countryWeekend, weekendWorkingDay } from "./business-time";
import { type LeadTimers, leadClock } from "./lead-clock";

const moscow: WorkCalendar = {
  timeZone: "Europe/Moscow",
  workStart: "09:00",
  workEnd: "18:00",
  isWorkingDay: weekendWorkingDay(countryWeekend("RU")),
};

/** Monday 18 March 2024, 10:00 in Moscow; the default SLA of 5 and 15 minutes. */
const arrived = new Date("2024-03-18T07:00:00Z");
const waiting: LeadTimers = {
  status: "waiting",
  receivedAt: arrived,
  remindAt: new Date("2024-03-18T07:05:00Z"),
  reassignAt: new Date("2024-03-18T07:15:00Z"),
  businessMinutesToTouch: null,
};

describe("leadClock (M5.5)", () => {
  it.each<[string, LeadTimers, string, ReturnType<typeof leadClock>]>([
    ["just arrived", waiting, "2024-03-18T07:00:00Z", { ageMinutes: 0, toRemindMinutes: 5, toReassignMinutes: 15, running: true }],
    ["three and a half minutes on", waiting, "2024-03-18T07:03:30Z", { ageMinutes: 3.5, toRemindMinutes: 1.5, toReassignMinutes: 11.5, running: true }],
    ["past the reminder", waiting, "2024-03-18T07:08:00Z", { ageMinutes: 8, toRemindMinutes: -3, toReassignMinutes: 7, running: true }],
    ["past both deadlines", waiting, "2024-03-18T07:20:00Z", { ageMinutes: 20, toRemindMinutes: -15, toReassignMinutes: -5, running: true }],
    [
      "the night does not count: Monday 17:55 → Tuesday 09:03",
      { ...waiting, receivedAt: new Date("2024-03-18T14:55:00Z"), remindAt: new Date("2024-03-19T06:00:00Z"), reassignAt: new Date("2024-03-19T06:10:00Z") },
      "2024-03-19T06:03:00Z",
      { ageMinutes: 8, toRemindMinutes: -3, toReassignMinutes: 7, running: true },
    ],
    [
      "on Saturday every clock stands still",
      { ...waiting, receivedAt: new Date("2024-03-15T14:50:00Z"), remindAt: new Date("2024-03-15T14:55:00Z"), reassignAt: new Date("2024-03-18T06:05:00Z") },
      "2024-03-16T09:00:00Z",
      { ageMinutes: 10, toRemindMinutes: -5, toReassignMinutes: 5, running: false },
    ],
    [
      "escalated: no reassignment timer",
      { ...waiting, reassignAt: null },
      "2024-03-18T07:30:00Z",
      { ageMinutes: 30, toRemindMinutes: -25, toReassignMinutes: null, running: true },
    ],
    [
      "unassigned: only the age",
      { ...waiting, status: "unassigned", remindAt: null, reassignAt: null },
      "2024-03-18T07:12:00Z",
      { ageMinutes: 12, toRemindMinutes: null, toReassignMinutes: null, running: true },
    ],
    [
      "touched: its speed to lead, whatever the time now",
      { ...waiting, status: "touched", reassignAt: null, businessMinutesToTouch: 4.25 },
      "2024-03-20T07:00:00Z",
      { ageMinutes: 4.25, toRemindMinutes: null, toReassignMinutes: null, running: true },
    ],
  ])("%s", (_, lead, now, expected) => {
    expect(leadClock(lead, new Date(now), moscow)).toEqual(expected);
  });
});
