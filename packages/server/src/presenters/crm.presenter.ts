import {
  activityBaseSchema,
  activityTypeSchema,
  companyStatusSchema,
  levelSchema,
  taskTypeSchema,
  temperatureSchema,
  timelineEntrySchema,
  type Activity,
  type Company,
  type Contact,
  type Task,
  type TimelineEntry,
} from "@conveyor/contracts";
import { taskState } from "@conveyor/domain";
import type { CompanyRow } from "../repositories/company.repository";
import type { ContactRow } from "../repositories/contact.repository";
import type { TaskRow } from "../repositories/task.repository";
import type { ActivityWithAuthor, TimelineAttachment, TimelineRow } from "../repositories/timeline.repository";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const presentCompany = (row: CompanyRow): Company => ({
  id: row.id,
  name: row.name,
  legalId: row.legalId,
  region: row.region,
  industry: row.industry,
  audience: row.audience,
  channel: row.channel,
  status: companyStatusSchema.parse(row.status),
  temperature: temperatureSchema.parse(row.temperature),
  level: row.level === null ? null : levelSchema.parse(row.level),
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  tags: row.tags,
  custom: row.custom,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  lastActivityAt: iso(row.lastActivityAt),
  levelEnteredAt: iso(row.levelEnteredAt),
  permanentSince: iso(row.permanentSince),
  serviceLevel: row.serviceLevel,
});

export const presentContact = (row: ContactRow): Contact => ({
  id: row.id,
  companyId: row.companyId,
  name: row.name,
  position: row.position,
  phones: row.phones,
  emails: row.emails,
  isDecisionMaker: row.isDecisionMaker,
  createdAt: row.createdAt.toISOString(),
});

export const presentActivity = (row: ActivityWithAuthor): Activity => ({
  id: row.id,
  companyId: row.companyId,
  type: activityTypeSchema.parse(row.type),
  occurredAt: row.occurredAt.toISOString(),
  durationMinutes: row.durationMinutes,
  outcome: row.outcome,
  body: row.body,
  amountMinor: row.amountMinor,
  base: activityBaseSchema.parse(row.base),
  authorId: row.authorId,
  authorName: row.authorName,
  createdAt: row.createdAt.toISOString(),
});

export const presentTask = (row: TaskRow, now: Date): Task => ({
  id: row.id,
  companyId: row.companyId,
  companyName: row.companyName,
  title: row.title,
  type: taskTypeSchema.parse(row.type),
  dueAt: row.dueAt.toISOString(),
  assigneeId: row.assigneeId,
  assigneeName: row.assigneeName,
  createdById: row.createdById,
  createdByName: row.createdByName,
  state: taskState(row, now),
  doneAt: iso(row.doneAt),
  plannedResult: row.plannedResult,
  dealId: row.dealId,
  dealTitle: row.dealId ? row.dealTitle : null,
  remindAt: iso(row.remindAt),
  createdAt: row.createdAt.toISOString(),
});

export const presentTimelineEntry = (
  row: TimelineRow,
  related: { activities: Map<string, ActivityWithAuthor>; tasks: Map<string, TaskRow>; attachments?: Map<string, TimelineAttachment[]> },
  now: Date,
): TimelineEntry => {
  const activity = row.activityId ? related.activities.get(row.activityId) : undefined;
  const task = row.taskId ? related.tasks.get(row.taskId) : undefined;
  return timelineEntrySchema.parse({
    id: row.id,
    kind: row.kind,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    activity: activity ? presentActivity(activity) : null,
    task: task ? presentTask(task, now) : null,
    deal: row.dealId && row.dealTitle !== null ? { id: row.dealId, title: row.dealTitle } : null,
    money:
      row.amountMinor !== null && row.currency !== null
        ? { amountMinor: row.amountMinor, currency: row.currency, orderNumber: row.toLabel }
        : null,
    change: row.field
      ? { field: row.field, from: row.fromValue, to: row.toValue, fromLabel: row.fromLabel, toLabel: row.toLabel }
      : null,
    handover: row.handover,
    lead: row.leadId && row.kind === "lead_received" ? { id: row.leadId, source: row.leadSource ?? "", message: row.leadMessage } : null,
    email:
      row.inboundEmailId && row.emailSubject !== null
        ? {
            id: row.inboundEmailId,
            subject: row.emailSubject,
            from: row.emailFrom,
            body: row.emailBody ?? "",
            attachments: (related.attachments?.get(row.inboundEmailId) ?? []).map((a) => ({ id: a.id, filename: a.filename, size: a.size })),
          }
        : null,
    reason: row.reason,
  });
};
