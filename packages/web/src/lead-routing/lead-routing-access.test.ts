import { describe, expect, it } from "vitest";
import { roles } from "@conveyor/contracts";
import { leadRoutingSectionOfPath, showsLeadRoutingNav, visibleLeadRoutingSections } from "./lead-routing-access";

describe("lead distribution access", () => {
  it("shows the area in the main navigation to heads only", () => {
    expect(roles.filter(showsLeadRoutingNav)).toEqual(["admin", "head_of_sales"]);
  });

  it("opens each section to the roles the API serves", () => {
    expect(visibleLeadRoutingSections("head_of_sales")).toEqual(["rules", "sources", "availability", "redistribute", "settings"]);
    expect(visibleLeadRoutingSections("team_lead")).toEqual(["rules", "availability", "redistribute"]);
    expect(visibleLeadRoutingSections("seller")).toEqual([]);
  });

  it("finds the section of a path", () => {
    expect(leadRoutingSectionOfPath("/lead-routing/sources")).toBe("sources");
    expect(leadRoutingSectionOfPath("/lead-routing/rules/x")).toBe("rules");
    expect(leadRoutingSectionOfPath("/lead-routing")).toBeNull();
    expect(leadRoutingSectionOfPath("/lead-routing/sourcesx")).toBeNull();
  });
});
