import { describe, expect, it } from "vitest";
import { queryOfSearch } from "../saved-views/view-query";
import { dealFiltersFromSearch, dealFiltersToQuery, hasDealFilters, withDealFilters, type DealFilters } from "./deal-filters";

const ownerId = "6f1c2f0e-8a4b-4c3d-9e2f-1a2b3c4d5e6f";
const mine = "0b7e7d2c-3f4a-4b5c-8d6e-7f8091a2b3c4";
const pipelineId = "11111111-2222-4333-8444-555555555555";

describe("deal list filters in the URL", () => {
  it("reads an empty query string as no filter", () => {
    expect(dealFiltersFromSearch(new URLSearchParams(""))).toEqual({});
    expect(hasDealFilters({})).toBe(false);
  });

  it("round-trips every filter and keeps the page's own params", () => {
    const filters: DealFilters = { q: "Пилот", status: "lost", ownerId, custom: { source: "Tender", seats: "10" } };
    const search = withDealFilters(new URLSearchParams(`view=list&pipeline=${pipelineId}`), filters);
    expect(search.toString()).toBe(
      `view=list&pipeline=${pipelineId}&q=%D0%9F%D0%B8%D0%BB%D0%BE%D1%82&status=lost&ownerId=${ownerId}&cf.seats=10&cf.source=Tender`,
    );
    expect(dealFiltersFromSearch(new URLSearchParams(search.toString()))).toEqual(filters);
    expect(hasDealFilters(filters)).toBe(true);
  });

  it("replaces the filters, leaving no stale one behind", () => {
    const before = new URLSearchParams("view=list&owner=mine&q=old&status=won&cf.source=Tender&cf.Bad-Key=1");
    expect(withDealFilters(before, { status: "open" }).toString()).toBe("view=list&owner=mine&status=open");
    expect(withDealFilters(before, {}).toString()).toBe("view=list&owner=mine");
  });

  it("gives a saved view everything on screen", () => {
    const search = withDealFilters(new URLSearchParams("view=list"), { q: "pilot", status: "open", custom: { source: "Referral" } });
    expect(queryOfSearch(search)).toEqual({ view: "list", q: "pilot", status: "open", "cf.source": "Referral" });
  });

  it("drops unknown, malformed and blank values instead of failing", () => {
    expect(dealFiltersFromSearch(new URLSearchParams("status=dormant&ownerId=42&q=%20%20&cf.Bad-Key=x&cf.=y&cf.source=%20&cf.ok=1"))).toEqual({
      custom: { ok: "1" },
    });
    expect(withDealFilters(new URLSearchParams(), { q: "  ", custom: { source: "" } }).toString()).toBe("");
  });

  it("trims the search and cuts very long values", () => {
    const filters = dealFiltersFromSearch(new URLSearchParams(`q=${"a".repeat(300)}&cf.note=${"b".repeat(300)}`));
    expect(filters.q).toHaveLength(200);
    expect(filters.custom?.["note"]).toHaveLength(200);
    expect(dealFiltersFromSearch(new URLSearchParams("q=%20pilot%20")).q).toBe("pilot");
  });

  it("asks the API for the pipeline, the filters and cf.<key> params; “Mine” wins over the owner filter", () => {
    const filters: DealFilters = { q: "pilot", status: "won", ownerId, custom: { source: "Tender" } };
    expect(dealFiltersToQuery(filters, { pipelineId, mineOwnerId: undefined })).toEqual({
      pipelineId,
      status: "won",
      ownerId,
      q: "pilot",
      "cf.source": "Tender",
    });
    expect(dealFiltersToQuery(filters, { pipelineId: undefined, mineOwnerId: mine })).toMatchObject({ ownerId: mine });
    expect(dealFiltersToQuery({}, { pipelineId: undefined, mineOwnerId: undefined })).toEqual({});
  });
});
