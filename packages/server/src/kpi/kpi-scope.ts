import { AppError, forbidden, notFound } from "../http/app-error";
import type { KpiMember, KpiTeam } from "../repositories/kpi-people.repository";
import type { Viewer } from "../scope";
import { seesEverything } from "../repositories/visibility";

/*
 * Whose figures a viewer may read (scope on every KPI read path): heads and admins the whole
 * department, any team, level or seller; a team lead their teams and their members; a seller
 * only themselves — and their rank among all sellers, never the others' figures.
 */

export type KpiScope = {
  kind: "department" | "seller" | "team" | "level";
  id: string;
  name: string;
  /** The people whose rollups the scope sums. */
  userIds: string[];
};

/** People the method counts as sellers: active, selling, or on a conveyor level. */
export const isSeller = (member: KpiMember): boolean => member.active && (member.role === "seller" || member.role === "team_lead" || member.level !== null);

export const ledTeams = (viewer: Viewer, teams: readonly KpiTeam[]): KpiTeam[] => teams.filter((t) => t.leadUserId === viewer.userId);

/** The sellers whose rows the viewer may see in the sellers table. */
export const visibleSellerIds = (viewer: Viewer, members: readonly KpiMember[], teams: readonly KpiTeam[]): Set<string> => {
  if (seesEverything(viewer)) return new Set(members.filter(isSeller).map((m) => m.userId));
  if (viewer.role === "team_lead") {
    const ids = new Set<string>([viewer.userId]);
    for (const team of ledTeams(viewer, teams)) for (const id of team.memberIds) ids.add(id);
    return ids;
  }
  return new Set([viewer.userId]);
};

const departmentName = { en: "Department", ru: "Отдел", fa: "واحد فروش" } as const;

export const defaultScope = (viewer: Viewer, teams: readonly KpiTeam[]): string => {
  if (seesEverything(viewer)) return "department";
  if (viewer.role === "team_lead") {
    const team = ledTeams(viewer, teams)[0];
    return team ? `team:${team.id}` : `seller:${viewer.userId}`;
  }
  return `seller:${viewer.userId}`;
};

/** Resolves `department`, `team:<id>`, `level:L2` or `seller:<id>`; out-of-scope ids are 404 like missing ones. */
export const resolveKpiScope = (
  viewer: Viewer,
  requested: string | undefined,
  members: readonly KpiMember[],
  teams: readonly KpiTeam[],
): KpiScope => {
  const scope = requested ?? defaultScope(viewer, teams);
  const [kind, id = ""] = scope.split(":") as [string, string | undefined];
  switch (kind) {
    case "department":
      if (!seesEverything(viewer)) throw forbidden("Only heads of sales see the whole department's figures");
      return { kind: "department", id: "", name: departmentName.en, userIds: members.map((m) => m.userId) };
    case "level":
      if (!seesEverything(viewer)) throw forbidden("Only heads of sales see a whole level's figures");
      return { kind: "level", id, name: id, userIds: members.filter((m) => m.level === id).map((m) => m.userId) };
    case "team": {
      const team = teams.find((t) => t.id === id);
      if (!team || !(seesEverything(viewer) || team.leadUserId === viewer.userId)) throw notFound("The team");
      return { kind: "team", id, name: team.name, userIds: [...team.memberIds] };
    }
    case "seller": {
      const member = members.find((m) => m.userId === id);
      if (!member || !visibleSellerIds(viewer, members, teams).has(id)) throw notFound("The seller");
      return { kind: "seller", id, name: member.name, userIds: [id] };
    }
    default:
      throw new AppError("validation_failed", "Unknown scope", { errors: [{ field: "scope", code: "invalid", message: "Unknown scope" }] });
  }
};
