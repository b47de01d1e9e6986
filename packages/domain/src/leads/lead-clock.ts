import { type WorkCalendar, businessMinutesBetween, isWithinWorkingHours } from "./business-time";

/** A lead as its clocks need it: when it came, its SLA deadlines, and when (and how fast) it was first touched. */
export type LeadTimers = {
  status: "waiting" | "touched" | "unassigned";
  receivedAt: Date;
  remindAt: Date | null;
  reassignAt: Date | null;
  businessMinutesToTouch: number | null;
};

/**
 * A lead's clocks at `now` in business minutes (M5.5 speed to lead). `ageMinutes`: working time since it arrived,
 * or to its first touch once touched. `toRemindMinutes` / `toReassignMinutes`: working time left before the seller
 * is reminded / the lead is taken from them, negative once the deadline has passed, null when that timer does not
 * run (touched, unassigned, escalated). `running`: whether working time passes at `now` at all — outside the
 * organization's hours every clock stands still. Minutes are kept to a hundredth, as speed to lead stores them.
 */
export type LeadClocks = {
  ageMinutes: number;
  toRemindMinutes: number | null;
  toReassignMinutes: number | null;
  running: boolean;
};

const hundredths = (minutes: number): number => Math.round(minutes * 100) / 100;

/** Working minutes from `now` to `deadline`: positive ahead of it, negative past it. */
const signedMinutesTo = (deadline: Date, now: Date, calendar: WorkCalendar): number =>
  deadline.getTime() >= now.getTime()
    ? hundredths(businessMinutesBetween(now, deadline, calendar))
    : -hundredths(businessMinutesBetween(deadline, now, calendar));

/** M5.5: the clocks of one lead at `now` on the organization's working calendar (see LeadClocks). */
export const leadClock = (lead: LeadTimers, now: Date, calendar: WorkCalendar): LeadClocks => {
  const running = isWithinWorkingHours(now, calendar);
  if (lead.status === "touched") {
    return {
      ageMinutes: lead.businessMinutesToTouch ?? 0,
      toRemindMinutes: null,
      toReassignMinutes: null,
      running,
    };
  }
  const waiting = lead.status === "waiting";
  return {
    ageMinutes: hundredths(businessMinutesBetween(lead.receivedAt, now, calendar)),
    toRemindMinutes: waiting && lead.remindAt ? signedMinutesTo(lead.remindAt, now, calendar) : null,
    toReassignMinutes: waiting && lead.reassignAt ? signedMinutesTo(lead.reassignAt, now, calendar) : null,
    running,
  };
};
