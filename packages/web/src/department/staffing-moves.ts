import { levels, type Level, type LevelCountsDto } from "@conveyor/contracts";

export type StaffingMove = { from: Level; to: Level; count: number };

/**
 * M1.2: turns the gap between the actual and the recommended split into moves a head can act on.
 * A surplus at one level (positive gap) fills a shortage at another, nearest level first, since a seller
 * moves most easily to the neighbouring step of the conveyor; shortages left over (`toFill`) are seats
 * for people without a level yet, or for a hire.
 */
export const staffingMoves = (gap: LevelCountsDto): { moves: StaffingMove[]; toFill: { level: Level; count: number }[] } => {
  const surplus = new Map<Level, number>(levels.map((level) => [level, Math.max(0, gap[level])]));
  const shortage = new Map<Level, number>(levels.map((level) => [level, Math.max(0, -gap[level])]));
  const moves: StaffingMove[] = [];
  const pairs = levels
    .flatMap((from) => levels.map((to) => ({ from, to, distance: Math.abs(levels.indexOf(from) - levels.indexOf(to)) })))
    .filter((pair) => pair.from !== pair.to)
    .sort((a, b) => a.distance - b.distance);
  for (const { from, to } of pairs) {
    const count = Math.min(surplus.get(from) ?? 0, shortage.get(to) ?? 0);
    if (count === 0) continue;
    surplus.set(from, (surplus.get(from) ?? 0) - count);
    shortage.set(to, (shortage.get(to) ?? 0) - count);
    moves.push({ from, to, count });
  }
  const toFill = levels.map((level) => ({ level, count: shortage.get(level) ?? 0 })).filter((item) => item.count > 0);
  return { moves, toFill };
};

/** The split as people say it: "4-1-1". */
export const splitLabel = (counts: LevelCountsDto): string => `${counts.L1}-${counts.L2}-${counts.L3}`;
