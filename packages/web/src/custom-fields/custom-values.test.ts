import { describe, expect, it } from "vitest";
import type { CustomField } from "@conveyor/contracts";
import { customChanges, customDraftFrom, customValuesForCreate, movedPosition, selectChoices } from "./custom-values";

const field = (key: string, type: CustomField["type"], extra: Partial<CustomField> = {}): CustomField => ({
  id: `00000000-0000-4000-8000-0000000000${String(key.length).padStart(2, "0")}`,
  entity: "company",
  key,
  label: key,
  type,
  options: type === "select" ? ["SMB", "Enterprise"] : [],
  position: 0,
  archived: false,
  createdAt: "2025-03-01T00:00:00Z",
  ...extra,
});

const fields = [field("segment", "select"), field("seats", "number"), field("renewal", "date"), field("note", "text")];

describe("custom values in forms", () => {
  it("sends nothing when nothing changed", () => {
    const stored = { segment: "SMB", seats: 10 };
    expect(customChanges(fields, stored, customDraftFrom(stored))).toEqual({});
  });

  it("sends the changed values, numbers as numbers, and a cleared one as null", () => {
    const stored = { segment: "SMB", seats: 10, note: "old" };
    const draft = { segment: "Enterprise", seats: "12.5", renewal: "2026-03-31", note: "  " };
    expect(customChanges(fields, stored, draft)).toEqual({ segment: "Enterprise", seats: 12.5, renewal: "2026-03-31", note: null });
    expect(customChanges(fields, stored, { ...draft, seats: "" })).toMatchObject({ seats: null });
  });

  it("creates with the values typed, numbers as numbers, blanks left out", () => {
    expect(customValuesForCreate(fields, {})).toEqual({});
    expect(customValuesForCreate(fields, { segment: "SMB", seats: "12", renewal: "", note: "  " })).toEqual({ segment: "SMB", seats: 12 });
    expect(customValuesForCreate([field("old", "text", { archived: true })], { old: "x" })).toEqual({});
  });

  it("never touches the values of archived fields", () => {
    const archived = [field("old", "text", { archived: true })];
    expect(customChanges(archived, { old: "kept" }, {})).toEqual({});
  });

  it("keeps a stored value whose option was removed among the choices", () => {
    const segment = field("segment", "select");
    expect(selectChoices(segment, "Startup")).toEqual(["SMB", "Enterprise", "Startup"]);
    expect(selectChoices(segment, "SMB")).toEqual(["SMB", "Enterprise"]);
    expect(selectChoices(segment, undefined)).toEqual(["SMB", "Enterprise"]);
  });

  it("moves up and down within the list only", () => {
    expect(movedPosition(fields, 0, -1)).toBeNull();
    expect(movedPosition(fields, 0, 1)).toBe(1);
    expect(movedPosition(fields, 3, 1)).toBeNull();
    expect(movedPosition(fields, 3, -1)).toBe(2);
  });
});
