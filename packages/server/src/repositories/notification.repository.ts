import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";
import { companies, handovers, leadSources, leads, notifications, users } from "../db/schema";
import type { Viewer } from "../scope";

const giver = alias(users, "giver");
const receiver = alias(users, "receiver");
const subject = alias(users, "subject");

export type NotificationRow = {
  id: string;
  kind: string;
  companyId: string | null;
  companyName: string | null;
  handoverId: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  fromUserId: string | null;
  fromName: string | null;
  toUserId: string | null;
  toName: string | null;
  leadId: string | null;
  leadSource: string | null;
  subjectUserId: string | null;
  subjectName: string | null;
  figures: Record<string, number> | null;
  createdAt: Date;
  readAt: Date | null;
};

/** The viewer's own notices, newest first: nobody reads another person's. */
export const listNotifications = (ex: Executor, viewer: Viewer, limit: number): Promise<NotificationRow[]> =>
  ex
    .select({
      id: notifications.id,
      kind: notifications.kind,
      companyId: notifications.companyId,
      companyName: companies.name,
      handoverId: notifications.handoverId,
      fromLevel: handovers.fromLevel,
      toLevel: handovers.toLevel,
      fromUserId: handovers.fromUserId,
      fromName: giver.name,
      toUserId: handovers.toUserId,
      toName: receiver.name,
      leadId: notifications.leadId,
      leadSource: leadSources.name,
      subjectUserId: notifications.subjectUserId,
      subjectName: subject.name,
      figures: notifications.figures,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(companies, eq(companies.id, notifications.companyId))
    .leftJoin(handovers, eq(handovers.id, notifications.handoverId))
    .leftJoin(giver, eq(giver.id, handovers.fromUserId))
    .leftJoin(receiver, eq(receiver.id, handovers.toUserId))
    .leftJoin(leads, and(eq(leads.id, notifications.leadId), eq(leads.organizationId, notifications.organizationId)))
    .leftJoin(leadSources, eq(leadSources.id, leads.sourceId))
    .leftJoin(subject, eq(subject.id, notifications.subjectUserId))
    .where(and(eq(notifications.organizationId, viewer.organizationId), eq(notifications.userId, viewer.userId)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);

export const countUnread = async (ex: Executor, viewer: Viewer): Promise<number> => {
  const rows = await ex
    .select({ n: sql<number>`count(*)::integer`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.organizationId, viewer.organizationId), eq(notifications.userId, viewer.userId), isNull(notifications.readAt)));
  return rows[0]?.n ?? 0;
};

/** Marks one notice (or all, without an id) read; returns how many of the viewer's notices matched. */
export const markRead = async (ex: Executor, viewer: Viewer, at: Date, id?: string): Promise<number> => {
  const rows = await ex
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at})` })
    .where(
      and(
        eq(notifications.organizationId, viewer.organizationId),
        eq(notifications.userId, viewer.userId),
        id ? eq(notifications.id, id) : isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
};
