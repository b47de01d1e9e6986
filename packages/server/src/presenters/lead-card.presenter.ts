import type { ClockedLead, LeadAssignment } from "@conveyor/contracts";
import { leadAssignmentCauseSchema, leadRouteSchema } from "@conveyor/contracts";
import { leadClock, type WorkCalendar } from "@conveyor/domain";
import type { LeadAssignmentRow } from "../repositories/lead-assignment.repository";
import type { LeadRow } from "../repositories/lead.repository";
import { presentLead } from "./lead-queue.presenter";

/** What the clocks of the queue need besides the lead: the moment of the answer and the organization's working time. */
export type LeadClockContext = { now: Date; calendar: WorkCalendar; slaMinutes: number };

/** A lead with its clocks in business minutes (M5.5), for the queue and the lead card. */
export const presentClockedLead = (row: LeadRow, clock: LeadClockContext): ClockedLead => {
  const lead = presentLead(row);
  return {
    ...lead,
    clock: {
      ...leadClock(
        { status: lead.status, receivedAt: row.receivedAt, remindAt: row.remindAt, reassignAt: row.reassignAt, businessMinutesToTouch: row.businessMinutesToTouch },
        clock.now,
        clock.calendar,
      ),
      slaMinutes: clock.slaMinutes,
    },
  };
};

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

export const presentLeadAssignment = (row: LeadAssignmentRow): LeadAssignment => ({
  at: row.at.toISOString(),
  from: person(row.fromUserId, row.fromName),
  to: person(row.toUserId, row.toName),
  route: leadRouteSchema.parse(row.route),
  cause: leadAssignmentCauseSchema.parse(row.cause),
  actor: person(row.actorId, row.actorName),
});
