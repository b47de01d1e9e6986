import type { timelineEntryKinds } from "@conveyor/contracts";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { activities, deals, timelineEvents, users } from "../db/schema";
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
};

export type TimelineCursor = { at: string; seq: number };

/** The caller has checked that the client is visible to the viewer. Newest first. */
export const listTimeline = (
  ex: Executor,
  viewer: Viewer,
  companyId: string,
  page: { limit: number; after: TimelineCursor | undefined },
): Promise<TimelineRow[]> => {
  const conditions = [eq(timelineEvents.organizationId, viewer.organizationId), eq(timelineEvents.companyId, companyId)];
  if (page.after) {
    conditions.push(sql`(${timelineEvents.at}, ${timelineEvents.seq}) < (${page.after.at}::timestamptz, ${page.after.seq})`);
  }
  return ex
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
    })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .leftJoin(deals, and(eq(deals.id, timelineEvents.dealId), eq(deals.organizationId, timelineEvents.organizationId)))
    .where(and(...conditions))
    .orderBy(desc(timelineEvents.at), desc(timelineEvents.seq))
    .limit(page.limit);
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
