import { describe, expect, it } from "vitest";
import type { SpeedRow } from "@conveyor/contracts";
import { isSlowRow, isValidPeriod, lastMonth, medianBarShare, slaMarkShare, thisMonth, withinSlaShare } from "./speed-figures";

const row = (patch: Partial<SpeedRow>): SpeedRow => ({
  key: "a",
  name: "Anna",
  leads: 10,
  touched: 8,
  withinSla: 5,
  medianMinutes: 12,
  averageMinutes: 14,
  reassigned: 1,
  escalated: 0,
  ...patch,
});

describe("speed figures", () => {
  it("marks a median over the SLA as slow, never an untouched row", () => {
    expect(isSlowRow(row({ medianMinutes: 16 }), 15)).toBe(true);
    expect(isSlowRow(row({ medianMinutes: 15 }), 15)).toBe(false);
    expect(isSlowRow(row({ medianMinutes: null }), 15)).toBe(false);
  });

  it("counts untouched leads against the SLA share", () => {
    expect(withinSlaShare(row({}))).toBe(0.5);
    expect(withinSlaShare(row({ leads: 0, withinSla: 0 }))).toBeNull();
  });

  it("draws bars on one scale that keeps the SLA mark", () => {
    const rows = [row({ medianMinutes: 30 }), row({ medianMinutes: 15 })];
    expect(medianBarShare(rows[1] ?? row({}), rows, 15)).toBe(0.5);
    expect(slaMarkShare(rows, 15)).toBe(0.5);
    expect(slaMarkShare([row({ medianMinutes: 5 })], 15)).toBe(1);
  });

  it("takes months in the reader's calendar", () => {
    expect(thisMonth("2025-03-25", "en")).toEqual({ from: "2025-03-01", to: "2025-03-25" });
    // 1 Farvardin 1404 is 21 March 2025.
    expect(thisMonth("2025-03-25", "fa")).toEqual({ from: "2025-03-21", to: "2025-03-25" });
    expect(lastMonth("2025-03-25", "ru")).toEqual({ from: "2025-02-01", to: "2025-02-28" });
  });

  it("accepts only well-formed periods in order", () => {
    expect(isValidPeriod({ from: "2025-03-01", to: "2025-03-31" })).toBe(true);
    expect(isValidPeriod({ from: "2025-03-31", to: "2025-03-01" })).toBe(false);
    expect(isValidPeriod({ from: "2025-02-30", to: "2025-03-01" })).toBe(false);
  });
});
