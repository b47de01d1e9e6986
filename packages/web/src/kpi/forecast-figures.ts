import type { Forecast } from "@conveyor/contracts";

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
