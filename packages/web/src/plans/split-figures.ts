import type { Plan, PlanSplitResult } from "@conveyor/contracts";
import { cellKey } from "./plans-grid";

/*
 * What the split and copy dialogs show (M2.3, M5.9): the server computes the shares (largest remainder, pro-rated
 * for absences); here only what a head reads off them, and how many plans a copy writes or keeps.
 */

export type SplitMethod = "even" | "weight" | "last_quarter";

export type SplitLine = {
  userId: string;
  name: string;
  target: number;
  /** The share in percent, e.g. 12.5. */
  sharePercent: number;
  basis: number;
  presentWorkingDays: number;
  /** Away part of the period: the share was cut by presentWorkingDays / workingDays. */
  prorated: boolean;
};

export type SplitFigures = { lines: SplitLine[]; sum: number; difference: number };

export const splitFigures = (result: PlanSplitResult, total: number, workingDays: number, prorate: boolean): SplitFigures => {
  const lines = result.items.map((item) => ({
    userId: item.userId,
    name: item.name,
    target: item.target,
    sharePercent: item.share * 100,
    basis: item.basis,
    presentWorkingDays: item.presentWorkingDays,
    prorated: prorate && item.presentWorkingDays < workingDays,
  }));
  const sum = lines.reduce((acc, line) => acc + line.target, 0);
  return { lines, sum, difference: total - sum };
};

/** Weights as the server takes them: only sellers whose weight is a number ≥ 0; the rest count as 1. */
export const weightsToSend = (weights: Readonly<Record<string, number | string>>): Record<string, number> => {
  const sent: Record<string, number> = {};
  for (const [userId, value] of Object.entries(weights)) {
    const n = typeof value === "number" ? value : Number(value.replace(",", "."));
    if (value !== "" && Number.isFinite(n) && n >= 0 && n <= 1000) sent[userId] = n;
  }
  return sent;
};

/** The split request's inputs as one string: a preview answers only the inputs it was asked for. */
export const splitInputsKey = (inputs: { metric: string; total: number | null; method: SplitMethod; weights: Record<string, number>; prorate: boolean }): string =>
  JSON.stringify([inputs.metric, inputs.total, inputs.method, inputs.method === "weight" ? Object.entries(inputs.weights).sort() : [], inputs.prorate]);

/** A copy from one period to another: how many plans it writes, and of those already there how many it replaces or keeps. */
export const copySummary = (from: readonly Plan[], to: readonly Plan[], overwrite: boolean): { copied: number; overwritten: number; kept: number } => {
  const taken = new Set(to.map((p) => cellKey(p.scopeKind, p.scopeId, p.metric)));
  const clashes = from.filter((p) => taken.has(cellKey(p.scopeKind, p.scopeId, p.metric))).length;
  return overwrite ? { copied: from.length, overwritten: clashes, kept: 0 } : { copied: from.length - clashes, overwritten: 0, kept: clashes };
};
