import { describe, expect, it } from "vitest";
import {
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  hasNarrowingFilters,
  toggleSort,
  type ClientFilters,
} from "./client-filters";

const ownerId = "6f1c2f0e-8a4b-4c3d-9e2f-1a2b3c4d5e6f";

describe("client filters in the URL", () => {
  it("reads an empty query string as the default list", () => {
    expect(filtersFromSearch(new URLSearchParams(""))).toEqual({ sort: "name", order: "asc" });
  });

  it("round-trips every filter", () => {
    const filters: ClientFilters = {
      q: "Рога и копыта",
      status: "current",
      temperature: "hot",
      level: "L2",
      ownerId,
      region: "Москва",
      industry: "Retail",
      audience: "SMB",
      channel: "Website",
      tag: "vip",
      productId: "0b7e7d2c-3f4a-4b5c-8d6e-7f8091a2b3c4",
      sort: "lastActivityAt",
      order: "asc",
      view: "by-product",
    };
    const search = filtersToSearch(filters);
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(filters);
  });

  it("leaves defaults out of the URL", () => {
    expect(filtersToSearch({ sort: "name", order: "asc" }).toString()).toBe("");
    expect(filtersToSearch({ sort: "createdAt", order: "desc" }).toString()).toBe("sort=createdAt");
    expect(filtersToSearch({ sort: "name", order: "desc", status: "new" }).toString()).toBe("status=new&order=desc");
  });

  it("drops unknown and malformed values instead of failing", () => {
    const filters = filtersFromSearch(
      new URLSearchParams("status=lost&temperature=boiling&level=L9&ownerId=42&productId=lathe&sort=revenue&order=up&view=by-nothing&q=%20%20"),
    );
    expect(filters).toEqual({ sort: "name", order: "asc" });
  });

  it("asks the API for the filters but not for the open view", () => {
    expect(filtersToQuery({ sort: "name", order: "asc", view: "by-channel", channel: "Cold calls" })).toEqual({
      sort: "name",
      order: "asc",
      channel: "Cold calls",
    });
  });

  it("flips the order on the same column and starts dates newest first", () => {
    const byName: ClientFilters = { sort: "name", order: "asc" };
    expect(toggleSort(byName, "name")).toEqual({ sort: "name", order: "desc" });
    expect(toggleSort(byName, "lastActivityAt")).toEqual({ sort: "lastActivityAt", order: "desc" });
  });

  it("tells narrowing filters from sorting and views", () => {
    expect(hasNarrowingFilters({ sort: "createdAt", order: "asc", view: "by-manager" })).toBe(false);
    expect(hasNarrowingFilters({ sort: "name", order: "asc", region: "Tehran" })).toBe(true);
  });

  it("opens the “By product” view and filters by the product picked there", () => {
    const productId = "0b7e7d2c-3f4a-4b5c-8d6e-7f8091a2b3c4";
    expect(filtersFromSearch(new URLSearchParams(`view=by-product&productId=${productId}`))).toEqual({
      sort: "name",
      order: "asc",
      view: "by-product",
      productId,
    });
    expect(filtersToQuery({ sort: "name", order: "asc", view: "by-product", productId })).toEqual({ sort: "name", order: "asc", productId });
    expect(hasNarrowingFilters({ sort: "name", order: "asc", productId })).toBe(true);
  });

  it("keeps custom field filters as cf.<key> params, in a fixed order", () => {
    const filters: ClientFilters = { sort: "name", order: "asc", status: "current", custom: { segment: "SMB", budget_band: "Высокий" } };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe("status=current&cf.budget_band=%D0%92%D1%8B%D1%81%D0%BE%D0%BA%D0%B8%D0%B9&cf.segment=SMB");
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(filters);
    expect(filtersToQuery(filters)).toEqual({ sort: "name", order: "asc", status: "current", "cf.budget_band": "Высокий", "cf.segment": "SMB" });
    expect(hasNarrowingFilters({ sort: "name", order: "asc", custom: { segment: "SMB" } })).toBe(true);
  });

  it("drops malformed custom field params and blank values", () => {
    expect(filtersFromSearch(new URLSearchParams("cf.Bad-Key=x&cf.=y&cf.segment=%20&cf.ok=1&custom=z"))).toEqual({
      sort: "name",
      order: "asc",
      custom: { ok: "1" },
    });
    expect(filtersToSearch({ sort: "name", order: "asc", custom: { segment: "" } }).toString()).toBe("");
  });
});
