import { describe, expect, it } from "vitest";
import { bucketStarted, forecastAccuracy, forecastColumns, forecastTotals } from "./forecast-figures";

const bucket = (start: string, weighted: { new: number; current: number; permanent: number }, repeatMinor: number) => ({
  start,
  end: start,
  weighted,
  byGroup: [weighted.new, weighted.current],
  openMinor: 0,
  deals: 0,
  repeatMinor,
  totalMinor: weighted.new + weighted.current + weighted.permanent + repeatMinor,
  actualMinor: 0,
});

describe("the forecast's figures", () => {
  it("compares a closed month's money with its forecast", () => {
    expect(forecastAccuracy({ forecastMinor: 200, actualMinor: 150 })).toBe(0.75);
    expect(forecastAccuracy({ forecastMinor: 0, actualMinor: 150 })).toBeNull();
  });

  it("knows which buckets have begun", () => {
    expect(bucketStarted({ start: "2026-12-01" }, "2026-12-07")).toBe(true);
    expect(bucketStarted({ start: "2027-01-01" }, "2026-12-07")).toBe(false);
  });

  it("sums the buckets by client type", () => {
    const totals = forecastTotals([bucket("2026-12-01", { new: 1, current: 2, permanent: 3 }, 10), bucket("2027-01-01", { new: 4, current: 0, permanent: 0 }, 5)]);
    expect(totals).toEqual({ new: 5, current: 2, permanent: 3, repeatMinor: 15, totalMinor: 25 });
  });

  it("shows all three client types in order, or the split's own groups", () => {
    const b = bucket("2026-12-01", { new: 1, current: 2, permanent: 3 }, 10);
    const byType = forecastColumns({ split: "client_type", groups: [{ key: "permanent", kind: "value" }] });
    expect(byType.map((c) => [c.id, c.valueOf(b)])).toEqual([
      ["new", 1],
      ["current", 2],
      ["permanent", 3],
    ]);
    const bySegment = forecastColumns({ split: "segment", groups: [{ key: "retail", kind: "value" }, { key: "", kind: "other" }] });
    expect(bySegment.map((c) => [c.id, c.valueOf(b)])).toEqual([
      ["value:retail", 1],
      ["other:", 2],
    ]);
  });
});
