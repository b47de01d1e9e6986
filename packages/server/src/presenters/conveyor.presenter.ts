import type { Handover, Notification } from "@conveyor/contracts";
import { handoverSchema, notificationSchema } from "@conveyor/contracts";
import type { HandoverRow } from "../repositories/handover.repository";
import type { NotificationRow } from "../repositories/notification.repository";

export const presentHandover = (row: HandoverRow): Handover =>
  handoverSchema.parse({
    id: row.id,
    company: { id: row.companyId, name: row.companyName },
    fromLevel: row.fromLevel,
    toLevel: row.toLevel,
    from: { id: row.fromUserId, name: row.fromName },
    to: { id: row.toUserId, name: row.toName },
    actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
    reason: row.reason,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    trigger: row.trigger,
    figures: row.figures,
    comment: row.comment,
    movedTasks: row.movedTasks,
    giverAccessUntil: row.giverAccessUntil ? row.giverAccessUntil.toISOString() : null,
    daysAtLevel: row.secondsAtLevel === null ? null : Math.round((row.secondsAtLevel / 86_400) * 10) / 10,
    at: row.at.toISOString(),
  });

export const presentNotification = (row: NotificationRow): Notification =>
  notificationSchema.parse({
    id: row.id,
    kind: row.kind,
    company: row.companyId && row.companyName !== null ? { id: row.companyId, name: row.companyName } : null,
    handover:
      row.handoverId && row.fromLevel && row.toLevel && row.fromUserId && row.toUserId
        ? {
            id: row.handoverId,
            fromLevel: row.fromLevel,
            toLevel: row.toLevel,
            from: { id: row.fromUserId, name: row.fromName ?? "" },
            to: { id: row.toUserId, name: row.toName ?? "" },
          }
        : null,
    lead: row.leadId ? { id: row.leadId, source: row.leadSource ?? "" } : null,
    review: row.subjectUserId ? { seller: { id: row.subjectUserId, name: row.subjectName ?? "" }, figures: row.figures ?? {} } : null,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  });
