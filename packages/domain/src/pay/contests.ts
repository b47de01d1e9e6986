/*
 * M5.10: monthly contests on a metric among the sellers of a level — "the top seller gets an extra day off".
 */

export const contestMetrics = ["revenue", "new_clients", "meetings", "conversion"] as const;
export type ContestMetric = (typeof contestMetrics)[number];

/** A seller's month figures a contest can rank on (from the per-seller day rollup). */
export type ContestFigures = { revenueMinor: number; newClients: number; meetings: number; dealsWon: number; dealsLost: number };

/** The value ranked: conversion is won / (won + lost) in percent, null with no closed deal. */
export const contestValue = (metric: ContestMetric, f: ContestFigures): number | null => {
  switch (metric) {
    case "revenue":
      return f.revenueMinor;
    case "new_clients":
      return f.newClients;
    case "meetings":
      return f.meetings;
    case "conversion":
      return f.dealsWon + f.dealsLost === 0 ? null : (f.dealsWon / (f.dealsWon + f.dealsLost)) * 100;
  }
};

export type LeaderboardRow<T> = T & { value: number | null; rank: number | null };

/**
 * Ranks highest first; equal values share a rank (1, 1, 3); sellers without a value come last, unranked.
 * Ties keep the given order (pass them sorted by name).
 */
export const rankLeaderboard = <T extends { value: number | null }>(rows: readonly T[]): Array<LeaderboardRow<T>> => {
  const valued = rows.filter((r) => r.value !== null).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const ranked: Array<LeaderboardRow<T>> = [];
  valued.forEach((row, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...row, rank: prev && prev.value === row.value ? prev.rank : i + 1 });
  });
  for (const row of rows) if (row.value === null) ranked.push({ ...row, rank: null });
  return ranked;
};
