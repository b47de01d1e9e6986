import { describe, expect, it } from "vitest";
import type { LeadClock } from "@conveyor/contracts";
import { minutesLeft, minutesOfAge, minutesPast, slaStateOf, slaTone, type SlaLead, type SlaState } from "./sla-state";

const clock = (overrides: Partial<LeadClock>): LeadClock => ({
  ageMinutes: 0,
  toRemindMinutes: 5,
  toReassignMinutes: 15,
  running: true,
  slaMinutes: 15,
  ...overrides,
});

const waiting = (overrides: Partial<LeadClock>, escalatedAt: string | null = null): SlaLead => ({
  status: "waiting",
  escalatedAt,
  clock: clock(overrides),
});

describe("slaStateOf (M5.5)", () => {
  it.each<[string, SlaLead, SlaState]>([
    ["fresh: the reminder ahead", waiting({ ageMinutes: 1, toRemindMinutes: 4, toReassignMinutes: 14 }), { kind: "on_time", toRemindMinutes: 4, toReassignMinutes: 14 }],
    ["at the reminder", waiting({ ageMinutes: 5, toRemindMinutes: 0, toReassignMinutes: 10 }), { kind: "reminded", toReassignMinutes: 10 }],
    ["past the reminder", waiting({ ageMinutes: 8, toRemindMinutes: -3, toReassignMinutes: 7 }), { kind: "reminded", toReassignMinutes: 7 }],
    ["at the reassignment", waiting({ ageMinutes: 15, toRemindMinutes: -10, toReassignMinutes: 0 }), { kind: "overdue", minutes: 0 }],
    ["past the reassignment", waiting({ ageMinutes: 19, toRemindMinutes: -14, toReassignMinutes: -4 }), { kind: "overdue", minutes: 4 }],
    ["no timer left: late by what it waited past the SLA", waiting({ ageMinutes: 40, toRemindMinutes: -35, toReassignMinutes: null }), { kind: "overdue", minutes: 25 }],
    ["escalated", waiting({ ageMinutes: 50, toReassignMinutes: null }, "2026-12-08T08:50:00Z"), { kind: "escalated", ageMinutes: 50 }],
    [
      "touched within the SLA",
      { status: "touched", escalatedAt: null, clock: clock({ ageMinutes: 6, toRemindMinutes: null, toReassignMinutes: null }) },
      { kind: "touched", minutes: 6, withinSla: true },
    ],
    [
      "touched exactly at the SLA",
      { status: "touched", escalatedAt: null, clock: clock({ ageMinutes: 15, toRemindMinutes: null, toReassignMinutes: null }) },
      { kind: "touched", minutes: 15, withinSla: true },
    ],
    [
      "touched late, after an escalation",
      { status: "touched", escalatedAt: "2026-12-08T08:50:00Z", clock: clock({ ageMinutes: 52, toRemindMinutes: null, toReassignMinutes: null }) },
      { kind: "touched", minutes: 52, withinSla: false },
    ],
    [
      "unassigned, still within the SLA",
      { status: "unassigned", escalatedAt: null, clock: clock({ ageMinutes: 3, toRemindMinutes: null, toReassignMinutes: null }) },
      { kind: "unassigned", ageMinutes: 3, late: false },
    ],
    [
      "unassigned for longer than the SLA",
      { status: "unassigned", escalatedAt: null, clock: clock({ ageMinutes: 16, toRemindMinutes: null, toReassignMinutes: null }) },
      { kind: "unassigned", ageMinutes: 16, late: true },
    ],
  ])("%s", (_, lead, expected) => {
    expect(slaStateOf(lead)).toEqual(expected);
  });

  it("reads late states in red and the running clock in blue", () => {
    expect(slaTone({ kind: "overdue", minutes: 2 })).toBe("late");
    expect(slaTone({ kind: "escalated", ageMinutes: 30 })).toBe("late");
    expect(slaTone({ kind: "unassigned", ageMinutes: 30, late: true })).toBe("late");
    expect(slaTone({ kind: "unassigned", ageMinutes: 3, late: false })).toBe("warned");
    expect(slaTone({ kind: "reminded", toReassignMinutes: 3 })).toBe("warned");
    expect(slaTone({ kind: "on_time", toRemindMinutes: 3, toReassignMinutes: 13 })).toBe("running");
    expect(slaTone({ kind: "touched", minutes: 3, withinSla: true })).toBe("done");
    expect(slaTone({ kind: "touched", minutes: 30, withinSla: false })).toBe("late_done");
  });
});

describe("rounding business minutes for reading", () => {
  it.each<[number, number, number, number]>([
    // minutes, left (up), past (down, at least 1), age (down)
    [0, 0, 1, 0],
    [0.2, 1, 1, 0],
    [1, 1, 1, 1],
    [4.5, 5, 4, 4],
    [14.99, 15, 14, 14],
    [60, 60, 60, 60],
  ])("%d", (minutes, left, past, age) => {
    expect(minutesLeft(minutes)).toBe(left);
    expect(minutesPast(minutes)).toBe(past);
    expect(minutesOfAge(minutes)).toBe(age);
  });

  it("never reads time left below zero", () => {
    expect(minutesLeft(-3)).toBe(0);
    expect(minutesOfAge(-0.5)).toBe(0);
  });
});
