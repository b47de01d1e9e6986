/**
 * M2.4 The forecast: when and how much money will come. Open deals weighted by their stage's
 * probability land in the bucket of their expected close date; deals without a date, or with
 * one already past, land in the current bucket. Current clients' repeat payments add their
 * monthly run-rate to every month.
 */
export type ForecastDeal = {
  amountMinor: number;
  probability: number;
  expectedCloseDate: string | null;
  /** A group of deals of one date and probability read summed: how many, and their weighted sum rounded deal by deal. */
  deals?: number;
  weightedMinor?: number;
};

export type ForecastBucket = { start: string; end: string; weightedMinor: number; openMinor: number; deals: number };

/** Buckets are contiguous [start, end] local dates in order; returns one entry per bucket. */
export const forecastBuckets = (
  deals: readonly ForecastDeal[],
  buckets: ReadonlyArray<{ start: string; end: string }>,
  today: string,
): ForecastBucket[] => {
  const result = buckets.map((b) => ({ start: b.start, end: b.end, weightedMinor: 0, openMinor: 0, deals: 0 }));
  const first = result[0];
  if (!first) return result;
  for (const deal of deals) {
    const date = deal.expectedCloseDate === null || deal.expectedCloseDate < today ? today : deal.expectedCloseDate;
    const bucket = date < first.start ? first : result.find((b) => b.start <= date && date <= b.end);
    if (!bucket) continue;
    bucket.weightedMinor += deal.weightedMinor ?? Math.round((deal.amountMinor * Math.max(0, Math.min(100, deal.probability))) / 100);
    bucket.openMinor += deal.amountMinor;
    bucket.deals += deal.deals ?? 1;
  }
  return result;
};

export type ForecastGroup = { key: string; kind: "value" | "none" | "other" };

/**
 * M2.4 The forecast split by one property of the client — its type, its conveyor level or its segment:
 * the weighted money of each group per bucket. Groups come largest first; past `limit` the smallest
 * fold into one "other". A deal without the property ('' key) makes the group "none".
 */
export const forecastSplit = (
  deals: ReadonlyArray<ForecastDeal & { group: string }>,
  buckets: ReadonlyArray<{ start: string; end: string }>,
  today: string,
  limit: number,
): { groups: ForecastGroup[]; values: number[][] } => {
  const byKey = new Map<string, ForecastDeal[]>();
  for (const deal of deals) {
    const list = byKey.get(deal.group);
    if (list) list.push(deal);
    else byKey.set(deal.group, [deal]);
  }
  const split = [...byKey].map(([key, list]) => ({ key, values: forecastBuckets(list, buckets, today).map((b) => b.weightedMinor) }));
  const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  split.sort((a, b) => total(b.values) - total(a.values) || a.key.localeCompare(b.key));
  const kept = split.length > limit ? split.slice(0, Math.max(0, limit - 1)) : split;
  const folded = split.slice(kept.length);
  const groups: ForecastGroup[] = kept.map((g) => ({ key: g.key, kind: g.key === "" ? "none" : "value" }));
  const values = buckets.map((_, i) => kept.map((g) => g.values[i] ?? 0));
  if (folded.length > 0) {
    groups.push({ key: "", kind: "other" });
    values.forEach((row, i) => row.push(folded.reduce((sum, g) => sum + (g.values[i] ?? 0), 0)));
  }
  return { groups, values };
};
