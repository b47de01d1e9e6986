import type { Absence, CreatedLeadSource, LeadAvailability, LeadSettings, LeadSource, RoutingRule } from "@conveyor/contracts";
import { absenceSchema, createdLeadSourceSchema, leadAvailabilitySchema, leadSettingsSchema, leadSourceSchema, routingRuleSchema } from "@conveyor/contracts";
import type { AbsenceRow } from "../repositories/absence.repository";
import type { PoolMember } from "../repositories/lead-availability.repository";
import { sourceConfigOf, type LeadSourceWithCounts } from "../repositories/lead-source.repository";
import type { LeadSettingsRow } from "../repositories/lead-settings.repository";
import type { RoutingRuleRow } from "../repositories/routing-rule.repository";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/**
 * A lead source on the wire. The mailbox password and the webhook secret stay behind: the mailbox fields are
 * copied one by one (a field added to the stored settings does not reach the wire by accident), the password
 * shows only as `hasPassword`.
 */
export const presentLeadSource = (row: LeadSourceWithCounts): LeadSource => {
  const { form, email } = sourceConfigOf(row);
  return leadSourceSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    channel: row.channel,
    enabled: row.enabled,
    defaultTemperature: row.defaultTemperature,
    publicKey: row.publicKey,
    form,
    email: email && {
      host: email.host,
      port: email.port,
      secure: email.secure,
      user: email.user,
      mailbox: email.mailbox,
      allowSelfSigned: email.allowSelfSigned,
      pollSeconds: email.pollSeconds,
      hasPassword: !!email.password,
    },
    lastPolledAt: iso(row.lastPolledAt),
    lastError: row.lastError,
    leadsTotal: row.leadsTotal,
    leadsToday: row.leadsToday,
  });
};

/** A source just made: a webhook's secret comes back this once. */
export const presentCreatedLeadSource = (row: LeadSourceWithCounts, secret: string | null): CreatedLeadSource =>
  createdLeadSourceSchema.parse({ ...presentLeadSource(row), secret });

export const presentRoutingRule = (row: RoutingRuleRow): RoutingRule =>
  routingRuleSchema.parse({
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    position: row.position,
    conditions: row.conditions,
    targetTeam: row.targetTeamId && row.targetTeamName !== null ? { id: row.targetTeamId, name: row.targetTeamName } : null,
    targetUsers: row.targetUsers,
  });

export const presentLeadAvailability = (member: PoolMember, noProspects: boolean): LeadAvailability =>
  leadAvailabilitySchema.parse({
    user: { id: member.userId, name: member.name },
    role: member.role,
    level: member.level,
    active: member.active,
    paused: member.paused,
    leadCap: member.leadCap,
    weight: member.weight,
    skills: member.skills,
    onDuty: member.onDuty,
    workStart: member.workStart,
    workEnd: member.workEnd,
    absentToday: member.absent,
    withinHours: member.withinHours,
    openLeads: member.openLeads,
    assignedToday: member.assignedToday,
    noProspects,
  });

export const presentAbsence = (row: AbsenceRow): Absence =>
  absenceSchema.parse({
    id: row.id,
    user: { id: row.userId, name: row.userName },
    kind: row.kind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    note: row.note,
  });

export const presentLeadSettings = (row: LeadSettingsRow): LeadSettings =>
  leadSettingsSchema.parse({
    remindAfterMinutes: row.remindAfterMinutes,
    reassignAfterMinutes: row.reassignAfterMinutes,
    escalateAfterReassignments: row.escalateAfterReassignments,
    defaultLeadCap: row.defaultLeadCap,
    formRateLimit: row.formRateLimit,
    formRateWindowSeconds: row.formRateWindowSeconds,
    undoWindowMinutes: row.undoWindowMinutes,
    thursdayOff: row.thursdayOff,
  });
