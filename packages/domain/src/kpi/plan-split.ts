/**
 * Splitting a department's plan across sellers (M2.3, M5.9): evenly, by weight, or by each
 * seller's share of last quarter's fact; each share can be pro-rated by the working days the
 * seller is present (absences). Integer targets whose sum is exactly the total (largest remainder).
 */
export type PlanSplitMethod = "even" | "weight" | "last_quarter";

export type PlanSplitSeller = {
  userId: string;
  /** Used by "weight"; ≥ 0. */
  weight?: number;
  /** Used by "last_quarter": the seller's fact over the last three months. */
  lastQuarterFact?: number;
  /** Working days the seller is present in the period; with `workingDaysInPeriod`, pro-rates the share. */
  presentWorkingDays?: number;
};

export type PlanSplitShare = { userId: string; target: number; share: number };

export const splitPlan = (options: {
  total: number;
  method: PlanSplitMethod;
  sellers: readonly PlanSplitSeller[];
  /** When set, each seller's basis is multiplied by presentWorkingDays / workingDaysInPeriod. */
  workingDaysInPeriod?: number;
}): PlanSplitShare[] => {
  const { total, method, sellers, workingDaysInPeriod } = options;
  const basis = sellers.map((seller) => {
    const raw = method === "even" ? 1 : method === "weight" ? Math.max(0, seller.weight ?? 1) : Math.max(0, seller.lastQuarterFact ?? 0);
    if (workingDaysInPeriod === undefined || workingDaysInPeriod <= 0 || seller.presentWorkingDays === undefined) return raw;
    return raw * Math.max(0, Math.min(1, seller.presentWorkingDays / workingDaysInPeriod));
  });
  let sum = basis.reduce((a, b) => a + b, 0);
  // Nobody sold last quarter (or every weight is 0): fall back to an even split rather than a zero plan.
  const weights = sum > 0 ? basis : sellers.map(() => 1);
  sum = sum > 0 ? sum : sellers.length;
  if (sellers.length === 0 || sum === 0) return [];
  const exact = weights.map((w) => (total * w) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return sellers.map((seller, index) => ({ userId: seller.userId, target: floors[index] ?? 0, share: (weights[index] ?? 0) / sum }));
};

/** Pro-rating one plan for absences: the plan × present working days / working days in the period. */
export const prorateForAbsence = (target: number, presentWorkingDays: number, workingDaysInPeriod: number): number =>
  workingDaysInPeriod <= 0 ? target : Math.round((target * Math.max(0, Math.min(presentWorkingDays, workingDaysInPeriod))) / workingDaysInPeriod);
