import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { contacts } from "../db/schema";
import type { Viewer } from "../scope";
import { visibleCompanyIds } from "./visibility";

export type ContactRow = typeof contacts.$inferSelect;

const visible = (viewer: Viewer) =>
  and(eq(contacts.organizationId, viewer.organizationId), sql`${contacts.companyId} in ${visibleCompanyIds(viewer)}`);

export const listCompanyContacts = (ex: Executor, viewer: Viewer, companyId: string): Promise<ContactRow[]> =>
  ex
    .select()
    .from(contacts)
    .where(and(visible(viewer), eq(contacts.companyId, companyId)))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(500);

export const findContact = async (ex: Executor, viewer: Viewer, id: string): Promise<ContactRow | undefined> => {
  const rows = await ex.select().from(contacts).where(and(visible(viewer), eq(contacts.id, id)));
  return rows[0];
};

export type ContactValues = Pick<ContactRow, "name" | "position" | "phones" | "emails" | "isDecisionMaker">;

export const insertContact = async (
  ex: Executor,
  viewer: Viewer,
  companyId: string,
  values: ContactValues,
  now: Date,
): Promise<ContactRow> => {
  const rows = await ex
    .insert(contacts)
    .values({ ...values, companyId, organizationId: viewer.organizationId, createdAt: now, updatedAt: now })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("insert into contacts returned no row");
  return row;
};

export const updateContactRow = async (
  ex: Executor,
  viewer: Viewer,
  id: string,
  patch: Partial<ContactValues>,
  now: Date,
): Promise<ContactRow | undefined> => {
  const rows = await ex
    .update(contacts)
    .set({ ...patch, updatedAt: now })
    .where(and(visible(viewer), eq(contacts.id, id)))
    .returning();
  return rows[0];
};

export const deleteContactRow = async (ex: Executor, viewer: Viewer, id: string): Promise<boolean> => {
  const rows = await ex.delete(contacts).where(and(visible(viewer), eq(contacts.id, id))).returning({ id: contacts.id });
  return rows.length > 0;
};
