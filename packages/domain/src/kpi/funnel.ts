/**
 * M5.15 The funnel: each stage's conversion (the share of the deals that entered it and moved on
 * to the next open or won stage) and the whole funnel's; the stage where clients are lost is the
 * one whose conversion is furthest below the department's norm for it.
 */
export type FunnelStageInput = {
  stageId: string;
  /** Deals that entered the stage in the period. */
  entered: number;
  /** Of them, those that went straight to a lost stage. */
  lostAfter: number;
  exited: number;
  exitedSeconds: number;
};

export type FunnelStage = FunnelStageInput & {
  /** entered(next) / entered(this), 0..1; null for the last stage or when nothing entered. */
  conversion: number | null;
  averageDaysInStage: number | null;
};

/** Stages in pipeline order, open ones then the won stage; conversion runs from each to the next. */
export const funnelConversions = (stages: readonly FunnelStageInput[]): FunnelStage[] =>
  stages.map((stage, index) => {
    const next = stages[index + 1];
    return {
      ...stage,
      conversion: next === undefined || stage.entered === 0 ? null : Math.min(1, next.entered / stage.entered),
      averageDaysInStage: stage.exited > 0 ? stage.exitedSeconds / stage.exited / 86_400 : null,
    };
  });

/** Whole-funnel conversion: won / entered the first stage. */
export const wholeFunnelConversion = (stages: readonly FunnelStageInput[]): number | null => {
  const first = stages[0];
  const last = stages[stages.length - 1];
  if (!first || !last || first.entered === 0 || stages.length < 2) return null;
  return Math.min(1, last.entered / first.entered);
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
