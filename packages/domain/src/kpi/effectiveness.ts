/**
 * M5.11 Sales effectiveness = sellers × meetings per seller × effectiveness of a meeting (deals
 * won per meeting). Decomposed against a reference (the department, or last period), the factor
 * furthest below its reference is the one holding sales back: first intensity (meetings), then
 * effectiveness (training, mentoring).
 */
export type EffectivenessInput = { sellers: number; meetings: number; dealsWon: number };

export type Effectiveness = {
  sellers: number;
  meetingsPerSeller: number;
  winsPerMeeting: number;
  /** sellers × meetings per seller × wins per meeting = deals won. */
  result: number;
};

export const salesEffectiveness = ({ sellers, meetings, dealsWon }: EffectivenessInput): Effectiveness => ({
  sellers,
  meetingsPerSeller: sellers > 0 ? meetings / sellers : 0,
  winsPerMeeting: meetings > 0 ? dealsWon / meetings : 0,
  result: dealsWon,
});

export type EffectivenessFactor = "sellers" | "meetings_per_seller" | "wins_per_meeting";

/**
 * The factor furthest below the reference, as a ratio to it; null when every factor is at or
 * above it. Intensity comes first (M5.11): on a tie, meetings per seller is named before wins.
 */
export const weakestEffectivenessFactor = (
  actual: Effectiveness,
  reference: Effectiveness,
): { factor: EffectivenessFactor; ratio: number } | null => {
  const ratios: Array<{ factor: EffectivenessFactor; ratio: number }> = [
    { factor: "meetings_per_seller", ratio: ratio(actual.meetingsPerSeller, reference.meetingsPerSeller) },
    { factor: "wins_per_meeting", ratio: ratio(actual.winsPerMeeting, reference.winsPerMeeting) },
    { factor: "sellers", ratio: ratio(actual.sellers, reference.sellers) },
  ];
  let weakest: { factor: EffectivenessFactor; ratio: number } | null = null;
  for (const candidate of ratios) {
    if (candidate.ratio >= 1) continue;
    if (weakest === null || candidate.ratio < weakest.ratio) weakest = candidate;
  }
  return weakest;
};

const ratio = (value: number, reference: number): number => (reference <= 0 ? 1 : value / reference);
