import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../db/database";
import { apiTokens } from "../db/schema";
import type { Viewer } from "../scope";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export const listApiTokens = (ex: Executor, viewer: Viewer): Promise<ApiTokenRow[]> =>
  ex
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.organizationId, viewer.organizationId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(500);

export const insertApiToken = async (
  ex: Executor,
  viewer: Viewer,
  token: { name: string; prefix: string; tokenHash: string; userId: string },
  now: Date,
): Promise<ApiTokenRow> => {
  const rows = await ex
    .insert(apiTokens)
    .values({ ...token, organizationId: viewer.organizationId, createdAt: now })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("insert into api_tokens returned no row");
  return row;
};

/** Revokes one token of the viewer's organization; false when there is no such token. */
export const revokeApiToken = async (ex: Executor, viewer: Viewer, id: string, now: Date): Promise<boolean> => {
  const rows = await ex
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.organizationId, viewer.organizationId), eq(apiTokens.id, id)))
    .returning({ id: apiTokens.id, revokedAt: apiTokens.revokedAt });
  return rows.length > 0;
};

export const revokeUserApiTokens = async (ex: Executor, viewer: Viewer, userId: string, now: Date): Promise<void> => {
  await ex
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(apiTokens.organizationId, viewer.organizationId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
    );
};

export const touchApiToken = async (ex: Executor, viewer: Viewer, id: string, now: Date): Promise<void> => {
  await ex
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.organizationId, viewer.organizationId), eq(apiTokens.id, id)));
};
