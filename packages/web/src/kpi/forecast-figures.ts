import { clientTypes, type Forecast } from "@conveyor/contracts";

/** Actual ÷ forecast of a closed month (1 = exactly as forecast); null when nothing was forecast. */
export const forecastAccuracy = (row: { forecastMinor: number; actualMinor: number }): number | null =>
  row.forecastMinor > 0 ? row.actualMinor / row.forecastMinor : null;

/** Whether a bucket has begun by `today`: its money so far is shown beside the forecast. */
export const bucketStarted = (bucket: Pick<Forecast["buckets"][number], "start">, today: string): boolean => bucket.start <= today;

/** The forecast's totals over its buckets: weighted by client type, repeat purchases and all. */
export const forecastTotals = (buckets: Forecast["buckets"]) => {
  const totals = { new: 0, current: 0, permanent: 0, repeatMinor: 0, totalMinor: 0 };
  for (const bucket of buckets) {
    totals.new += bucket.weighted.new ?? 0;
    totals.current += bucket.weighted.current ?? 0;
    totals.permanent += bucket.weighted.permanent ?? 0;
    totals.repeatMinor += bucket.repeatMinor;
    totals.totalMinor += bucket.totalMinor;
  }
  return totals;
};

type Bucket = Forecast["buckets"][number];
export type ForecastColumn = { id: string; group: Forecast["groups"][number]; valueOf: (bucket: Bucket) => number };

/**
 * The forecast table's weighted columns: by client type all three types, empty ones included, in their order;
 * by level or segment the groups the forecast returned (largest first, then "none" and "other" where they fall).
 */
export const forecastColumns = (forecast: Pick<Forecast, "split" | "groups">): ForecastColumn[] =>
  forecast.split === "client_type"
    ? clientTypes.map((type) => ({ id: type, group: { key: type, kind: "value" as const }, valueOf: (bucket: Bucket) => bucket.weighted[type] ?? 0 }))
    : forecast.groups.map((group, index) => ({ id: `${group.kind}:${group.key}`, group, valueOf: (bucket: Bucket) => bucket.byGroup[index] ?? 0 }));
