import { describe, expect, it } from "vitest";
import type { Plan } from "@conveyor/contracts";
import { copySummary, splitFigures, splitInputsKey, weightsToSend } from "./split-figures";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe("splitFigures", () => {
  it("reads shares in percent, marks the absent seller pro-rated, and checks the sum against the total", () => {
    const figures = splitFigures(
      {
        applied: false,
        items: [
          { userId: id(1), name: "Anna", target: 533_333, share: 0.5333, presentWorkingDays: 22, basis: 8_000_000 },
          { userId: id(2), name: "Boris", target: 466_667, share: 0.4667, presentWorkingDays: 11, basis: 14_000_000 },
        ],
      },
      1_000_000,
      22,
      true,
    );
    expect(figures.lines.map((l) => [l.name, Math.round(l.sharePercent * 100) / 100, l.prorated])).toEqual([
      ["Anna", 53.33, false],
      ["Boris", 46.67, true],
    ]);
    expect(figures).toMatchObject({ sum: 1_000_000, difference: 0 });
  });

  it("marks nobody pro-rated when pro-rating is off", () => {
    const figures = splitFigures({ applied: false, items: [{ userId: id(1), name: "Anna", target: 10, share: 1, presentWorkingDays: 3, basis: 1 }] }, 10, 22, false);
    expect(figures.lines[0]?.prorated).toBe(false);
  });
});

describe("the split's inputs", () => {
  it("sends only weights that are numbers from 0 to 1000", () => {
    expect(weightsToSend({ [id(1)]: 2, [id(2)]: "1,5", [id(3)]: "", [id(4)]: -1, [id(5)]: "x" })).toEqual({ [id(1)]: 2, [id(2)]: 1.5 });
  });

  it("a preview is stale once an input changes; weights matter only when splitting by weight", () => {
    const base = { metric: "revenue", total: 100, method: "even" as const, weights: { [id(1)]: 2 }, prorate: true };
    expect(splitInputsKey(base)).toBe(splitInputsKey({ ...base, weights: {} }));
    expect(splitInputsKey({ ...base, method: "weight" })).not.toBe(splitInputsKey({ ...base, method: "weight", weights: {} }));
    expect(splitInputsKey(base)).not.toBe(splitInputsKey({ ...base, total: 101 }));
  });
});

describe("copySummary", () => {
  const plan = (scopeId: string, metric: Plan["metric"]): Plan => ({
    id: id(9), scopeKind: "seller", scopeId, scopeName: "", metric, target: 1, fact: 0, completionToDate: 0, updatedAt: "2026-12-01T00:00:00.000Z",
  });
  const from = [plan(id(1), "revenue"), plan(id(1), "calls"), plan(id(2), "revenue")];
  const to = [plan(id(1), "revenue"), plan(id(3), "revenue")];

  it("keeps the plans already set in the target month unless told to replace them", () => {
    expect(copySummary(from, to, false)).toEqual({ copied: 2, overwritten: 0, kept: 1 });
    expect(copySummary(from, to, true)).toEqual({ copied: 3, overwritten: 1, kept: 0 });
    expect(copySummary(from, [], false)).toEqual({ copied: 3, overwritten: 0, kept: 0 });
  });
});
