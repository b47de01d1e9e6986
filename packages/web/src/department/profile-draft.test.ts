import { describe, expect, it } from "vitest";
import type { ConveyorProfile } from "@conveyor/contracts";
import { capFromInput, draftFromProfile, draftToProfileUpdate, matrixChanged, matrixValueSource, rowsToMatrix } from "./profile-draft";

const profile: ConveyorProfile = {
  userId: "00000000-0000-4000-8000-000000000001",
  name: "Anna",
  role: "seller",
  status: "active",
  level: "L1",
  salesRole: "product_manager",
  clientCap: null,
  teamIds: [],
  matrix: [
    { kind: "region", value: "North", label: "North" },
    { kind: "product", value: "00000000-0000-4000-8000-000000000009", label: "Pumps" },
  ],
  clients: 4,
};

describe("the person's edit form", () => {
  it("sends nothing when nothing changed", () => {
    expect(draftToProfileUpdate(profile, draftFromProfile(profile))).toEqual({});
  });

  it("sends only the changed level, job and cap", () => {
    const draft = { ...draftFromProfile(profile), level: "L2" as const, salesRole: null, clientCap: 30 };
    expect(draftToProfileUpdate(profile, draft)).toEqual({ level: "L2", salesRole: null, clientCap: 30 });
  });

  it("an emptied cap means the department's default (null)", () => {
    expect(draftToProfileUpdate({ ...profile, clientCap: 12 }, { ...draftFromProfile(profile), clientCap: "" })).toEqual({ clientCap: null });
    expect(capFromInput("")).toBeNull();
    expect(capFromInput("0")).toBeNull();
    expect(capFromInput("2.5")).toBeNull();
    expect(capFromInput("7")).toBe(7);
  });

  it("sends the whole matrix when an attachment changed, trimmed and without blanks or repeats", () => {
    const draft = draftFromProfile(profile);
    draft.matrix = [
      ...draft.matrix,
      { key: "a", kind: "audience", value: "  Retail " },
      { key: "b", kind: "audience", value: "Retail" },
      { key: "c", kind: "region", value: "   " },
    ];
    expect(draftToProfileUpdate(profile, draft)).toEqual({
      matrix: [
        { kind: "region", value: "North" },
        { kind: "product", value: "00000000-0000-4000-8000-000000000009" },
        { kind: "audience", value: "Retail" },
      ],
    });
  });

  it("ignores the order of attachments and empty rows when deciding whether they changed", () => {
    const reversed = [...draftFromProfile(profile).matrix].reverse();
    expect(matrixChanged(profile.matrix, [...reversed, { key: "x", kind: "team", value: "" }])).toBe(false);
    expect(rowsToMatrix([])).toEqual([]);
  });

  it("picks products, groups and teams from lists, regions and audiences as free text", () => {
    expect(matrixValueSource("product")).toBe("product");
    expect(matrixValueSource("product_group")).toBe("product_group");
    expect(matrixValueSource("team")).toBe("team");
    expect(matrixValueSource("region")).toBe("text");
    expect(matrixValueSource("audience")).toBe("text");
  });
});
