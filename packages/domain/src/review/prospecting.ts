/*
 * M2.2: a seller with no client from whom money can come this month is tasked to gather prospects and
 * bring them through negotiation to warm and hot. The rule that finds them and the target N.
 */

export type MonthDeal = { temperature: "cold" | "warm" | "hot"; expectedCloseDate: string | null };

/**
 * M2.2: money can come this month from a seller when some open deal of theirs is with a hot or warm client
 * and expected in the month ([monthStart, monthEnd], local dates). Deals without a date do not count:
 * nobody expects them this month.
 */
export const hasMoneyThisMonth = (openDeals: readonly MonthDeal[], month: { from: string; to: string }): boolean =>
  openDeals.some(
    (deal) =>
      (deal.temperature === "hot" || deal.temperature === "warm") &&
      deal.expectedCloseDate !== null &&
      deal.expectedCloseDate >= month.from &&
      deal.expectedCloseDate <= month.to,
  );

export type ProspectingTargetSettings = {
  /** Prospects to bring to warm when there is nothing to compute from. */
  defaultCount: number;
  /** Never propose more than this. */
  maxCount: number;
};

export const defaultProspectingSettings: ProspectingTargetSettings = { defaultCount: 10, maxCount: 50 };

/**
 * M2.2: how many prospects to bring to warm — enough warm clients to cover the month's gap to plan at the
 * seller's average deal and warm-to-won rate (gap / (average deal × rate), rounded up), within
 * [1, maxCount]; the default count when the gap, the average deal or the rate is unknown or zero.
 */
export const prospectingTargetCount = (
  figures: { gapMinor: number | null; averageDealMinor: number | null; warmToWonRate: number | null },
  settings: ProspectingTargetSettings = defaultProspectingSettings,
): number => {
  const { gapMinor, averageDealMinor, warmToWonRate } = figures;
  if (gapMinor === null || averageDealMinor === null || warmToWonRate === null || gapMinor <= 0 || averageDealMinor <= 0 || warmToWonRate <= 0) {
    return Math.min(settings.defaultCount, settings.maxCount);
  }
  const needed = Math.ceil(gapMinor / (averageDealMinor * Math.min(1, warmToWonRate)));
  return Math.max(1, Math.min(settings.maxCount, needed));
};

/** Progress toward a prospecting target: reached so far, left, done. */
export const prospectingProgress = (target: number, reached: number): { reached: number; remaining: number; done: boolean } => {
  const safeReached = Math.max(0, reached);
  return { reached: safeReached, remaining: Math.max(0, target - safeReached), done: safeReached >= target };
};

/**
 * M2.2: a deal counts as warm once it reaches the first open stage of its pipeline with at least this probability
 * (40% in the default pipeline: a proposal sent — the client needs it and is preparing to buy).
 */
export const defaultWarmStageProbability = 40;

/** The closed deals of a window: how many reached the warm stage or beyond (won ones included), how many of those were won. */
export type WarmFunnelCounts = { reachedWarm: number; wonOfThem: number };

/**
 * M2.2: the rate at which warm deals are won — the share of the closed deals that reached the warm stage or beyond
 * and were won — or the plain win rate (won / closed) when no closed deal reached the warm stage; null when neither
 * can be computed.
 */
export const warmToWonRate = (funnel: WarmFunnelCounts, winRate: number | null): number | null => {
  if (funnel.reachedWarm > 0) return Math.min(1, Math.max(0, funnel.wonOfThem) / funnel.reachedWarm);
  return winRate;
};
