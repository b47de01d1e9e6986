import { describe, expect, it } from "vitest";
import type { HandoverRule } from "@conveyor/contracts";
import { draftFromRule, draftToParams, emptyRuleDraft, paramsKey } from "./rule-draft";

const stageId = "00000000-0000-4000-8000-000000000001";

const saved = (rule: HandoverRule["rule"]): HandoverRule => ({
  id: "00000000-0000-4000-8000-000000000010",
  name: "Rule",
  fromLevel: "L2",
  toLevel: "L3",
  enabled: true,
  rule,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});

describe("rule drafts", () => {
  it("sends only complete parameters", () => {
    const draft = emptyRuleDraft("RUB");
    expect(draftToParams(draft)).toEqual({ kind: "hot" });
    expect(draftToParams({ ...draft, kind: "stage" })).toBeNull();
    expect(draftToParams({ ...draft, kind: "stage", stageId })).toEqual({ kind: "stage", stageId });
    expect(draftToParams({ ...draft, kind: "orders" })).toEqual({ kind: "orders", count: 2 });
    expect(draftToParams({ ...draft, kind: "orders", count: 0 })).toBeNull();
    expect(draftToParams({ ...draft, kind: "orders", count: 2.5 })).toBeNull();
    expect(draftToParams({ ...draft, kind: "volume" })).toBeNull();
    expect(draftToParams({ ...draft, kind: "volume", amount: 1500.5 })).toEqual({ kind: "volume", amountMinor: 150050, currency: "RUB" });
    expect(draftToParams({ ...draft, kind: "product" })).toBeNull();
    expect(draftToParams({ ...draft, kind: "product", productGroupIds: [stageId] })).toEqual({
      kind: "product",
      productIds: [],
      productGroupIds: [stageId],
    });
    expect(draftToParams({ ...draft, kind: "monthly_minimum", amount: "1000", currency: "IRR" })).toEqual({
      kind: "monthly_minimum",
      months: 3,
      amountMinor: 1000,
      currency: "IRR",
    });
    expect(draftToParams({ ...draft, kind: "monthly_minimum", amount: 10, months: 25 })).toBeNull();
  });

  it("round-trips a saved rule", () => {
    for (const rule of [
      { kind: "stage", stageId },
      { kind: "orders", count: 3 },
      { kind: "volume", amountMinor: 100_000_00, currency: "USD" },
      { kind: "product", productIds: [stageId], productGroupIds: [] },
      { kind: "monthly_minimum", months: 6, amountMinor: 5_000_000, currency: "IRR" },
    ] satisfies HandoverRule["rule"][]) {
      expect(draftToParams(draftFromRule(saved(rule), "RUB"))).toEqual(rule);
    }
  });

  it("tells a changed rule from the previewed one", () => {
    expect(paramsKey({ kind: "orders", count: 2 })).toBe(paramsKey({ kind: "orders", count: 2 }));
    expect(paramsKey({ kind: "orders", count: 2 })).not.toBe(paramsKey({ kind: "orders", count: 3 }));
    expect(paramsKey(null)).toBe("");
  });
});
