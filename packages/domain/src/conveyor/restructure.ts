import { type RuleFigures } from "./purchases";

/** What the department's records say, over the periods named beside each trigger of M1.5. */
export type RestructureFigures = {
  revenueRecentMinor: number; revenuePreviousMinor: number;          // (1) last 3 months vs the 3 before
  strongSellersNow: number; strongSellersBefore: number;            // (2)
  payingClientsNow: number; payingClientsBefore: number;            // (3) clients with money in the last 6 months vs the 6 before
  ownerChangesRecent: number; departuresRecent: number; activeSellers: number; // (4) client-theft risk
  exportsRecent: number; exportedRowsRecent: number;                // (5) leak risk
  newcomers: number;                                                 // (6) active sellers who joined in the last 90 days
  largeDealsRecent: number; wonDealsRecent: number; largeDealsPrevious: number; wonDealsPrevious: number; // (7)
};

export type RestructureThresholds = {
  salesGrowthPct: number;
  clientBaseGrowthPct: number;
  theftEventsPerSeller: number;
  exportsPerSeller: number;
  newcomerSharePct: number;
  largeDealShareGrowthPts: number;
};

/**
 * M1.5 names the triggers but gives a number only for newcomers (30%); the rest are the company's settings,
 * and these defaults are a starting point:
 * - salesGrowthPct 10: revenue of the last 3 months at least 10% above the 3 months before;
 * - clientBaseGrowthPct 10: at least 10% more paying clients in the last 6 months than in the 6 before;
 * - theftEventsPerSeller 0.5: client owner changes plus seller departures, one for every two active sellers;
 * - exportsPerSeller 1: at least one export of client data per active seller in the recent period;
 * - newcomerSharePct 30: newcomers exceed 30% of the active sellers (M1.5, seed 000);
 * - largeDealShareGrowthPts 5: the share of large deals among won deals rose by at least 5 percentage points.
 */
export const defaultRestructureThresholds: RestructureThresholds = {
  salesGrowthPct: 10,
  clientBaseGrowthPct: 10,
  theftEventsPerSeller: 0.5,
  exportsPerSeller: 1,
  newcomerSharePct: 30,
  largeDealShareGrowthPts: 5,
};

export type RestructureTriggerKey =
  | "sales_growth"
  | "strong_sellers"
  | "client_base_growth"
  | "theft_risk"
  | "leak_risk"
  | "newcomers"
  | "large_deals";

export type RestructureTrigger = { key: RestructureTriggerKey; met: boolean; figures: RuleFigures };

export type RestructureVerdict = "justified" | "measure_first" | "not_yet";

/** Triggers met at once that justify the move to three levels. */
const triggersToJustify = 3;
/** One seller per level is the least a three-level conveyor can run with (M1.1). */
const sellersForThreeLevels = 3;

const notApplicable = "—";
/** Ratios such as 15% − 10% land a hair off their exact value in floating point; a boundary case must still count. */
const tolerance = 1e-9;
const atLeast = (value: number, threshold: number): boolean => value >= threshold - tolerance;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

const revenueKeys = new Set(["revenueRecentMinor", "revenuePreviousMinor"]);

const validate = (figures: RestructureFigures, activeSellersForSize: number, thresholds: RestructureThresholds): void => {
  for (const [key, value] of Object.entries(figures)) {
    // Net revenue may be negative when refunds outweigh payments; everything else is a count.
    if (!Number.isInteger(value) || (!revenueKeys.has(key) && value < 0)) {
      throw new RangeError(`${key} must be ${revenueKeys.has(key) ? "an integer" : "a non-negative integer"}: ${value}`);
    }
  }
  if (!Number.isInteger(activeSellersForSize) || activeSellersForSize < 0) {
    throw new RangeError(`Active sellers must be a non-negative integer: ${activeSellersForSize}`);
  }
  for (const [key, value] of Object.entries(thresholds)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${key} must be a non-negative number: ${value}`);
  }
};

/** Growth from a positive base in percent; from nothing (or less) to something counts as growth of unknown size. */
const growth = (now: number, before: number, thresholdPct: number): { met: boolean; figures: RuleFigures } => {
  if (before > 0) {
    const pct = ((now - before) / before) * 100;
    return { met: atLeast(pct, thresholdPct), figures: { growthPct: round(pct, 1), threshold: thresholdPct } };
  }
  return { met: now > 0 && now > before, figures: { growthPct: notApplicable, threshold: thresholdPct } };
};

/** Events per active seller; an empty department has no rate, and any event there counts. */
const perSeller = (events: number, sellers: number, threshold: number): { met: boolean; figures: RuleFigures } =>
  sellers > 0
    ? { met: atLeast(events / sellers, threshold), figures: { perSeller: round(events / sellers, 2), threshold } }
    : { met: events > 0, figures: { perSeller: notApplicable, threshold } };

/** Share of large deals among won deals in percent; no won deals means no large ones either. */
const largeShare = (large: number, won: number): number => (won > 0 ? (large / won) * 100 : 0);

/**
 * M1.5: the seven triggers that justify restructuring a one-level department into three levels, and a verdict.
 * (1) sales grow by at least `salesGrowthPct`; (2) there are more strong sellers than before; (3) paying clients
 * grow by at least `clientBaseGrowthPct`; (4) owner changes and departures per active seller reach
 * `theftEventsPerSeller`; (5) exports per active seller reach `exportsPerSeller`; (6) newcomers exceed
 * `newcomerSharePct` of the active sellers (strictly: the seed says "more than 30%"); (7) the share of large
 * deals among won deals rose by at least `largeDealShareGrowthPts` points.
 * Verdict: 3 or more triggers → "justified"; 1–2 → "measure_first", because M1.5 says a small department first
 * restructures with the people it has and measures; none → "not_yet". With fewer than 3 active sellers
 * (`activeSellersForSize`) three levels cannot be staffed, so the verdict is at most "measure_first".
 * Throws RangeError on negative or fractional counts and negative or non-finite thresholds.
 */
export const evaluateRestructure = (
  figures: RestructureFigures,
  activeSellersForSize: number,
  thresholds: RestructureThresholds = defaultRestructureThresholds,
): { triggers: RestructureTrigger[]; metCount: number; verdict: RestructureVerdict } => {
  validate(figures, activeSellersForSize, thresholds);
  const f = figures;

  const sales = growth(f.revenueRecentMinor, f.revenuePreviousMinor, thresholds.salesGrowthPct);
  const clients = growth(f.payingClientsNow, f.payingClientsBefore, thresholds.clientBaseGrowthPct);
  const theft = perSeller(f.ownerChangesRecent + f.departuresRecent, f.activeSellers, thresholds.theftEventsPerSeller);
  const leak = perSeller(f.exportsRecent, f.activeSellers, thresholds.exportsPerSeller);
  const newcomerPct = f.activeSellers > 0 ? (f.newcomers / f.activeSellers) * 100 : null;
  const recentShare = largeShare(f.largeDealsRecent, f.wonDealsRecent);
  const previousShare = largeShare(f.largeDealsPrevious, f.wonDealsPrevious);

  const triggers: RestructureTrigger[] = [
    {
      key: "sales_growth",
      met: sales.met,
      figures: { recent: f.revenueRecentMinor, previous: f.revenuePreviousMinor, ...sales.figures },
    },
    {
      key: "strong_sellers",
      met: f.strongSellersNow > f.strongSellersBefore,
      figures: { now: f.strongSellersNow, before: f.strongSellersBefore },
    },
    {
      key: "client_base_growth",
      met: clients.met,
      figures: { now: f.payingClientsNow, before: f.payingClientsBefore, ...clients.figures },
    },
    {
      key: "theft_risk",
      met: theft.met,
      figures: {
        ownerChanges: f.ownerChangesRecent,
        departures: f.departuresRecent,
        activeSellers: f.activeSellers,
        ...theft.figures,
      },
    },
    {
      key: "leak_risk",
      met: leak.met,
      figures: { exports: f.exportsRecent, exportedRows: f.exportedRowsRecent, activeSellers: f.activeSellers, ...leak.figures },
    },
    {
      key: "newcomers",
      met: newcomerPct !== null && newcomerPct > thresholds.newcomerSharePct + tolerance,
      figures: {
        newcomers: f.newcomers,
        activeSellers: f.activeSellers,
        sharePct: newcomerPct === null ? notApplicable : round(newcomerPct, 1),
        threshold: thresholds.newcomerSharePct,
      },
    },
    {
      key: "large_deals",
      met: atLeast(recentShare - previousShare, thresholds.largeDealShareGrowthPts),
      figures: {
        largeRecent: f.largeDealsRecent,
        wonRecent: f.wonDealsRecent,
        largePrevious: f.largeDealsPrevious,
        wonPrevious: f.wonDealsPrevious,
        recentSharePct: round(recentShare, 1),
        previousSharePct: round(previousShare, 1),
        growthPts: round(recentShare - previousShare, 1),
        threshold: thresholds.largeDealShareGrowthPts,
      },
    },
  ];

  const metCount = triggers.filter((trigger) => trigger.met).length;
  const verdict: RestructureVerdict =
    metCount >= triggersToJustify && activeSellersForSize >= sellersForThreeLevels
      ? "justified"
      : metCount > 0
        ? "measure_first"
        : "not_yet";
  return { triggers, metCount, verdict };
};
