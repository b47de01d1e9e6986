import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { memberships, users } from "../db/schema";
import type { Viewer } from "../scope";
import { assignablePeople } from "./visibility";

export type PersonRow = { id: string; name: string; role: string };

export const listAssignablePeople = (ex: Executor, viewer: Viewer): Promise<PersonRow[]> =>
  ex
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(assignablePeople(viewer))
    .orderBy(asc(sql`lower(${users.name})`))
    .limit(1000);

export const isAssignable = async (ex: Executor, viewer: Viewer, userId: string): Promise<boolean> => {
  const rows = await ex
    .select({ id: memberships.userId })
    .from(memberships)
    .where(sql`${assignablePeople(viewer)} and ${memberships.userId} = ${userId}`)
    .limit(1);
  return rows.length > 0;
};
