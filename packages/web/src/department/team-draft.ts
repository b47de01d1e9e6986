import type {
  Department,
  DepartmentKind,
  Level,
  PersonRef,
  SaveDepartment,
  SaveTeam,
  Team,
  UpdateDepartment,
  UpdateTeam,
} from "@conveyor/contracts";

export type TeamDraft = {
  name: string;
  departmentId: string | null;
  level: Level | null;
  leadUserId: string | null;
  memberIds: string[];
};

export const emptyTeamDraft = (departmentId: string | null = null): TeamDraft => ({
  name: "",
  departmentId,
  level: null,
  leadUserId: null,
  memberIds: [],
});

export const draftFromTeam = (team: Team): TeamDraft => ({
  name: team.name,
  departmentId: team.departmentId,
  level: team.level,
  leadUserId: team.lead?.id ?? null,
  memberIds: team.members.map((member) => member.id),
});

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
};

export const teamDraftToSave = (draft: TeamDraft): SaveTeam => ({
  name: draft.name.trim(),
  departmentId: draft.departmentId,
  level: draft.level,
  leadUserId: draft.leadUserId,
  memberIds: [...new Set(draft.memberIds)],
});

/** The PATCH body: only what changed; members are a set, so a new order alone is no change. */
export const teamDraftToUpdate = (team: Team, draft: TeamDraft): UpdateTeam => {
  const body: UpdateTeam = {};
  const name = draft.name.trim();
  if (name !== team.name) body.name = name;
  if (draft.departmentId !== team.departmentId) body.departmentId = draft.departmentId;
  if (draft.level !== team.level) body.level = draft.level;
  if (draft.leadUserId !== (team.lead?.id ?? null)) body.leadUserId = draft.leadUserId;
  const memberIds = [...new Set(draft.memberIds)];
  if (!sameSet(memberIds, team.members.map((member) => member.id))) body.memberIds = memberIds;
  return body;
};

export type DepartmentDraft = { name: string; kind: DepartmentKind; headUserId: string | null };

export const draftFromDepartment = (department: Department | null): DepartmentDraft => ({
  name: department?.name ?? "",
  kind: department?.kind ?? "general",
  headUserId: department?.head?.id ?? null,
});

export const departmentDraftToSave = (draft: DepartmentDraft): SaveDepartment => ({
  name: draft.name.trim(),
  kind: draft.kind,
  headUserId: draft.headUserId,
});

export const departmentDraftToUpdate = (department: Department, draft: DepartmentDraft): UpdateDepartment => {
  const body: UpdateDepartment = {};
  const name = draft.name.trim();
  if (name !== department.name) body.name = name;
  if (draft.kind !== department.kind) body.kind = draft.kind;
  if (draft.headUserId !== (department.head?.id ?? null)) body.headUserId = draft.headUserId;
  return body;
};

/**
 * Options for picking people: the active people, plus anyone already chosen who is no longer among them
 * (a deactivated lead still shows by name instead of as a bare id).
 */
export const personOptions = (
  active: readonly { userId: string; name: string }[],
  chosen: readonly PersonRef[],
): { value: string; label: string }[] => {
  const options = active.map((person) => ({ value: person.userId, label: person.name }));
  const known = new Set(options.map((option) => option.value));
  for (const person of chosen) {
    if (known.has(person.id)) continue;
    known.add(person.id);
    options.push({ value: person.id, label: person.name });
  }
  return options.sort((a, b) => a.label.localeCompare(b.label));
};
