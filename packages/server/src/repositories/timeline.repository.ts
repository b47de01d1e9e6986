import type { timelineEntryKinds } from "@conveyor/contracts";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { alias } from "drizzle-orm/pg-core";
import { activities, deals, handoverRules, handovers, timelineEvents, users } from "../db/schema";
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
    })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .leftJoin(deals, and(eq(deals.id, timelineEvents.dealId), eq(deals.organizationId, timelineEvents.organizationId)))
    .leftJoin(handovers, and(eq(handovers.id, timelineEvents.handoverId), eq(handovers.organizationId, timelineEvents.organizationId)))
    .leftJoin(giver, eq(giver.id, handovers.fromUserId))
    .leftJoin(receiver, eq(receiver.id, handovers.toUserId))
    .leftJoin(handoverRules, eq(handoverRules.id, handovers.ruleId))
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
