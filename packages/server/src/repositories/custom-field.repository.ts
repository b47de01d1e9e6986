import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { CustomFieldEntity } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { customFields } from "../db/schema";
import type { Viewer } from "../scope";

export type CustomFieldRow = typeof customFields.$inferSelect;

/** The definitions are the organization's: everyone in it reads them (forms and lists need them). */
export const listCustomFields = (
  ex: Executor,
  viewer: Viewer,
  entity: CustomFieldEntity,
  options: { includeArchived: boolean },
): Promise<CustomFieldRow[]> =>
  ex
    .select()
    .from(customFields)
    .where(
      and(
        eq(customFields.organizationId, viewer.organizationId),
        eq(customFields.entity, entity),
        options.includeArchived ? undefined : isNull(customFields.archivedAt),
      ),
    )
    .orderBy(asc(customFields.position), asc(customFields.createdAt), asc(customFields.id))
    .limit(500);

export const findCustomField = async (ex: Executor, viewer: Viewer, id: string): Promise<CustomFieldRow | undefined> => {
  const rows = await ex
    .select()
    .from(customFields)
    .where(and(eq(customFields.organizationId, viewer.organizationId), eq(customFields.id, id)));
  return rows[0];
};

/** Every key of the entity's fields, archived ones included: a new key must differ from all. */
export const customFieldKeys = async (ex: Executor, viewer: Viewer, entity: CustomFieldEntity): Promise<Set<string>> => {
  const rows = await ex
    .select({ key: customFields.key })
    .from(customFields)
    .where(and(eq(customFields.organizationId, viewer.organizationId), eq(customFields.entity, entity)));
  return new Set(rows.map((r) => r.key));
};

export const nextCustomFieldPosition = async (ex: Executor, viewer: Viewer, entity: CustomFieldEntity): Promise<number> => {
  const rows = await ex
    .select({ next: sql<number>`coalesce(max(${customFields.position}) + 1, 0)::integer` })
    .from(customFields)
    .where(and(eq(customFields.organizationId, viewer.organizationId), eq(customFields.entity, entity)));
  return rows[0]?.next ?? 0;
};

export const insertCustomField = async (
  ex: Executor,
  viewer: Viewer,
  values: Omit<typeof customFields.$inferInsert, "id" | "organizationId">,
): Promise<string> => {
  const rows = await ex
    .insert(customFields)
    .values({ ...values, organizationId: viewer.organizationId })
    .returning({ id: customFields.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into custom_fields returned no row");
  return id;
};

export type CustomFieldPatch = Partial<Pick<CustomFieldRow, "label" | "options" | "position" | "archivedAt" | "updatedAt">>;

export const updateCustomFieldRow = async (ex: Executor, viewer: Viewer, id: string, patch: CustomFieldPatch): Promise<void> => {
  await ex
    .update(customFields)
    .set(patch)
    .where(and(eq(customFields.organizationId, viewer.organizationId), eq(customFields.id, id)));
};
