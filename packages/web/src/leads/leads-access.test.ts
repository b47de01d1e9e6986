import { describe, expect, it } from "vitest";
import { roles } from "@conveyor/contracts";
import { canAssignLeads, leadScopeOf, leadsSectionOfPath } from "./leads-access";

describe("leads access", () => {
  it("labels the queue by what the server shows each role", () => {
    expect(roles.map((role) => [role, leadScopeOf(role)])).toEqual([
      ["admin", "department"],
      ["head_of_sales", "department"],
      ["team_lead", "team"],
      ["seller", "own"],
    ]);
  });

  it("lets whoever leads someone give a lead by hand, as the API does", () => {
    expect(roles.filter(canAssignLeads)).toEqual(["admin", "head_of_sales", "team_lead"]);
  });

  it("finds the section of a path", () => {
    expect(leadsSectionOfPath("/leads")).toBe("queue");
    expect(leadsSectionOfPath("/leads/")).toBe("queue");
    expect(leadsSectionOfPath("/leads/speed")).toBe("speed");
    expect(leadsSectionOfPath("/leads/speedy")).toBeNull();
    expect(leadsSectionOfPath("/lead-routing")).toBeNull();
  });
});
