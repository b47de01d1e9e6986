import type { timelineEntryKinds } from "@conveyor/contracts";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { alias } from "drizzle-orm/pg-core";
import { activities, deals, handoverRules, handovers, inboundEmails, leadSources, leads, timelineEvents, users } from "../db/schema";
import type { Viewer } from "../scope";

export type TimelineKind = (typeof timelineEntryKinds)[number];

export type NewTimelineEvent = {
  companyId: string;
  kind: TimelineKind;
  at: Date;
  actorId: string | null;
  activityId?: string | null;
  taskId?: string | null;
  dealId?: string | null;
  field?: string | null;
  fromValue?: string | null;
  toValue?: string | null;
  fromLabel?: string | null;
  toLabel?: string | null;
  amountMinor?: number | null;
  currency?: string | null;
  handoverId?: string | null;
};

export const recordTimelineEvent = async (ex: Executor, viewer: Viewer, event: NewTimelineEvent): Promise<void> => {
  await ex.insert(timelineEvents).values({ ...event, organizationId: viewer.organizationId });
};

export type TimelineRow = {
  id: string;
  kind: string;
  at: Date;
  seq: number;
  actorId: string | null;
  actorName: string | null;
  activityId: string | null;
  taskId: string | null;
  dealId: string | null;
  dealTitle: string | null;
  field: string | null;
  fromValue: string | null;
  toValue: string | null;
  fromLabel: string | null;
  toLabel: string | null;
  amountMinor: number | null;
  currency: string | null;
  handover: TimelineHandover | null;
  /** Why a person changed the owner (a redistribution, the lead SLA). */
  reason: string | null;
  leadId: string | null;
  leadSource: string | null;
  leadMessage: string | null;
  inboundEmailId: string | null;
  emailSubject: string | null;
  emailFrom: string | null;
  emailBody: string | null;
};

/** A handover as the client's history shows it. */
export type TimelineHandover = {
  id: string;
  fromLevel: string;
  toLevel: string;
  fromName: string;
  toName: string;
  reason: string;
  trigger: string;
  ruleName: string | null;
  figures: Record<string, string | number>;
  comment: string | null;
};

const giver = alias(users, "giver");
const receiver = alias(users, "receiver");

export type TimelineCursor = { at: string; seq: number };

/** The caller has checked that the client is visible to the viewer. Newest first. */
export const listTimeline = async (
  ex: Executor,
  viewer: Viewer,
  companyId: string,
  page: { limit: number; after: TimelineCursor | undefined },
): Promise<TimelineRow[]> => {
  const conditions = [eq(timelineEvents.organizationId, viewer.organizationId), eq(timelineEvents.companyId, companyId)];
  if (page.after) {
    conditions.push(sql`(${timelineEvents.at}, ${timelineEvents.seq}) < (${page.after.at}::timestamptz, ${page.after.seq})`);
  }
  const rows = await ex
    .select({
      id: timelineEvents.id,
      kind: timelineEvents.kind,
      at: timelineEvents.at,
      seq: timelineEvents.seq,
      actorId: timelineEvents.actorId,
      actorName: users.name,
      activityId: timelineEvents.activityId,
      taskId: timelineEvents.taskId,
      dealId: timelineEvents.dealId,
      dealTitle: deals.title,
      field: timelineEvents.field,
      fromValue: timelineEvents.fromValue,
      toValue: timelineEvents.toValue,
      fromLabel: timelineEvents.fromLabel,
      toLabel: timelineEvents.toLabel,
      amountMinor: timelineEvents.amountMinor,
      currency: timelineEvents.currency,
      handoverId: handovers.id,
      handoverFromLevel: handovers.fromLevel,
      handoverToLevel: handovers.toLevel,
      handoverFromName: giver.name,
      handoverToName: receiver.name,
      handoverReason: handovers.reason,
      handoverTrigger: handovers.trigger,
      handoverRuleName: handoverRules.name,
      handoverFigures: handovers.figures,
      handoverComment: handovers.comment,
      reason: timelineEvents.reason,
      leadId: timelineEvents.leadId,
      leadSource: leadSources.name,
      leadMessage: leads.message,
      inboundEmailId: timelineEvents.inboundEmailId,
      emailSubject: inboundEmails.subject,
      emailFrom: sql<string | null>`coalesce(${inboundEmails.fromName} || ' <' || ${inboundEmails.fromAddress} || '>', ${inboundEmails.fromAddress})`,
      emailBody: inboundEmails.body,
    })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .leftJoin(deals, and(eq(deals.id, timelineEvents.dealId), eq(deals.organizationId, timelineEvents.organizationId)))
    .leftJoin(handovers, and(eq(handovers.id, timelineEvents.handoverId), eq(handovers.organizationId, timelineEvents.organizationId)))
    .leftJoin(giver, eq(giver.id, handovers.fromUserId))
    .leftJoin(receiver, eq(receiver.id, handovers.toUserId))
    .leftJoin(handoverRules, eq(handoverRules.id, handovers.ruleId))
    .leftJoin(leads, and(eq(leads.id, timelineEvents.leadId), eq(leads.organizationId, timelineEvents.organizationId), eq(timelineEvents.kind, "lead_received")))
    .leftJoin(leadSources, eq(leadSources.id, leads.sourceId))
    .leftJoin(inboundEmails, and(eq(inboundEmails.id, timelineEvents.inboundEmailId), eq(inboundEmails.organizationId, timelineEvents.organizationId)))
    .where(and(...conditions))
    .orderBy(desc(timelineEvents.at), desc(timelineEvents.seq))
    .limit(page.limit);
  return rows.map(
    ({
      handoverId,
      handoverFromLevel,
      handoverToLevel,
      handoverFromName,
      handoverToName,
      handoverReason,
      handoverTrigger,
      handoverRuleName,
      handoverFigures,
      handoverComment,
      ...row
    }) => ({
      ...row,
      handover:
        handoverId && handoverFromLevel && handoverToLevel && handoverReason && handoverTrigger
          ? {
              id: handoverId,
              fromLevel: handoverFromLevel,
              toLevel: handoverToLevel,
              fromName: handoverFromName ?? "",
              toName: handoverToName ?? "",
              reason: handoverReason,
              trigger: handoverTrigger,
              ruleName: handoverRuleName,
              figures: handoverFigures ?? {},
              comment: handoverComment,
            }
          : null,
    }),
  );
};

export type ActivityWithAuthor = typeof activities.$inferSelect & { authorName: string };

export const activitiesByIds = async (ex: Executor, viewer: Viewer, ids: string[]): Promise<ActivityWithAuthor[]> => {
  if (ids.length === 0) return [];
  const rows = await ex
    .select({ activity: activities, authorName: users.name })
    .from(activities)
    .innerJoin(users, eq(users.id, activities.authorId))
    .where(and(eq(activities.organizationId, viewer.organizationId), inArray(activities.id, ids)));
  return rows.map((r) => ({ ...r.activity, authorName: r.authorName }));
};

export type TimelineAttachment = { id: string; emailId: string; filename: string; size: number };

/** The attachments of the emails on a page of the history (names and sizes; the bytes are fetched apart). */
export const attachmentsOfEmails = async (ex: Executor, viewer: Viewer, emailIds: string[]): Promise<TimelineAttachment[]> => {
  if (emailIds.length === 0) return [];
  const result = await ex.execute(sql`
    select id, email_id, filename, size from inbound_attachments
     where organization_id = ${viewer.organizationId} and email_id = any(array[${sql.join(emailIds.map((id) => sql`${id}`), sql`, `)}]::uuid[])
     order by filename`);
  return result.rows.map((row) => ({ id: String(row["id"]), emailId: String(row["email_id"]), filename: String(row["filename"]), size: Number(row["size"]) }));
};

/** One attachment's bytes, when its email belongs to the client (the caller checked the client is visible). */
export const findCompanyAttachment = async (
  ex: Executor,
  viewer: Viewer,
  companyId: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; content: Buffer } | undefined> => {
  const result = await ex.execute(sql`
    select a.filename, a.content_type, a.content from inbound_attachments a
      join inbound_emails e on e.id = a.email_id and e.organization_id = a.organization_id
     where a.organization_id = ${viewer.organizationId} and a.id = ${attachmentId} and e.company_id = ${companyId}`);
  const row = result.rows[0];
  const content = row?.["content"];
  if (!row || !Buffer.isBuffer(content)) return undefined;
  return { filename: String(row["filename"]), contentType: String(row["content_type"]), content };
};
