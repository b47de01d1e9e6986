import { describe, expect, it } from "vitest";
import { roles } from "@conveyor/contracts";
import { canListUsers, canManagePipelines, canManageProducts, isAdmin } from "./permissions";

describe("permissions", () => {
  it.each(roles)("%s", (role) => {
    expect({ list: canListUsers(role), admin: isAdmin(role), pipelines: canManagePipelines(role), products: canManageProducts(role) }).toEqual({
      list: role !== "seller",
      admin: role === "admin",
      pipelines: role === "admin" || role === "head_of_sales",
      products: role === "admin" || role === "head_of_sales",
    });
  });
});
