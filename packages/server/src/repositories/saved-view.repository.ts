import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { SavedViewEntity } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { savedViews, users } from "../db/schema";
import type { Viewer } from "../scope";

export type SavedViewRow = typeof savedViews.$inferSelect & { ownerName: string };

const columns = {
  id: savedViews.id,
  organizationId: savedViews.organizationId,
  ownerId: savedViews.ownerId,
  entity: savedViews.entity,
  name: savedViews.name,
  query: savedViews.query,
  shared: savedViews.shared,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
  ownerName: users.name,
};

/** Who reads a view: its owner, and everyone in the organization once it is shared. */
const readable = (viewer: Viewer) =>
  and(eq(savedViews.organizationId, viewer.organizationId), or(eq(savedViews.ownerId, viewer.userId), eq(savedViews.shared, true)));

/** The viewer's own views first, then those shared by others; each group by name. */
export const listSavedViews = (ex: Executor, viewer: Viewer, entity: SavedViewEntity): Promise<SavedViewRow[]> =>
  ex
    .select(columns)
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(readable(viewer), eq(savedViews.entity, entity)))
    .orderBy(desc(sql`${savedViews.ownerId} = ${viewer.userId}`), asc(sql`lower(${savedViews.name})`), asc(savedViews.id))
    .limit(500);

/** A view only its owner may change: anyone else's answers as missing. */
export const findOwnSavedView = async (ex: Executor, viewer: Viewer, id: string): Promise<SavedViewRow | undefined> => {
  const rows = await ex
    .select(columns)
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(eq(savedViews.organizationId, viewer.organizationId), eq(savedViews.ownerId, viewer.userId), eq(savedViews.id, id)));
  return rows[0];
};

export const insertSavedView = async (
  ex: Executor,
  viewer: Viewer,
  values: Omit<typeof savedViews.$inferInsert, "id" | "organizationId" | "ownerId">,
): Promise<string> => {
  const rows = await ex
    .insert(savedViews)
    .values({ ...values, organizationId: viewer.organizationId, ownerId: viewer.userId })
    .returning({ id: savedViews.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into saved_views returned no row");
  return id;
};

export type SavedViewPatch = Partial<Pick<SavedViewRow, "name" | "query" | "shared" | "updatedAt">>;

export const updateOwnSavedView = async (ex: Executor, viewer: Viewer, id: string, patch: SavedViewPatch): Promise<boolean> => {
  const rows = await ex
    .update(savedViews)
    .set(patch)
    .where(and(eq(savedViews.organizationId, viewer.organizationId), eq(savedViews.ownerId, viewer.userId), eq(savedViews.id, id)))
    .returning({ id: savedViews.id });
  return rows.length > 0;
};

export const deleteOwnSavedView = async (ex: Executor, viewer: Viewer, id: string): Promise<boolean> => {
  const rows = await ex
    .delete(savedViews)
    .where(and(eq(savedViews.organizationId, viewer.organizationId), eq(savedViews.ownerId, viewer.userId), eq(savedViews.id, id)))
    .returning({ id: savedViews.id });
  return rows.length > 0;
};
