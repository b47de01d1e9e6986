import { describe, expect, it } from "vitest";
import { canOpenSection, sectionOfPath, visibleSections } from "./department-access";

describe("department sections by role", () => {
  it("sellers see the org chart and handovers only", () => {
    expect(visibleSections("seller")).toEqual(["orgChart", "handovers"]);
  });

  it("team leads also read people, teams and the advisors, but not rules or settings", () => {
    expect(visibleSections("team_lead")).toEqual(["orgChart", "people", "teams", "handovers", "advisors"]);
  });

  it.each(["admin", "head_of_sales"] as const)("%s sees every section", (role) => {
    expect(visibleSections(role)).toEqual(["orgChart", "people", "teams", "rules", "handovers", "advisors", "settings"]);
    expect(canOpenSection(role, "settings")).toBe(true);
  });
});

describe("sectionOfPath", () => {
  it.each([
    ["/department", "orgChart"],
    ["/department/", "orgChart"],
    ["/department/people", "people"],
    ["/department/rules/123", "rules"],
    ["/department/handovers", "handovers"],
    ["/departments", null],
    ["/clients", null],
  ] as const)("%s → %s", (path, section) => {
    expect(sectionOfPath(path)).toBe(section);
  });
});
