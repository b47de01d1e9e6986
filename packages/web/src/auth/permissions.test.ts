import { describe, expect, it } from "vitest";
import { roles } from "@conveyor/contracts";
import { canListUsers, isAdmin } from "./permissions";

describe("permissions", () => {
  it.each(roles)("%s", (role) => {
    expect({ list: canListUsers(role), admin: isAdmin(role) }).toEqual({
      list: role !== "seller",
      admin: role === "admin",
    });
  });
});
