import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import type { Executor } from "../db/database";
import { sessions } from "../db/schema";
import type { Viewer } from "../scope";

export type SessionListRow = {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

/** The viewer's own sessions that are not revoked or expired, most recently used first. */
export const listOwnSessions = async (ex: Executor, viewer: Viewer, now: Date): Promise<SessionListRow[]> =>
  ex
    .select({
      id: sessions.id,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.organizationId, viewer.organizationId),
        eq(sessions.userId, viewer.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200);

/** Revokes one of the viewer's own sessions; false when it is not theirs or already ended. */
export const revokeOwnSession = async (ex: Executor, viewer: Viewer, sessionId: string, now: Date): Promise<boolean> => {
  const rows = await ex
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.organizationId, viewer.organizationId),
        eq(sessions.userId, viewer.userId),
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  return rows.length > 0;
};

/** Revokes every other session of the viewer; how many. */
export const revokeOtherOwnSessions = async (ex: Executor, viewer: Viewer, keep: string | null, now: Date): Promise<number> => {
  const conditions = [eq(sessions.organizationId, viewer.organizationId), eq(sessions.userId, viewer.userId), isNull(sessions.revokedAt)];
  if (keep) conditions.push(ne(sessions.id, keep));
  const rows = await ex
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
};
