import { describe, expect, it } from "vitest";
import type { Team } from "@conveyor/contracts";
import { barShares, formatMetric, formatWholeMoney, formatPercent, paceTone, scopeChoices, scopeValueOf, shownWidgets } from "./kpi-figures";

const team = (id: string, name: string, leadId: string | null): Team => ({
  id,
  name,
  level: null,
  departmentId: null,
  lead: leadId ? { id: leadId, name: "Lead" } : null,
  members: [],
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("the dashboard's figures", () => {
  it.each([
    [null, "gray"],
    [0, "red"],
    [99.99, "red"],
    [100, "green"],
    [120, "green"],
  ] as const)("%s of plan to date is %s", (value, tone) => {
    expect(paceTone(value)).toBe(tone);
  });

  it("scales bars to the largest value, and draws none when nothing came", () => {
    expect(barShares([0, 50, 100, 25])).toEqual([0, 0.5, 1, 0.25]);
    expect(barShares([0, 0])).toEqual([0, 0]);
    expect(barShares([])).toEqual([]);
    expect(barShares([-5, 10])).toEqual([0, 1]);
  });

  it("writes percentages and amounts in the reader's digits", () => {
    expect(formatPercent("en", 120)).toBe("120%");
    expect(formatPercent("fa", 45.4)).toBe("۴۵٪");
    // Intl separates with no-break spaces.
    const spaced = (text: string) => text.replace(/\s/g, " ");
    expect(spaced(formatMetric("en", "revenue", 6_000_050, "RUB"))).toBe("RUB 60,001");
    expect(spaced(formatWholeMoney("ru", 1_121_833_334, "RUB"))).toBe("11 218 333 ₽");
    expect(formatMetric("en", "calls", 3.456, "RUB")).toBe("3.5");
  });

  it("keeps the dashboard's order of widgets and shows all of them rather than nothing", () => {
    expect(shownWidgets(["sellers", "plan"])).toEqual(["plan", "sellers"]);
    expect(shownWidgets([])).toHaveLength(9);
  });
});

describe("whose figures a viewer may pick", () => {
  const teams = [team("t1", "North", "lead-1"), team("t2", "South", "lead-2")];
  const sellers = [{ userId: "u1", name: "Anna" }];

  it("gives a head the department, the levels, every team and every seller", () => {
    const values = scopeChoices({ id: "admin", role: "head_of_sales" }, teams, sellers).map((c) => c.value);
    expect(values).toEqual(["department", "level:L1", "level:L2", "level:L3", "team:t1", "team:t2", "seller:u1"]);
  });

  it("gives a team lead only the teams they lead and their sellers", () => {
    const values = scopeChoices({ id: "lead-1", role: "team_lead" }, teams, sellers).map((c) => c.value);
    expect(values).toEqual(["team:t1", "seller:u1"]);
  });

  it("gives a seller no choice: their personal view only", () => {
    expect(scopeChoices({ id: "u1", role: "seller" }, teams, sellers)).toEqual([]);
  });
});

describe("a scope's value", () => {
  it("is the department's word, or the kind and id", () => {
    expect(scopeValueOf({ kind: "department", id: "" })).toBe("department");
    expect(scopeValueOf({ kind: "level", id: "L2" })).toBe("level:L2");
    expect(scopeValueOf({ kind: "seller", id: "u1" })).toBe("seller:u1");
  });
});
