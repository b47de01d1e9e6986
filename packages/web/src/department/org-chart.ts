import { matrixKinds, type Level, type MatrixKind, type OrgChart } from "@conveyor/contracts";

export type OrgChartDepartment = OrgChart["departments"][number];
export type OrgChartTeam = OrgChartDepartment["teams"][number];
export type OrgChartMember = OrgChart["unassigned"][number];
export type MatrixManager = OrgChart["matrixManagers"][number];
export type MatrixAttachment = MatrixManager["assignments"][number];

/** A team's place along the conveyor (M1.1): L1, L2, L3, then teams without a level. */
const levelRank = (level: Level | null): number => {
  switch (level) {
    case "L1":
      return 0;
    case "L2":
      return 1;
    case "L3":
      return 2;
    case null:
      return 3;
  }
};

/** Teams in the order a client passes them (L1 → L2 → L3), then by name; the input is left untouched. */
export const sortTeamsAlongConveyor = <T extends { level: Level | null; name: string }>(teams: readonly T[]): T[] =>
  [...teams].sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name));

/** Members by level, then by name, so a mixed team reads the same way the conveyor runs. */
export const sortMembers = <T extends { level: Level | null; name: string }>(members: readonly T[]): T[] =>
  [...members].sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name));

/** Departments with a name first in name order; the unnamed bucket of teams without a department last. */
export const sortDepartments = (departments: readonly OrgChartDepartment[]): OrgChartDepartment[] =>
  [...departments].sort((a, b) => {
    if (a.id === null || b.id === null) return a.id === null ? (b.id === null ? 0 : 1) : -1;
    return (a.name ?? "").localeCompare(b.name ?? "");
  });

/** Distinct people placed in the chart (a person in two teams counts once), plus those in no team. */
export const headcount = (chart: OrgChart): number => {
  const ids = new Set<string>();
  for (const department of chart.departments) {
    for (const team of department.teams) {
      if (team.lead) ids.add(team.lead.id);
      for (const member of team.members) ids.add(member.id);
    }
  }
  for (const member of chart.unassigned) ids.add(member.id);
  return ids.size;
};

/** M4.4: how many people have a second manager besides their team lead (the "two managers" of the matrix). */
export const peopleWithTwoManagers = (chart: OrgChart): number => {
  const ids = new Set<string>();
  const visit = (member: OrgChartMember) => {
    if (member.secondManagers.length > 0) ids.add(member.id);
  };
  for (const department of chart.departments) for (const team of department.teams) team.members.forEach(visit);
  chart.unassigned.forEach(visit);
  return ids.size;
};

/** A matrix manager's attachments by kind, kinds in the contract's order, labels sorted: "Products: A, B". */
export const groupAttachments = (
  attachments: readonly { kind: MatrixKind; label: string }[],
): { kind: MatrixKind; labels: string[] }[] => {
  const byKind = new Map<MatrixKind, string[]>();
  for (const attachment of attachments) byKind.set(attachment.kind, [...(byKind.get(attachment.kind) ?? []), attachment.label]);
  return matrixKinds
    .filter((kind) => byKind.has(kind))
    .map((kind) => ({ kind, labels: [...new Set(byKind.get(kind))].sort((a, b) => a.localeCompare(b)) }));
};
