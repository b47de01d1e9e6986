import { describe, expect, it } from "vitest";
import { splitLabel, staffingMoves } from "./staffing-moves";

describe("M1.2 staffing moves", () => {
  it("a balanced department moves no one", () => {
    expect(staffingMoves({ L1: 0, L2: 0, L3: 0 })).toEqual({ moves: [], toFill: [] });
  });

  it("6 sellers at 2-2-2 against 4-1-1: one from L2 and one from L3 go to L1", () => {
    expect(staffingMoves({ L1: -2, L2: 1, L3: 1 })).toEqual({
      moves: [
        { from: "L2", to: "L1", count: 1 },
        { from: "L3", to: "L1", count: 1 },
      ],
      toFill: [],
    });
  });

  it("prefers the neighbouring level: 10 sellers at 4-2-4 against 6-2-2", () => {
    expect(staffingMoves({ L1: -2, L2: 0, L3: 2 })).toEqual({ moves: [{ from: "L3", to: "L1", count: 2 }], toFill: [] });
    expect(staffingMoves({ L1: 1, L2: -1, L3: 0 }).moves).toEqual([{ from: "L1", to: "L2", count: 1 }]);
  });

  it("what no surplus covers is left to fill (people without a level, or a hire)", () => {
    expect(staffingMoves({ L1: -3, L2: 1, L3: -1 })).toEqual({
      moves: [{ from: "L2", to: "L1", count: 1 }],
      toFill: [
        { level: "L1", count: 2 },
        { level: "L3", count: 1 },
      ],
    });
  });

  it("writes a split the way the seed does", () => {
    expect(splitLabel({ L1: 6, L2: 2, L3: 2 })).toBe("6-2-2");
  });
});
