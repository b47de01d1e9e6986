import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type WorkCalendar, countryWeekend, weekendWorkingDay } from "./business-time";
import { type LeadSlaSettings, type SlaStep, defaultLeadSla, isFirstTouch, slaDeadlines, slaStep } from "./sla";

const moscow: WorkCalendar = {
  timeZone: "Europe/Moscow",
  workStart: "09:00",
  workEnd: "18:00",
  isWorkingDay: weekendWorkingDay(countryWeekend("RU")),
};

describe("slaDeadlines (M5.5)", () => {
  it.each<[string, string, LeadSlaSettings, string, string]>([
    ["Monday 10:00 MSK: 10:05 and 10:15", "2024-03-18T07:00:00Z", defaultLeadSla, "2024-03-18T07:05:00Z", "2024-03-18T07:15:00Z"],
    ["Friday 23:00 MSK: Monday 09:05 and 09:15", "2024-03-15T20:00:00Z", defaultLeadSla, "2024-03-18T06:05:00Z", "2024-03-18T06:15:00Z"],
    ["Monday 17:50 MSK: 17:55 and Tuesday 09:05", "2024-03-18T14:50:00Z", defaultLeadSla, "2024-03-18T14:55:00Z", "2024-03-19T06:05:00Z"],
    [
      "settings are the organization's",
      "2024-03-18T07:00:00Z",
      { remindAfterMinutes: 30, reassignAfterMinutes: 120, escalateAfterReassignments: 1 },
      "2024-03-18T07:30:00Z",
      "2024-03-18T09:00:00Z",
    ],
  ])("%s", (_, assignedAt, settings, remindAt, reassignAt) => {
    const deadlines = slaDeadlines(new Date(assignedAt), settings, moscow);
    expect(deadlines.remindAt.toISOString()).toBe(new Date(remindAt).toISOString());
    expect(deadlines.reassignAt.toISOString()).toBe(new Date(reassignAt).toISOString());
  });
});

type WaitingLead = Parameters<typeof slaStep>[0];

describe("slaStep (M5.5)", () => {
  const remindAt = new Date("2024-03-18T07:05:00Z");
  const reassignAt = new Date("2024-03-18T07:15:00Z");
  const waiting: WaitingLead = { remindAt, reassignAt, remindedAt: null, reassignCount: 0, escalatedAt: null };
  const reminded = new Date("2024-03-18T07:05:30Z");
  const escalated = new Date("2024-03-18T07:16:00Z");

  it.each<[string, Partial<WaitingLead>, string, SlaStep["kind"]]>([
    ["before any deadline", {}, "2024-03-18T07:04:59Z", "none"],
    ["at the reminder", {}, "2024-03-18T07:05:00Z", "remind"],
    ["after the reminder", {}, "2024-03-18T07:10:00Z", "remind"],
    ["already reminded", { remindedAt: reminded }, "2024-03-18T07:10:00Z", "none"],
    ["at the reassignment", { remindedAt: reminded }, "2024-03-18T07:15:00Z", "reassign"],
    ["reassignment wins over a missed reminder", {}, "2024-03-18T07:20:00Z", "reassign"],
    ["second reassignment", { reassignCount: 1 }, "2024-03-18T07:20:00Z", "reassign"],
    ["reassigned twice: escalate", { reassignCount: 2 }, "2024-03-18T07:20:00Z", "escalate"],
    ["escalated once only", { reassignCount: 2, escalatedAt: escalated }, "2024-03-18T07:20:00Z", "none"],
    ["more reassignments than the setting still escalate", { reassignCount: 5 }, "2024-03-18T07:20:00Z", "escalate"],
    ["reassigned twice, not yet due: nothing", { reassignCount: 2, remindedAt: reminded }, "2024-03-18T07:10:00Z", "none"],
    ["reassigned twice, the new seller is reminded", { reassignCount: 2 }, "2024-03-18T07:10:00Z", "remind"],
  ])("%s", (_, overrides, now, expected) => {
    expect(slaStep({ ...waiting, ...overrides }, new Date(now), defaultLeadSla).kind).toBe(expected);
  });

  it("a lead nobody touches is reassigned `escalateAfterReassignments` times, then escalated once, then left alone", () => {
    fc.assert(
      fc.property(fc.nat(5), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), (escalateAfterReassignments, remind, extra) => {
        const settings = { remindAfterMinutes: remind, reassignAfterMinutes: remind + extra, escalateAfterReassignments };
        const minute = (n: number) => new Date(Date.UTC(2024, 2, 18, 7, n));
        const lead: WaitingLead = { remindAt: minute(remind), reassignAt: minute(remind + extra), remindedAt: null, reassignCount: 0, escalatedAt: null };
        const steps: SlaStep["kind"][] = [];
        // The job runs every minute for long enough to see every step.
        for (let now = 0; now <= (escalateAfterReassignments + 2) * (remind + extra + 1); now += 1) {
          const step = slaStep(lead, minute(now), settings);
          if (step.kind !== "none") steps.push(step.kind);
          if (step.kind === "remind") lead.remindedAt = minute(now);
          if (step.kind === "escalate") lead.escalatedAt = minute(now);
          if (step.kind === "reassign") {
            lead.reassignCount += 1;
            lead.remindedAt = null;
            lead.remindAt = minute(now + remind);
            lead.reassignAt = minute(now + remind + extra);
          }
        }
        expect(steps.filter((kind) => kind === "reassign")).toHaveLength(escalateAfterReassignments);
        expect(steps.filter((kind) => kind === "escalate")).toHaveLength(1);
        expect(steps.at(-1)).toBe("escalate");
      }),
    );
  });
});

describe("isFirstTouch (M5.5)", () => {
  it.each<[string, boolean]>([
    ["call", true],
    ["email", true],
    ["meeting", true],
    ["note", false],
    ["task", false],
    ["status_change", false],
    ["Call", false],
    ["", false],
  ])("%j → %s", (activityType, expected) => {
    expect(isFirstTouch(activityType)).toBe(expected);
  });
});
