import { and, eq, isNull, ne } from "drizzle-orm";
import type { Executor } from "../db/database";
import { sessions } from "../db/schema";
import type { Viewer } from "../scope";

export type NewSession = {
  organizationId: string;
  userId: string;
  tokenHash: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  expiresAt: Date;
};

export const insertSession = async (ex: Executor, session: NewSession, now: Date): Promise<string> => {
  const rows = await ex
    .insert(sessions)
    .values({ ...session, createdAt: now, lastSeenAt: now })
    .returning({ id: sessions.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into sessions returned no row");
  return id;
};

export const revokeSession = async (ex: Executor, viewer: Viewer, sessionId: string, now: Date): Promise<void> => {
  await ex
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.organizationId, viewer.organizationId), eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
};

/** Ends every session of a user in the viewer's organization, except `keep` when given. */
export const revokeUserSessions = async (
  ex: Executor,
  viewer: Viewer,
  userId: string,
  now: Date,
  keep?: string,
): Promise<void> => {
  const conditions = [
    eq(sessions.organizationId, viewer.organizationId),
    eq(sessions.userId, userId),
    isNull(sessions.revokedAt),
  ];
  if (keep) conditions.push(ne(sessions.id, keep));
  await ex
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions));
};

export const touchSession = async (ex: Executor, viewer: Viewer, sessionId: string, now: Date): Promise<void> => {
  await ex
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.organizationId, viewer.organizationId), eq(sessions.id, sessionId)));
};
