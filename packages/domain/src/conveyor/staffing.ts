/** A level of the three-level department (M1.1): L1 attraction, L2 hot contacts to the first deal, L3 repeat sales. */
export type Level = "L1" | "L2" | "L3";

export type LevelCounts = { L1: number; L2: number; L3: number };

/** Levels in the order the conveyor passes a client along; also the tie-break order of the rounding below. */
const levels: readonly Level[] = ["L1", "L2", "L3"];

/** M1.2: 60:20:20 in percent. */
export const defaultStaffingRatio: LevelCounts = { L1: 60, L2: 20, L3: 20 };

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 0;

/**
 * M1.2: how many of `sellers` people each level should have for the ratio L1:L2:L3.
 *
 * Largest-remainder rounding: every level first gets the whole part of its exact share, then the seats
 * still free go one each to the levels with the largest fractional part. Ties in remainder go to L1, then
 * L2, then L3, because the conveyor starts at L1 and a newcomer can start there (M1.3). The result always
 * sums to `sellers` and reproduces the seed's examples: 6 → 4-1-1, 10 → 6-2-2.
 *
 * The ratio's parts are non-negative integers (percent or any other weights) with a positive sum; the
 * arithmetic stays in integers, so no share is lost to floating point.
 */
export const recommendedStaffing = (sellers: number, ratio: LevelCounts = defaultStaffingRatio): LevelCounts => {
  if (!isCount(sellers)) throw new RangeError(`Sellers must be a non-negative integer: ${sellers}`);
  const weights = levels.map((level) => ratio[level]);
  if (!weights.every(isCount)) throw new RangeError("Staffing ratio parts must be non-negative integers");
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) throw new RangeError("Staffing ratio must not be all zero");

  // Exact share of level i = sellers·w_i / total = whole_i + remainder_i / total.
  const shares = levels.map((level) => {
    const scaled = sellers * ratio[level];
    return { level, whole: Math.floor(scaled / total), remainder: scaled % total };
  });
  let free = sellers - shares.reduce((sum, share) => sum + share.whole, 0);
  // Array.prototype.sort is stable, so equal remainders keep the L1, L2, L3 order.
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder);
  const result: LevelCounts = { L1: 0, L2: 0, L3: 0 };
  for (const share of byRemainder) {
    const extra = free > 0 && share.remainder > 0 ? 1 : 0;
    free -= extra;
    result[share.level] = share.whole + extra;
  }
  return result;
};

/**
 * M1.2: how far the department's actual split is from the recommended one.
 * A positive gap is a surplus at that level, a negative one a shortage; `balanced` when every gap is zero.
 */
export const staffingGap = (
  actual: LevelCounts,
  recommended: LevelCounts,
): { gap: LevelCounts; balanced: boolean } => {
  const gap: LevelCounts = {
    L1: actual.L1 - recommended.L1,
    L2: actual.L2 - recommended.L2,
    L3: actual.L3 - recommended.L3,
  };
  return { gap, balanced: gap.L1 === 0 && gap.L2 === 0 && gap.L3 === 0 };
};

/** M1.4: the level a client is handed over to next (L1 → L2 when ready, L2 → L3 after the acceptance act). */
export const nextLevel = (level: Level): Level | null => {
  switch (level) {
    case "L1":
      return "L2";
    case "L2":
      return "L3";
    case "L3":
      return null;
    default: {
      const unknown: never = level;
      throw new RangeError(`Unknown level: ${String(unknown)}`);
    }
  }
};
