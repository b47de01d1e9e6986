import type { ClockedLead } from "@conveyor/contracts";

/**
 * Where a lead stands against its SLA (M5.5 speed to lead), from the clocks the server counted in business minutes:
 * - `touched`: somebody reached the person, in `minutes`; `withinSla` when no later than the SLA;
 * - `on_time`: the seller still has `toRemindMinutes` before the reminder and `toReassignMinutes` before it is taken;
 * - `reminded`: the reminder is past, `toReassignMinutes` are left before the lead goes to another seller;
 * - `overdue`: past the reassignment by `minutes` (the SLA job moves it on its next round);
 * - `escalated`: taken from sellers as often as the settings allow, the head of sales was told;
 * - `unassigned`: nobody could take it, `ageMinutes` ago; `late` once that is longer than the SLA.
 */
export type SlaState =
  | { kind: "touched"; minutes: number; withinSla: boolean }
  | { kind: "on_time"; toRemindMinutes: number; toReassignMinutes: number }
  | { kind: "reminded"; toReassignMinutes: number }
  | { kind: "overdue"; minutes: number }
  | { kind: "escalated"; ageMinutes: number }
  | { kind: "unassigned"; ageMinutes: number; late: boolean };

export type SlaLead = Pick<ClockedLead, "status" | "escalatedAt" | "clock">;

export const slaStateOf = (lead: SlaLead): SlaState => {
  const { clock } = lead;
  switch (lead.status) {
    case "touched":
      return { kind: "touched", minutes: clock.ageMinutes, withinSla: clock.ageMinutes <= clock.slaMinutes };
    case "unassigned":
      return { kind: "unassigned", ageMinutes: clock.ageMinutes, late: clock.ageMinutes > clock.slaMinutes };
    case "waiting": {
      if (lead.escalatedAt !== null) return { kind: "escalated", ageMinutes: clock.ageMinutes };
      const toReassign = clock.toReassignMinutes;
      // A waiting lead without a running reassignment timer has used its SLA up: late by what it waited beyond it.
      if (toReassign === null) return { kind: "overdue", minutes: Math.max(0, clock.ageMinutes - clock.slaMinutes) };
      if (toReassign <= 0) return { kind: "overdue", minutes: Math.abs(toReassign) };
      const toRemind = clock.toRemindMinutes;
      if (toRemind === null || toRemind <= 0) return { kind: "reminded", toReassignMinutes: toReassign };
      return { kind: "on_time", toRemindMinutes: toRemind, toReassignMinutes: toReassign };
    }
  }
};

/** How the state reads at a glance: green done in time, blue running, orange warned, red late. */
export type SlaTone = "done" | "late_done" | "running" | "warned" | "late";

export const slaTone = (state: SlaState): SlaTone => {
  switch (state.kind) {
    case "touched":
      return state.withinSla ? "done" : "late_done";
    case "on_time":
      return "running";
    case "reminded":
      return "warned";
    case "overdue":
    case "escalated":
      return "late";
    case "unassigned":
      return state.late ? "late" : "warned";
  }
};

export const slaToneColor: Record<SlaTone, string> = { done: "green", late_done: "orange", running: "blue", warned: "orange", late: "red" };

/**
 * Whole minutes for reading. Time left is rounded up — 20 seconds left still reads "1 min", never "0 min" while
 * there is time; time past and age are rounded down, except that anything past reads at least "1 min".
 */
export const minutesLeft = (minutes: number): number => Math.max(0, Math.ceil(minutes - 1e-9));
export const minutesPast = (minutes: number): number => Math.max(1, Math.floor(minutes + 1e-9));
export const minutesOfAge = (minutes: number): number => Math.max(0, Math.floor(minutes + 1e-9));
