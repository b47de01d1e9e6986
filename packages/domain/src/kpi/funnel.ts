/**
 * M5.15 The funnel over a period: each stage's conversion (of the deals that left the stage in the
 * period, the share that moved on rather than to a lost stage) and the whole funnel's (the product:
 * the chance that a deal entering the first stage is won at this period's rates). Counted from the
 * moves of the period, not from one cohort of deals: a deal that entered before the period and was
 * won in it counts where it moved, so no ratio passes 100% and skipped stages distort nothing. The
 * stage where clients are lost is the one whose conversion is furthest below the department's norm.
 */
export type FunnelStageInput = {
  stageId: string;
  /** Deals that entered the stage in the period. */
  entered: number;
  /** Deals that went from this stage straight to a lost stage in the period. */
  lostAfter: number;
  exited: number;
  exitedSeconds: number;
};

export type FunnelStage = FunnelStageInput & {
  /** (exited − lostAfter) / exited, 0..1; null for the won stage or when no deal left the stage. */
  conversion: number | null;
  averageDaysInStage: number | null;
};

/** Stages in pipeline order, open ones then the won stage; conversion runs from each to the next. */
export const funnelConversions = (stages: readonly FunnelStageInput[]): FunnelStage[] =>
  stages.map((stage, index) => {
    const next = stages[index + 1];
    return {
      ...stage,
      conversion: next === undefined || stage.exited === 0 ? null : Math.max(0, stage.exited - stage.lostAfter) / stage.exited,
      averageDaysInStage: stage.exited > 0 ? stage.exitedSeconds / stage.exited / 86_400 : null,
    };
  });

/** Whole-funnel conversion: the product of the stages' conversions (those that any deal left); null when none did. */
export const wholeFunnelConversion = (stages: readonly FunnelStage[]): number | null => {
  const known = stages.flatMap((stage) => (stage.conversion === null ? [] : [stage.conversion]));
  return known.length === 0 ? null : known.reduce((product, conversion) => product * conversion, 1);
};

/**
 * The stage furthest below its norm (the department's conversion at that stage, or a target),
 * as `conversion - norm`; null when every stage is at or above its norm.
 */
export const weakestFunnelStage = (
  stages: readonly FunnelStage[],
  norms: ReadonlyMap<string, number>,
): { stageId: string; gap: number } | null => {
  let weakest: { stageId: string; gap: number } | null = null;
  for (const stage of stages) {
    const norm = norms.get(stage.stageId);
    if (stage.conversion === null || norm === undefined) continue;
    const gap = stage.conversion - norm;
    if (gap >= 0) continue;
    if (weakest === null || gap < weakest.gap) weakest = { stageId: stage.stageId, gap };
  }
  return weakest;
};
