import { acceleratedCurve, linearCurve } from "./coefficient-curve";
import type { PaySchemeDefinition, SchemeTargetKind } from "./scheme";

/*
 * Presets that reproduce the seeds: M5.14's 50/50 scheme, M3.2's new-business / client department pair and
 * M1.6's conveyor (a scheme per level). Amounts are parameters; the shapes are the method's.
 */

export const payPresetKeys = ["half_and_half", "new_business_client_pair", "conveyor"] as const;
export type PayPresetKey = (typeof payPresetKeys)[number];

export type PresetScheme = {
  /** Stable key of the scheme within the preset (names come from the screen's language). */
  key: string;
  assignment: { targetKind: SchemeTargetKind; targetValue: string } | null;
  definition: PaySchemeDefinition;
};

export type PayPreset = { key: PayPresetKey; method: string; schemes: PresetScheme[] };

export type PresetParameters = {
  /** M5.14: the monthly income at 100% of plan (half base, half variable). */
  baseIncomeMinor: number;
  /** M3.2: the client department's base salary; new business's is `newBusinessBaseReductionPercent` lower. */
  clientBaseMinor: number;
  /** M3.2: 40–50%. */
  newBusinessBaseReductionPercent: number;
  clientRatePercent: number;
  newBusinessRatePercent: number;
};

/** 100,000 a month at plan (in minor units of a two-digit currency), a 45% lower new-business base, 2% vs 10%. */
export const defaultPresetParameters: PresetParameters = {
  baseIncomeMinor: 10_000_000,
  clientBaseMinor: 8_000_000,
  newBusinessBaseReductionPercent: 45,
  clientRatePercent: 2,
  newBusinessRatePercent: 10,
};

const plain = (partial: Partial<PaySchemeDefinition>): PaySchemeDefinition => ({
  baseSalaryMinor: 0,
  variable: [],
  kpiBonus: null,
  perAcceptedLeadMinor: 0,
  firstDealMinor: 0,
  retentionPerClientMinor: 0,
  clawbackOnRefunds: true,
  marginPercentByProductGroup: {},
  defaultMarginPercent: 100,
  ...partial,
});

/**
 * M5.14: half the income is salary, half a variable part proportional to plan completion, uncapped — so 3×
 * the personal plan pays 50% + 50% × 3 = 200% of the income at plan.
 */
export const halfAndHalfScheme = (baseIncomeMinor: number): PaySchemeDefinition =>
  plain({
    baseSalaryMinor: Math.round(baseIncomeMinor / 2),
    variable: [{ kind: "on_target", onTargetMinor: baseIncomeMinor - Math.round(baseIncomeMinor / 2), curve: linearCurve }],
  });

/**
 * M3.2: the client department (КО) — a higher base, a lower percentage of money received — and new business
 * (ОП) — a base 40–50% lower, a higher percentage and, at a new-business seller's usual volume, higher pay.
 */
export const departmentPair = (p: PresetParameters): { newBusiness: PaySchemeDefinition; client: PaySchemeDefinition } => ({
  client: plain({
    baseSalaryMinor: p.clientBaseMinor,
    variable: [{ kind: "percent", basis: "money", ratePercent: p.clientRatePercent, ratesByProductGroup: {}, clientScope: "all", curve: null }],
  }),
  newBusiness: plain({
    baseSalaryMinor: Math.round((p.clientBaseMinor * (100 - p.newBusinessBaseReductionPercent)) / 100),
    variable: [{ kind: "percent", basis: "money", ratePercent: p.newBusinessRatePercent, ratesByProductGroup: {}, clientScope: "all", curve: null }],
  }),
});

/**
 * M1.3, M1.4, M1.6: a scheme per level. L1 — base, a payment per lead L2 accepted, activity and contact
 * bonuses (volume of contacts is its key measure); L2 — base, a percentage of first-deal money on the
 * accelerated curve and a payment per first deal after the acceptance act; L3 — base, a percentage of repeat
 * money, a retention payment per client who paid again and a bonus for contacting every client this month
 * (M5.16) and for review coverage.
 */
export const conveyorSchemes = (baseIncomeMinor: number): { L1: PaySchemeDefinition; L2: PaySchemeDefinition; L3: PaySchemeDefinition } => {
  const share = (percent: number) => Math.round((baseIncomeMinor * percent) / 100);
  return {
    L1: plain({
      baseSalaryMinor: share(60),
      perAcceptedLeadMinor: share(2),
      kpiBonus: {
        poolMinor: share(20),
        items: [
          { metric: "activity_norm", target: 600, weight: 2 },
          { metric: "clients_contacted", target: 100, weight: 1 },
        ],
      },
    }),
    L2: plain({
      baseSalaryMinor: share(45),
      variable: [{ kind: "percent", basis: "money", ratePercent: 5, ratesByProductGroup: {}, clientScope: "first_deals", curve: acceleratedCurve }],
      firstDealMinor: share(3),
      kpiBonus: { poolMinor: share(10), items: [{ metric: "conversion", target: 30, weight: 1 }] },
    }),
    L3: plain({
      baseSalaryMinor: share(60),
      variable: [{ kind: "percent", basis: "money", ratePercent: 2, ratesByProductGroup: {}, clientScope: "repeat", curve: null }],
      retentionPerClientMinor: share(1),
      kpiBonus: {
        poolMinor: share(10),
        items: [
          { metric: "clients_contacted", target: 100, weight: 1 },
          { metric: "review_coverage", target: 80, weight: 1 },
        ],
      },
    }),
  };
};

export const payPresets = (p: PresetParameters = defaultPresetParameters): PayPreset[] => {
  const pair = departmentPair(p);
  const conveyor = conveyorSchemes(p.baseIncomeMinor);
  return [
    { key: "half_and_half", method: "M5.14", schemes: [{ key: "half_and_half", assignment: null, definition: halfAndHalfScheme(p.baseIncomeMinor) }] },
    {
      key: "new_business_client_pair",
      method: "M3.2",
      schemes: [
        { key: "new_business", assignment: { targetKind: "department_kind", targetValue: "new_business" }, definition: pair.newBusiness },
        { key: "client", assignment: { targetKind: "department_kind", targetValue: "client" }, definition: pair.client },
      ],
    },
    {
      key: "conveyor",
      method: "M1.6",
      schemes: [
        { key: "L1", assignment: { targetKind: "level", targetValue: "L1" }, definition: conveyor.L1 },
        { key: "L2", assignment: { targetKind: "level", targetValue: "L2" }, definition: conveyor.L2 },
        { key: "L3", assignment: { targetKind: "level", targetValue: "L3" }, definition: conveyor.L3 },
      ],
    },
  ];
};
