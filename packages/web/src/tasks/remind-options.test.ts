import { describe, expect, it } from "vitest";
import { isRemindChoice, remindAtFor } from "./remind-options";

describe("remind me", () => {
  const due = new Date("2026-03-10T09:00:00Z");
  it.each([
    ["none", null],
    ["atDue", "2026-03-10T09:00:00.000Z"],
    ["before15m", "2026-03-10T08:45:00.000Z"],
    ["before1h", "2026-03-10T08:00:00.000Z"],
    ["before1d", "2026-03-09T09:00:00.000Z"],
  ] as const)("%s → %s", (choice, expected) => {
    expect(remindAtFor(due, choice)).toBe(expected);
  });

  it("knows its choices", () => {
    expect(isRemindChoice("before1h")).toBe(true);
    expect(isRemindChoice("before2h")).toBe(false);
    expect(isRemindChoice(null)).toBe(false);
  });
});
