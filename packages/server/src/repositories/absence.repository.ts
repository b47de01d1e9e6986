import { and, asc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { absences, users } from "../db/schema";
import type { Viewer } from "../scope";
import { overseenUserIds, seesEverything } from "./visibility";

export type AbsenceRow = {
  id: string;
  userId: string;
  userName: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  note: string | null;
};

/** Heads and admins see everyone's absences; a team lead their team's and their own; a seller their own. */
const visibleAbsences = (viewer: Viewer): SQL => {
  const inOrganization = eq(absences.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const whose = viewer.role === "team_lead" ? sql`${absences.userId} in ${overseenUserIds(viewer)}` : eq(absences.userId, viewer.userId);
  return and(inOrganization, whose) ?? inOrganization;
};

const absenceColumns = {
  id: absences.id,
  userId: absences.userId,
  userName: users.name,
  kind: absences.kind,
  startsOn: absences.startsOn,
  endsOn: absences.endsOn,
  note: absences.note,
};

/** Absences the viewer may see that overlap [from, to] (local dates, both included; either end open). */
export const listAbsences = async (
  ex: Executor,
  viewer: Viewer,
  filter: { userId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<AbsenceRow[]> =>
  ex
    .select(absenceColumns)
    .from(absences)
    .innerJoin(users, eq(users.id, absences.userId))
    .where(
      and(
        visibleAbsences(viewer),
        filter.userId ? eq(absences.userId, filter.userId) : undefined,
        filter.from ? gte(absences.endsOn, filter.from) : undefined,
        filter.to ? lte(absences.startsOn, filter.to) : undefined,
      ),
    )
    .orderBy(asc(absences.startsOn), asc(absences.id));

export const findAbsence = async (ex: Executor, viewer: Viewer, id: string): Promise<AbsenceRow | undefined> => {
  const rows = await ex
    .select(absenceColumns)
    .from(absences)
    .innerJoin(users, eq(users.id, absences.userId))
    .where(and(visibleAbsences(viewer), eq(absences.id, id)));
  return rows[0];
};

export const insertAbsence = async (ex: Executor, values: typeof absences.$inferInsert): Promise<string> => {
  const rows = await ex.insert(absences).values(values).returning({ id: absences.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into absences returned no row");
  return id;
};

/** Deletes an absence the viewer may see; 0 when there is none. */
export const deleteAbsenceRow = async (ex: Executor, viewer: Viewer, id: string): Promise<number> => {
  const rows = await ex
    .delete(absences)
    .where(and(visibleAbsences(viewer), eq(absences.id, id)))
    .returning({ id: absences.id });
  return rows.length;
};
