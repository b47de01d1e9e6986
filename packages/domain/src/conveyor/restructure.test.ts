import { describe, expect, it } from "vitest";
import {
  type RestructureFigures,
  type RestructureTriggerKey,
  type RestructureVerdict,
  defaultRestructureThresholds,
  evaluateRestructure,
} from "./restructure";

/** A steady department of ten: nothing grows, nothing leaks, no trigger is met. */
const steady: RestructureFigures = {
  revenueRecentMinor: 1_000_000,
  revenuePreviousMinor: 1_000_000,
  strongSellersNow: 2,
  strongSellersBefore: 2,
  payingClientsNow: 50,
  payingClientsBefore: 50,
  ownerChangesRecent: 0,
  departuresRecent: 0,
  activeSellers: 10,
  exportsRecent: 0,
  exportedRowsRecent: 0,
  newcomers: 0,
  largeDealsRecent: 1,
  wonDealsRecent: 10,
  largeDealsPrevious: 1,
  wonDealsPrevious: 10,
};

const trigger = (key: RestructureTriggerKey, changes: Partial<RestructureFigures>) => {
  const found = evaluateRestructure({ ...steady, ...changes }, 10).triggers.find((t) => t.key === key);
  if (found === undefined) throw new Error(`No trigger ${key}`);
  return found;
};

describe("restructure triggers (M1.5)", () => {
  it("a steady department meets none", () => {
    expect(evaluateRestructure(steady, 10)).toMatchObject({ metCount: 0, verdict: "not_yet" });
  });

  it.each<[RestructureTriggerKey, string, Partial<RestructureFigures>, boolean]>([
    ["sales_growth", "+10% exactly", { revenueRecentMinor: 1_100_000 }, true],
    ["sales_growth", "one unit short of +10%", { revenueRecentMinor: 1_099_999 }, false],
    ["sales_growth", "from nothing to something", { revenueRecentMinor: 1, revenuePreviousMinor: 0 }, true],
    ["sales_growth", "nothing both times", { revenueRecentMinor: 0, revenuePreviousMinor: 0 }, false],
    ["sales_growth", "from net refunds to sales", { revenueRecentMinor: 10, revenuePreviousMinor: -50 }, true],
    ["strong_sellers", "one more", { strongSellersNow: 3 }, true],
    ["strong_sellers", "as many", { strongSellersNow: 2 }, false],
    ["client_base_growth", "+10% exactly", { payingClientsNow: 55 }, true],
    ["client_base_growth", "one short", { payingClientsNow: 54 }, false],
    ["client_base_growth", "first paying client", { payingClientsNow: 1, payingClientsBefore: 0 }, true],
    ["theft_risk", "0.5 per seller exactly", { ownerChangesRecent: 3, departuresRecent: 2 }, true],
    ["theft_risk", "one event short", { ownerChangesRecent: 2, departuresRecent: 2 }, false],
    ["theft_risk", "everyone left", { departuresRecent: 2, activeSellers: 0 }, true],
    ["leak_risk", "one export per seller", { exportsRecent: 10 }, true],
    ["leak_risk", "one export short", { exportsRecent: 9, exportedRowsRecent: 50_000 }, false],
    ["newcomers", "30% does not exceed 30%", { newcomers: 3 }, false],
    ["newcomers", "40% does", { newcomers: 4 }, true],
    ["newcomers", "3 of 9 is 33%", { newcomers: 3, activeSellers: 9 }, true],
    ["newcomers", "nobody active", { activeSellers: 0 }, false],
    ["large_deals", "10% → 15%: +5 points exactly", { largeDealsRecent: 3, wonDealsRecent: 20 }, true],
    ["large_deals", "10% → 14.5%", { largeDealsRecent: 29, wonDealsRecent: 200 }, false],
    ["large_deals", "no deals won recently", { largeDealsRecent: 0, wonDealsRecent: 0 }, false],
    ["large_deals", "none won before, 5% now", { largeDealsRecent: 1, wonDealsRecent: 20, largeDealsPrevious: 0, wonDealsPrevious: 0 }, true],
  ])("%s: %s → %s", (key, _, changes, met) => {
    expect(trigger(key, changes).met).toBe(met);
  });

  it("shows the figures behind each trigger", () => {
    expect(trigger("sales_growth", { revenueRecentMinor: 1_234_567 }).figures).toEqual({
      recent: 1_234_567,
      previous: 1_000_000,
      growthPct: 23.5,
      threshold: 10,
    });
    expect(trigger("sales_growth", { revenuePreviousMinor: 0 }).figures.growthPct).toBe("—");
    expect(trigger("theft_risk", { ownerChangesRecent: 1, departuresRecent: 1, activeSellers: 3 }).figures).toEqual({
      ownerChanges: 1,
      departures: 1,
      activeSellers: 3,
      perSeller: 0.67,
      threshold: 0.5,
    });
    expect(trigger("newcomers", { newcomers: 1, activeSellers: 3 }).figures).toEqual({
      newcomers: 1,
      activeSellers: 3,
      sharePct: 33.3,
      threshold: 30,
    });
    expect(trigger("large_deals", { largeDealsRecent: 3, wonDealsRecent: 20 }).figures).toMatchObject({
      recentSharePct: 15,
      previousSharePct: 10,
      growthPts: 5,
      threshold: 5,
    });
  });

  it("lists all seven triggers in the order of M1.5", () => {
    expect(evaluateRestructure(steady, 10).triggers.map((t) => t.key)).toEqual([
      "sales_growth",
      "strong_sellers",
      "client_base_growth",
      "theft_risk",
      "leak_risk",
      "newcomers",
      "large_deals",
    ]);
  });

  it("takes the company's thresholds", () => {
    const strict = { ...defaultRestructureThresholds, salesGrowthPct: 25, newcomerSharePct: 50 };
    const result = evaluateRestructure({ ...steady, revenueRecentMinor: 1_200_000, newcomers: 4 }, 10, strict);
    expect(result.metCount).toBe(0);
  });

  it("defaults to 10%, 10%, 0.5, 1, 30%, 5 points", () => {
    expect(defaultRestructureThresholds).toEqual({
      salesGrowthPct: 10,
      clientBaseGrowthPct: 10,
      theftEventsPerSeller: 0.5,
      exportsPerSeller: 1,
      newcomerSharePct: 30,
      largeDealShareGrowthPts: 5,
    });
  });
});

describe("restructure verdict (M1.5)", () => {
  const one: Partial<RestructureFigures> = { strongSellersNow: 3 };
  const two: Partial<RestructureFigures> = { ...one, exportsRecent: 10 };
  const three: Partial<RestructureFigures> = { ...two, payingClientsNow: 60 };
  const all: Partial<RestructureFigures> = {
    ...three,
    revenueRecentMinor: 2_000_000,
    departuresRecent: 5,
    newcomers: 4,
    largeDealsRecent: 5,
  };

  it.each<[string, Partial<RestructureFigures>, number, number, RestructureVerdict]>([
    ["none met", {}, 10, 0, "not_yet"],
    ["one met", one, 10, 1, "measure_first"],
    ["two met", two, 10, 2, "measure_first"],
    ["three met", three, 10, 3, "justified"],
    ["all seven met", all, 10, 7, "justified"],
    ["three met with exactly three sellers", three, 3, 3, "justified"],
    ["three met but only two sellers", three, 2, 3, "measure_first"],
    ["all seven met but only one seller", all, 1, 7, "measure_first"],
    ["none met and only two sellers", {}, 2, 0, "not_yet"],
  ])("%s, %i sellers", (_, changes, sellers, metCount, verdict) => {
    expect(evaluateRestructure({ ...steady, ...changes }, sellers)).toMatchObject({ metCount, verdict });
  });

  it.each<[string, Partial<RestructureFigures>, number, Partial<typeof defaultRestructureThresholds>]>([
    ["a negative count", { newcomers: -1 }, 10, {}],
    ["a fractional count", { exportsRecent: 1.5 }, 10, {}],
    ["fractional revenue", { revenueRecentMinor: 0.5 }, 10, {}],
    ["a negative seller count for size", {}, -1, {}],
    ["a negative threshold", {}, 10, { salesGrowthPct: -1 }],
    ["an infinite threshold", {}, 10, { exportsPerSeller: Number.POSITIVE_INFINITY }],
  ])("rejects %s", (_, changes, sellers, thresholds) => {
    expect(() =>
      evaluateRestructure({ ...steady, ...changes }, sellers, { ...defaultRestructureThresholds, ...thresholds }),
    ).toThrow(RangeError);
  });
});
