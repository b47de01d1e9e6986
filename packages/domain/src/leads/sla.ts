import { type WorkCalendar, addBusinessMinutes } from "./business-time";

/** M5.5 speed to lead: how long a seller has to touch a new lead, in business minutes, and when it climbs higher. */
export type LeadSlaSettings = { remindAfterMinutes: number; reassignAfterMinutes: number; escalateAfterReassignments: number };

export const defaultLeadSla: LeadSlaSettings = { remindAfterMinutes: 5, reassignAfterMinutes: 15, escalateAfterReassignments: 2 };

/**
 * M5.5 speed to lead: when the seller a lead was just given to is reminded, and when it is taken from them —
 * counted in the organization's working time, so a lead arriving at night is not already late by morning.
 */
export const slaDeadlines = (
  assignedAt: Date,
  settings: LeadSlaSettings,
  calendar: WorkCalendar,
): { remindAt: Date; reassignAt: Date } => ({
  remindAt: addBusinessMinutes(assignedAt, settings.remindAfterMinutes, calendar),
  reassignAt: addBusinessMinutes(assignedAt, settings.reassignAfterMinutes, calendar),
});

/** What the SLA job does for a waiting lead at `now`. */
export type SlaStep = { kind: "none" } | { kind: "remind" } | { kind: "reassign" } | { kind: "escalate" };

/**
 * M5.5 speed to lead: the SLA job's next step for a lead nobody has touched yet. Once `reassignAt` is reached the
 * lead moves to another seller, until it has moved `escalateAfterReassignments` times: then the head of sales is
 * told, once. Before that, the seller is reminded once `remindAt` is reached. A deadline is reached at its instant.
 * The caller records each step (remindedAt, a new assignment with reassignCount + 1, escalatedAt), which is what
 * keeps the job from repeating it.
 */
export const slaStep = (
  lead: { remindAt: Date; reassignAt: Date; remindedAt: Date | null; reassignCount: number; escalatedAt: Date | null },
  now: Date,
  settings: LeadSlaSettings,
): SlaStep => {
  if (now.getTime() >= lead.reassignAt.getTime()) {
    if (lead.reassignCount < settings.escalateAfterReassignments) return { kind: "reassign" };
    return lead.escalatedAt === null ? { kind: "escalate" } : { kind: "none" };
  }
  if (now.getTime() >= lead.remindAt.getTime() && lead.remindedAt === null) return { kind: "remind" };
  return { kind: "none" };
};

const firstTouchTypes: ReadonlySet<string> = new Set(["call", "email", "meeting"]);

/**
 * M5.5 speed to lead: whether an activity stops the lead's SLA clock. Only reaching the person counts — a call,
 * an email or a meeting; a note or a task does not.
 */
export const isFirstTouch = (activityType: string): boolean => firstTouchTypes.has(activityType);
