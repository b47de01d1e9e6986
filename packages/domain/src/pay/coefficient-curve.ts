import type { CoefficientCurve } from "./scheme";

/*
 * M1.6, M5.14: the plan-completion coefficient. Completion is fact / plan × 100 for the whole month (pay is
 * settled on the month, unlike M5.2's pace to date).
 */

/** Plan completion in percent; null without a plan (no coefficient can be read). */
export const planCompletionPercent = (factMinor: number, planMinor: number | null): number | null =>
  planMinor === null || planMinor <= 0 ? null : (factMinor / planMinor) * 100;

/**
 * The coefficient at `completionPercent`: 0 below the threshold; the first point's coefficient up to it;
 * linear between points; the last segment's slope beyond the last point (the accelerator); then the cap.
 */
export const curveCoefficient = (curve: CoefficientCurve, completionPercent: number): number => {
  if (completionPercent < curve.thresholdPercent) return 0;
  const points = curve.points;
  const first = points[0];
  if (!first) return 0;
  const capped = (value: number) => Math.max(0, curve.capCoefficient === null ? value : Math.min(curve.capCoefficient, value));
  if (completionPercent <= first.completionPercent) return capped(first.coefficient);
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b) continue;
    if (completionPercent <= b.completionPercent) {
      const share = (completionPercent - a.completionPercent) / (b.completionPercent - a.completionPercent);
      return capped(a.coefficient + share * (b.coefficient - a.coefficient));
    }
  }
  const last = points[points.length - 1] ?? first;
  const beforeLast = points[points.length - 2];
  if (!beforeLast) return capped(last.coefficient);
  const slope = (last.coefficient - beforeLast.coefficient) / (last.completionPercent - beforeLast.completionPercent);
  return capped(last.coefficient + slope * (completionPercent - last.completionPercent));
};

/** M5.14: coefficient = completion / 100, no threshold and no cap (3× the plan pays 3× the on-target part). */
export const linearCurve: CoefficientCurve = {
  thresholdPercent: 0,
  points: [
    { completionPercent: 0, coefficient: 0 },
    { completionPercent: 100, coefficient: 1 },
  ],
  capCoefficient: null,
};

/** The example curve: 0 below 70%, linear 0.7 → 1 up to 100%, an accelerator ×2 slope above, capped at 2. */
export const acceleratedCurve: CoefficientCurve = {
  thresholdPercent: 70,
  points: [
    { completionPercent: 70, coefficient: 0.7 },
    { completionPercent: 100, coefficient: 1 },
    { completionPercent: 120, coefficient: 1.4 },
  ],
  capCoefficient: 2,
};
