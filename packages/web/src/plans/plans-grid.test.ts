import { describe, expect, it } from "vitest";
import type { Plan } from "@conveyor/contracts";
import { buildGrid, cellInputValue, cellKey, cellOfField, completionTone, draftToSave } from "./plans-grid";

const id = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, "0")}`;

const plan = (over: Partial<Plan>): Plan => ({
  id: id(90),
  scopeKind: "seller",
  scopeId: id(1),
  scopeName: "Anna",
  metric: "revenue",
  target: 100_000_00,
  fact: 40_000_00,
  completionToDate: 80,
  updatedAt: "2026-12-01T09:00:00.000Z",
  ...over,
});

const teams = [
  { id: id(10), name: "L1 · Hunters", level: "L1", members: [{ id: id(1), name: "Anna" }, { id: id(2), name: "Boris" }] },
  { id: id(11), name: "L3 · Farmers", level: "L3", members: [{ id: id(3), name: "Vera" }, { id: id(1), name: "Anna" }] },
];
const people = [
  { userId: id(1), name: "Anna", level: "L1" },
  { userId: id(2), name: "Boris", level: "L1" },
  { userId: id(3), name: "Vera", level: "L3" },
  { userId: id(4), name: "Gleb", level: null },
];

describe("buildGrid", () => {
  it("gives a head every seller under their first team, the department, the levels and the sellers without a team", () => {
    const sections = buildGrid({ plans: [], teams, people });
    expect(sections.map((s) => s.kind)).toEqual(["department", "team", "team", "no_team", "levels"]);
    expect(sections[1]?.rows.map((r) => `${r.scopeKind}:${r.name}`)).toEqual(["team:L1 · Hunters", "seller:Anna", "seller:Boris"]);
    // Anna is in both teams and planned once, under the first.
    expect(sections[2]?.rows.map((r) => r.name)).toEqual(["L3 · Farmers", "Vera"]);
    expect(sections[3]?.rows.map((r) => r.name)).toEqual(["Gleb"]);
    expect(sections[4]?.rows.map((r) => r.scopeId)).toEqual(["L1", "L2", "L3"]);
  });

  it("shows a seller only the rows their plans come in, in their team", () => {
    const sections = buildGrid({ plans: [plan({}), plan({ metric: "calls", target: 300, fact: 120 })], teams, people: null });
    expect(sections).toEqual([{ kind: "team", key: `team:${id(10)}`, name: "L1 · Hunters", level: "L1", rows: [
      { scopeKind: "team", scopeId: id(10), name: "L1 · Hunters", level: "L1" },
      { scopeKind: "seller", scopeId: id(1), name: "Anna", level: null },
    ] }]);
  });

  it("puts channel and product-group plans in a section of their own", () => {
    const sections = buildGrid({ plans: [plan({ scopeKind: "channel", scopeId: "Сайт", scopeName: "Сайт" })], teams: [], people: null });
    expect(sections).toEqual([{ kind: "other", key: "other", rows: [{ scopeKind: "channel", scopeId: "Сайт", name: "Сайт", level: null }] }]);
  });
});

describe("draftToSave", () => {
  const saved = [plan({}), plan({ id: id(91), scopeKind: "department", scopeId: "", metric: "calls", target: 3000 })];
  const anna = cellKey("seller", id(1), "revenue");

  it("shows revenue in whole currency and counts as they are", () => {
    expect(cellInputValue(saved[0], "RUB")).toBe(100_000);
    expect(cellInputValue(saved[1], "RUB")).toBe(3000);
    expect(cellInputValue(undefined, "RUB")).toBe("");
  });

  it("sends only what changed: revenue in minor units, a cleared cell as null, an untouched empty cell not at all", () => {
    const result = draftToSave(
      saved,
      {
        [anna]: 120_000.5,
        [cellKey("department", "", "calls")]: "",
        [cellKey("team", id(10), "meetings")]: "",
        [cellKey("level", "L2", "deals_won")]: "12",
      },
      "RUB",
    );
    expect(result).toEqual({
      items: [
        { scopeKind: "seller", scopeId: id(1), metric: "revenue", target: 120_000_50 },
        { scopeKind: "department", scopeId: "", metric: "calls", target: null },
        { scopeKind: "level", scopeId: "L2", metric: "deals_won", target: 12 },
      ],
      cells: [anna, cellKey("department", "", "calls"), cellKey("level", "L2", "deals_won")],
      problems: [],
    });
  });

  it("sends nothing for a cell typed back to its saved value", () => {
    expect(draftToSave(saved, { [anna]: 100_000 }, "RUB").items).toEqual([]);
    expect(draftToSave(saved, { [anna]: "100 000" }, "RUB").items).toEqual([]);
  });

  it("keeps back what is no plan: negative, fractional counts, words", () => {
    const calls = cellKey("seller", id(2), "calls");
    const meetings = cellKey("seller", id(2), "meetings");
    const result = draftToSave(saved, { [anna]: -1, [calls]: 10.5, [meetings]: "many" }, "IRR");
    expect(result.items).toEqual([]);
    expect(result.problems).toEqual([anna, calls, meetings]);
  });

  it("places the server's field errors at their cell", () => {
    const cells = [anna, cellKey("level", "L2", "calls")];
    expect(cellOfField("items.1.scopeId", cells)).toBe(cells[1]);
    expect(cellOfField("items.0", cells)).toBe(anna);
    expect(cellOfField("items.7.target", cells)).toBeNull();
    expect(cellOfField("period", cells)).toBeNull();
  });
});

describe("completionTone", () => {
  it.each([
    [null, "none"],
    [99.9, "behind"],
    [100, "on_track"],
    [164, "on_track"],
  ] as const)("%s%% is %s", (completion, tone) => {
    expect(completionTone(completion)).toBe(tone);
  });
});
