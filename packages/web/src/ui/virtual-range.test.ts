import { describe, expect, it } from "vitest";
import { leadingSpacers, shouldLoadMore } from "./virtual-range";

describe("leadingSpacers", () => {
  it.each([
    [0, 0, []],
    [1, 48, [48]],
    [2, 96, [0, 96]],
    [7, 336, [336]],
    [40, 1920, [0, 1920]],
  ])("first row %i, %i px above → %j", (first, height, spacers) => {
    expect(leadingSpacers(first, height)).toEqual(spacers);
  });

  it("keeps every rendered row's odd or even place in the whole table", () => {
    for (let first = 0; first < 10; first += 1) {
      const spacers = leadingSpacers(first, first * 40).length;
      // The row of index `first` is the (spacers + 1)-th <tr>; in the whole table it is the (first + 1)-th.
      expect((spacers + 1) % 2).toBe((first + 1) % 2);
    }
  });

  it("never makes a negative height", () => {
    expect(leadingSpacers(3, -5)).toEqual([0]);
    expect(leadingSpacers(4, -5)).toEqual([]);
  });
});

describe("shouldLoadMore", () => {
  const base = { loadedCount: 50, hasMore: true, loading: false, ahead: 10 };

  it("asks for the next page when the end comes near", () => {
    expect(shouldLoadMore({ ...base, lastRenderedIndex: 38 })).toBe(false);
    expect(shouldLoadMore({ ...base, lastRenderedIndex: 39 })).toBe(true);
    expect(shouldLoadMore({ ...base, lastRenderedIndex: 49 })).toBe(true);
  });

  it("waits while a page loads and stops at the last page", () => {
    expect(shouldLoadMore({ ...base, lastRenderedIndex: 49, loading: true })).toBe(false);
    expect(shouldLoadMore({ ...base, lastRenderedIndex: 49, hasMore: false })).toBe(false);
  });

  it("loads when nothing is loaded yet but more exists", () => {
    expect(shouldLoadMore({ ...base, loadedCount: 0, lastRenderedIndex: -1 })).toBe(true);
  });
});
