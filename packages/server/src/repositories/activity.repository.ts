import type { Executor } from "../db/database";
import { activities } from "../db/schema";
import type { Viewer } from "../scope";

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivity = Omit<typeof activities.$inferInsert, "id" | "organizationId">;

/** The caller has checked that the client is visible to the viewer. */
export const insertActivity = async (ex: Executor, viewer: Viewer, values: NewActivity): Promise<ActivityRow> => {
  const rows = await ex
    .insert(activities)
    .values({ ...values, organizationId: viewer.organizationId })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("insert into activities returned no row");
  return row;
};
