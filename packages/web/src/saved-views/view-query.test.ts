import { describe, expect, it } from "vitest";
import type { SavedView } from "@conveyor/contracts";
import { activeView, queryOfSearch, sameQuery } from "./view-query";

const view = (id: string, query: Record<string, string>, mine: boolean): SavedView => ({
  id: `00000000-0000-4000-8000-0000000000${id}`,
  entity: "companies",
  name: `View ${id}`,
  query,
  shared: !mine,
  ownerId: "00000000-0000-4000-8000-000000000001",
  ownerName: "Анна",
  mine,
  createdAt: "2025-03-01T00:00:00Z",
  updatedAt: "2025-03-01T00:00:00Z",
});

describe("saved view queries", () => {
  it("reads a URL's params, the first of a repeated one, without blanks", () => {
    expect(queryOfSearch(new URLSearchParams("status=current&cf.segment=SMB&q=&status=new"))).toEqual({ status: "current", "cf.segment": "SMB" });
  });

  it("compares queries whatever the order", () => {
    expect(sameQuery({ a: "1", b: "2" }, { b: "2", a: "1" })).toBe(true);
    expect(sameQuery({ a: "1" }, { a: "1", b: "2" })).toBe(false);
    expect(sameQuery({}, {})).toBe(true);
  });

  it("finds the view on screen, the viewer's own first", () => {
    const shared = view("11", { status: "current" }, false);
    const mine = view("12", { status: "current" }, true);
    expect(activeView([shared, mine], { status: "current" })).toBe(mine);
    expect(activeView([shared], { status: "current" })).toBe(shared);
    expect(activeView([shared, mine], { status: "new" })).toBeUndefined();
  });
});
