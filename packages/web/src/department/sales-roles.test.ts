import { describe, expect, it } from "vitest";
import { salesRoles } from "@conveyor/contracts";
import { familyOfRole, groupedSalesRoleOptions, isCrossRole } from "./sales-roles";

describe("M4.3 sales role families", () => {
  it.each([
    ["tele_sales", "hunters"],
    ["field_rep", "hunters"],
    ["key_account_manager", "farmers"],
    ["partner_account_manager", "farmers"],
    ["product_manager", "between"],
    ["regional_manager", "between"],
    ["technical_support", "between"],
  ] as const)("%s is one of the %s", (role, family) => {
    expect(familyOfRole(role)).toBe(family);
  });

  it("the grouped options hold every role exactly once, hunters first", () => {
    const groups = groupedSalesRoleOptions(
      (family) => family.toUpperCase(),
      (role) => `role:${role}`,
    );
    expect(groups.map((group) => group.group)).toEqual(["HUNTERS", "FARMERS", "BETWEEN"]);
    const values = groups.flatMap((group) => group.items.map((item) => item.value));
    expect([...values].sort()).toEqual([...salesRoles].sort());
    expect(groups[0]?.items[0]).toEqual({ value: "tele_sales", label: "role:tele_sales" });
  });

  it("only the roles between hunters and farmers are cross roles of the matrix (M4.4)", () => {
    expect(isCrossRole("product_manager")).toBe(true);
    expect(isCrossRole("account_manager")).toBe(false);
    expect(isCrossRole(null)).toBe(false);
  });
});
