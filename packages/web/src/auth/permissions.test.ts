import { describe, expect, it } from "vitest";
import { roles } from "@conveyor/contracts";
import { canImport, canListUsers, canManageCustomFields, canManagePipelines, canManageProducts, canShareViews, isAdmin } from "./permissions";

describe("permissions", () => {
  it.each(roles)("%s", (role) => {
    expect({ list: canListUsers(role), admin: isAdmin(role), pipelines: canManagePipelines(role), products: canManageProducts(role) }).toEqual({
      list: role !== "seller",
      admin: role === "admin",
      pipelines: role === "admin" || role === "head_of_sales",
      products: role === "admin" || role === "head_of_sales",
    });
  });

  it.each(roles)("%s with custom fields and shared views", (role) => {
    const head = role === "admin" || role === "head_of_sales";
    expect({ fields: canManageCustomFields(role), share: canShareViews(role) }).toEqual({ fields: head, share: head });
  });

  it.each(roles)("%s importing files", (role) => {
    expect(canImport(role)).toBe(role === "admin" || role === "head_of_sales");
  });
});
