/**
 * M5.2 Plan completion to date: fact so far against the part of the plan the working days
 * elapsed should have brought — not fact / plan. Below 100 the seller will miss the plan at
 * the current pace.
 *
 *   % = fact / (plan / workingDaysInPeriod × workingDaysElapsed) × 100
 */
export type PlanPace = {
  plan: number;
  fact: number;
  workingDaysInPeriod: number;
  workingDaysElapsed: number;
};

/** The plan the elapsed working days should have brought (M5.2's denominator). */
export const planToDate = ({ plan, workingDaysInPeriod, workingDaysElapsed }: PlanPace): number =>
  workingDaysInPeriod <= 0 ? plan : (plan / workingDaysInPeriod) * Math.min(workingDaysElapsed, workingDaysInPeriod);

/**
 * M5.2 in percent, or null when it has no meaning yet: no plan, or no working day elapsed
 * (on the month's first morning nothing is expected, so nothing can be behind).
 */
export const planCompletionToDate = (pace: PlanPace): number | null => {
  if (pace.plan <= 0) return null;
  const expected = planToDate(pace);
  if (expected <= 0) return null;
  return (pace.fact / expected) * 100;
};

/** Plain completion, fact / plan, for the month once it is over. */
export const planCompletion = ({ plan, fact }: Pick<PlanPace, "plan" | "fact">): number | null =>
  plan <= 0 ? null : (fact / plan) * 100;

/** What each remaining working day must bring to make the plan; 0 once it is made. */
export const runRateNeeded = (pace: PlanPace): number => {
  const left = Math.max(0, pace.plan - pace.fact);
  const daysLeft = Math.max(0, pace.workingDaysInPeriod - pace.workingDaysElapsed);
  if (left === 0) return 0;
  return daysLeft === 0 ? left : left / daysLeft;
};

/** Where the period ends at the pace so far: fact / elapsed working days × working days in the period. */
export const periodEndProjection = (pace: PlanPace): number => {
  if (pace.workingDaysElapsed <= 0) return pace.fact;
  const elapsed = Math.min(pace.workingDaysElapsed, pace.workingDaysInPeriod);
  return (pace.fact / elapsed) * pace.workingDaysInPeriod;
};

/** The dashboard's colour for a pace (M5.1 TV mode): red below 100% to date. */
export const paceStatus = (completionToDate: number | null): "none" | "behind" | "on_track" =>
  completionToDate === null ? "none" : completionToDate < 100 ? "behind" : "on_track";
