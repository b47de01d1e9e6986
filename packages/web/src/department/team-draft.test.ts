import { describe, expect, it } from "vitest";
import type { Department, Team } from "@conveyor/contracts";
import {
  departmentDraftToSave,
  departmentDraftToUpdate,
  draftFromDepartment,
  draftFromTeam,
  emptyTeamDraft,
  personOptions,
  teamDraftToSave,
  teamDraftToUpdate,
} from "./team-draft";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const team: Team = {
  id: uuid(1),
  name: "Callers",
  level: "L1",
  departmentId: uuid(9),
  lead: { id: uuid(2), name: "Lead" },
  members: [
    { id: uuid(3), name: "A" },
    { id: uuid(4), name: "B" },
  ],
  createdAt: "2025-01-01T00:00:00Z",
};

describe("team form", () => {
  it("creates with a trimmed name and distinct members", () => {
    expect(teamDraftToSave({ ...emptyTeamDraft(uuid(9)), name: " Closers ", level: "L2", memberIds: [uuid(3), uuid(3)] })).toEqual({
      name: "Closers",
      departmentId: uuid(9),
      level: "L2",
      leadUserId: null,
      memberIds: [uuid(3)],
    });
  });

  it("sends nothing when only the members' order changed", () => {
    expect(teamDraftToUpdate(team, { ...draftFromTeam(team), memberIds: [uuid(4), uuid(3)] })).toEqual({});
  });

  it("sends only what changed", () => {
    expect(teamDraftToUpdate(team, { ...draftFromTeam(team), level: null, leadUserId: null, memberIds: [uuid(3)] })).toEqual({
      level: null,
      leadUserId: null,
      memberIds: [uuid(3)],
    });
  });
});

describe("department form (M3.1)", () => {
  const department: Department = { id: uuid(9), name: "New business", kind: "new_business", head: null, teamCount: 1, createdAt: "2025-01-01T00:00:00Z" };

  it("starts a new department as a general one", () => {
    expect(departmentDraftToSave({ ...draftFromDepartment(null), name: " Clients " })).toEqual({ name: "Clients", kind: "general", headUserId: null });
  });

  it("sends only the changed kind and head", () => {
    expect(departmentDraftToUpdate(department, { ...draftFromDepartment(department), kind: "client", headUserId: uuid(2) })).toEqual({
      kind: "client",
      headUserId: uuid(2),
    });
  });
});

describe("personOptions", () => {
  it("keeps a chosen person who is no longer active, sorted by name", () => {
    expect(personOptions([{ userId: uuid(3), name: "Zoe" }], [{ id: uuid(7), name: "Adam" }, { id: uuid(3), name: "Zoe" }])).toEqual([
      { value: uuid(7), label: "Adam" },
      { value: uuid(3), label: "Zoe" },
    ]);
  });
});
