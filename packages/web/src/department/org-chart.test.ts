import { describe, expect, it } from "vitest";
import type { OrgChart } from "@conveyor/contracts";
import { groupAttachments, headcount, peopleWithTwoManagers, sortDepartments, sortMembers, sortTeamsAlongConveyor } from "./org-chart";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const member = (n: number, level: "L1" | "L2" | "L3" | null, second: number[] = []) => ({
  id: uuid(n),
  name: `Person ${n}`,
  level,
  salesRole: null,
  secondManagers: second.map((id) => ({ id: uuid(id), name: `Manager ${id}`, salesRole: "product_manager" as const })),
});

const chart: OrgChart = {
  departmentMode: "three_level",
  structureVariant: "matrix_product",
  headsOfSales: [{ id: uuid(1), name: "Head" }],
  departments: [
    { id: null, name: null, kind: "general", head: null, teams: [{ id: uuid(90), name: "Loose", level: null, lead: null, members: [member(7, "L2")] }] },
    {
      id: uuid(50),
      name: "New business",
      kind: "new_business",
      head: { id: uuid(1), name: "Head" },
      teams: [
        { id: uuid(60), name: "Closers", level: "L2", lead: { id: uuid(2), name: "Lead" }, members: [member(3, "L2", [20])] },
        { id: uuid(61), name: "Callers", level: "L1", lead: { id: uuid(2), name: "Lead" }, members: [member(4, "L1", [20, 21]), member(3, "L2")] },
      ],
    },
  ],
  unassigned: [member(8, null, [21])],
  matrixManagers: [],
};

describe("org chart grouping", () => {
  it("orders teams along the conveyor, L1 → L2 → L3, teams without a level last", () => {
    const teams = [
      { name: "B", level: null },
      { name: "Z", level: "L3" },
      { name: "A", level: "L1" },
      { name: "C", level: "L2" },
      { name: "A2", level: "L1" },
    ] as const;
    expect(sortTeamsAlongConveyor(teams).map((team) => team.name)).toEqual(["A", "A2", "C", "Z", "B"]);
    expect(teams[0].name).toBe("B");
  });

  it("orders members by level, then by name", () => {
    expect(sortMembers([member(5, "L3"), member(4, null), member(2, "L1"), member(1, "L3")]).map((m) => m.name)).toEqual([
      "Person 2",
      "Person 1",
      "Person 5",
      "Person 4",
    ]);
  });

  it("puts the bucket without a department last", () => {
    expect(sortDepartments(chart.departments).map((d) => d.name)).toEqual(["New business", null]);
  });

  it("counts each person once, leads included", () => {
    // lead 2; members 3, 4, 7; unassigned 8
    expect(headcount(chart)).toBe(5);
  });

  it("counts the people with a second manager (M4.4)", () => {
    expect(peopleWithTwoManagers(chart)).toBe(3);
  });

  it("groups a matrix manager's attachments by kind, in the contract's order", () => {
    expect(
      groupAttachments([
        { kind: "region", label: "South" },
        { kind: "product", label: "Pumps" },
        { kind: "product", label: "Filters" },
        { kind: "region", label: "South" },
        { kind: "team", label: "Callers" },
      ]),
    ).toEqual([
      { kind: "product", labels: ["Filters", "Pumps"] },
      { kind: "region", labels: ["South"] },
      { kind: "team", labels: ["Callers"] },
    ]);
  });
});
