import type { TFunction } from "i18next";
import type { ClockedLead, LeadAssignment, LeadPage, LeadQueue } from "@conveyor/contracts";
import { isolate } from "../conveyor/level-words";
import { formatBusinessMinutes } from "../lead-routing/durations";
import { minutesLeft, minutesOfAge, minutesPast, type SlaState } from "./sla-state";

/** The touched count stops at 10,000 on the server (a count of every touched lead ever would cost a scan). */
export const touchedCountCap = 10_000;

/** A tab's count: "All" is the sum of the four; `capped` when the touched count reached the server's cap. */
export const queueCount = (counts: LeadPage["counts"], queue: LeadQueue): { value: number; capped: boolean } => {
  const touchedCapped = counts.touched >= touchedCountCap;
  switch (queue) {
    case "unassigned":
    case "waiting":
    case "escalated":
      return { value: counts[queue], capped: false };
    case "touched":
      return { value: counts.touched, capped: touchedCapped };
    case "all":
      return { value: counts.unassigned + counts.waiting + counts.escalated + counts.touched, capped: touchedCapped };
  }
};

/** Whole business minutes as people read them: "4 min", "1 h 20 min" (a business day is not 24 hours, so no days). */
const span = (t: TFunction, minutes: number) => formatBusinessMinutes(t, minutes);

/** The SLA state as one short line: "3 min to the reminder", "Overdue by 4 min", "Touched in 12 min". */
export const slaText = (t: TFunction, state: SlaState): string => {
  switch (state.kind) {
    case "on_time":
      return t("leads.sla.on_time", { time: span(t, minutesLeft(state.toRemindMinutes)) });
    case "reminded":
      return t("leads.sla.reminded", { time: span(t, minutesLeft(state.toReassignMinutes)) });
    case "overdue":
      return t("leads.sla.overdue", { time: span(t, minutesPast(state.minutes)) });
    case "escalated":
      return t("leads.sla.escalated");
    case "unassigned":
      return t("leads.sla.unassigned");
    case "touched":
      return t("leads.sla.touched", { time: span(t, minutesOfAge(state.minutes)) });
  }
};

/** The second line under the state: when the lead moves on, or how the touch compares with the SLA. */
export const slaDetail = (t: TFunction, state: SlaState, slaMinutes: number): string | null => {
  switch (state.kind) {
    case "on_time":
      return t("leads.slaDetail.reassignIn", { time: span(t, minutesLeft(state.toReassignMinutes)) });
    case "touched":
      return t(state.withinSla ? "leads.slaDetail.withinSla" : "leads.slaDetail.overSla", { time: span(t, slaMinutes) });
    case "reminded":
    case "overdue":
    case "escalated":
    case "unassigned":
      return null;
  }
};

/** How long the lead has waited, or how long its first touch took. */
export const ageText = (t: TFunction, lead: Pick<ClockedLead, "status" | "clock">): string => {
  const time = span(t, minutesOfAge(lead.clock.ageMinutes));
  return lead.status === "touched" ? t("leads.touchedAge", { time }) : t("leads.age", { time });
};

/** Why this seller: the distribution step in the method's words, naming the rule when a rule chose. */
export const routeText = (t: TFunction, lead: Pick<ClockedLead, "route" | "ruleName">): string =>
  lead.route === "rule" && lead.ruleName ? t("leads.route.rule", { name: isolate(lead.ruleName) }) : t(`leadRouting.routes.${lead.route}`);

/** The lead's status with escalation made visible: an escalated lead is still "waiting" on the wire. */
export const statusKey = (lead: Pick<ClockedLead, "status" | "escalatedAt">): "waiting" | "touched" | "unassigned" | "escalated" =>
  lead.status === "waiting" && lead.escalatedAt !== null ? "escalated" : lead.status;

/** Who the lead is from, as the queue's first line names it: the client, then the person when it differs. */
export const leadPeople = (lead: Pick<ClockedLead, "company" | "name">): { client: string; contact: string | null } => {
  const contact = lead.name?.trim() || null;
  return { client: lead.company.name, contact: contact && contact !== lead.company.name ? contact : null };
};

/** "Anna → Boris" in the reader's direction (the arrow is the translation's); "To Anna" for the first hand. */
export const assignmentMove = (t: TFunction, assignment: Pick<LeadAssignment, "from" | "to">): string => {
  const to = assignment.to ? isolate(assignment.to.name) : t("leads.history.nobody");
  return assignment.from ? t("leads.history.move", { from: isolate(assignment.from.name), to }) : t("leads.history.first", { to });
};
