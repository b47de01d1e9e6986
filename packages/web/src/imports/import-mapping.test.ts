import { describe, expect, it } from "vitest";
import {
  duplicateColumns,
  freeTargets,
  isMappingReady,
  mappingErrorColumn,
  mappingFromJob,
  missingTargetGroups,
  sampleValues,
  setColumnTarget,
  type ColumnMapping,
} from "./import-mapping";

describe("the column mapping", () => {
  it("takes the server's suggestion, one entry per column, dropping fields of other entities", () => {
    expect(mappingFromJob("companies", 4, ["name", "title", "phone"])).toEqual(["name", null, "phone", null]);
    expect(mappingFromJob("deals", 1, ["title", "amount"])).toEqual(["title"]);
  });

  it("points one column at another field and leaves the others alone", () => {
    const mapping: ColumnMapping = ["name", null, "phone"];
    expect(setColumnTarget(mapping, 1, "legalId")).toEqual(["name", "legalId", "phone"]);
    expect(setColumnTarget(mapping, 0, null)).toEqual([null, null, "phone"]);
    expect(mapping).toEqual(["name", null, "phone"]);
  });

  it("offers a column the fields no other column uses, and phones and emails always", () => {
    const mapping: ColumnMapping = ["name", "phone", "legalId", null];
    const free = freeTargets("companies", mapping, 3);
    expect(free).not.toContain("name");
    expect(free).not.toContain("legalId");
    expect(free).toContain("phone");
    expect(free).toContain("email");
    expect(free).toContain("region");
    // A column keeps its own field among its choices.
    expect(freeTargets("companies", mapping, 0)).toContain("name");
  });

  it.each([
    ["companies", [null, "region"], [["name"]]],
    ["companies", ["name", "region"], []],
    ["contacts", ["phone"], [["name", "firstName", "lastName"], ["company", "companyLegalId"]]],
    ["contacts", ["lastName", "companyLegalId"], []],
    ["deals", ["title", "amount"], [["company", "companyLegalId"]]],
    ["deals", ["company", "amount"], [["title"]]],
  ] as const)("%s %j still needs %j", (entity, mapping, missing) => {
    expect(missingTargetGroups(entity, mapping)).toEqual(missing);
  });

  it("finds columns that feed a field twice, except phones and emails", () => {
    expect([...duplicateColumns(["name", "phone", "phone", "name", "email", "email"])]).toEqual([3]);
    expect(duplicateColumns([null, null]).size).toBe(0);
  });

  it("is ready when something is imported, the required fields are mapped and nothing is fed twice", () => {
    expect(isMappingReady("companies", ["name", "phone", "phone"])).toBe(true);
    expect(isMappingReady("companies", ["name", "name"])).toBe(false);
    expect(isMappingReady("companies", ["region"])).toBe(false);
    expect(isMappingReady("contacts", [null, null])).toBe(false);
  });

  it("shows up to three non-empty sample values of a column", () => {
    const sample = [["A", ""], ["B", " x "], ["", "y"], ["C", "z"], ["D", "w"]];
    expect(sampleValues(sample, 0)).toEqual(["A", "B", "C"]);
    expect(sampleValues(sample, 1)).toEqual(["x", "y", "z"]);
    expect(sampleValues(sample, 5)).toEqual([]);
  });

  it("reads which column a server error is about", () => {
    expect(mappingErrorColumn("mapping.12")).toBe(12);
    expect(mappingErrorColumn("mapping")).toBeNull();
    expect(mappingErrorColumn("file")).toBeNull();
  });
});
