/*
 * M1.6, M3.2, M5.14: a compensation scheme as data. Money is in minor units (kopecks, rials…); percentages
 * are plain numbers (5 = 5%). A scheme is versioned with an effective month and assigned to a level, a job
 * (sales role), a department kind or a person; the payroll reads the version in force on the month's first day.
 */

/**
 * A plan-completion coefficient curve: 0 below `thresholdPercent`; piecewise linear through `points`
 * (completion %, coefficient), ascending; beyond the last point the last segment's slope continues (the
 * accelerator); never above `capCoefficient` when one is set. Between the threshold and the first point the
 * first point's coefficient applies.
 */
export type CoefficientCurve = {
  thresholdPercent: number;
  points: ReadonlyArray<{ completionPercent: number; coefficient: number }>;
  capCoefficient: number | null;
};

/** Which money a percentage is taken of: M1.4 first deals (L2), repeat deals (L3), or all. */
export type ClientScope = "all" | "first_deals" | "repeat";

/**
 * The variable part. `percent`: a share of money received (or of its margin), a rate per product group,
 * times the plan coefficient when a curve is set. `on_target`: an on-target amount times the plan
 * coefficient (M5.14's "50% × 3").
 */
export type VariablePart =
  | {
      kind: "percent";
      basis: "money" | "margin";
      ratePercent: number;
      /** Product group id → rate %, overriding `ratePercent` for the money of that group. */
      ratesByProductGroup: Readonly<Record<string, number>>;
      clientScope: ClientScope;
      curve: CoefficientCurve | null;
    }
  | { kind: "on_target"; onTargetMinor: number; curve: CoefficientCurve };

/** KPI bonus metrics: M5.1 activity norm, M2 review coverage, M5.15 conversion, M5.16 clients contacted this month. */
export const kpiBonusMetrics = ["activity_norm", "review_coverage", "conversion", "clients_contacted"] as const;
export type KpiBonusMetric = (typeof kpiBonusMetrics)[number];

/** A KPI bonus: its weight in the pool and the target; achievement is actual / target, at most 1. */
export type KpiBonusItem = { metric: KpiBonusMetric; target: number; weight: number };

export type PaySchemeDefinition = {
  /** The monthly base salary, pro-rated by working days worked. */
  baseSalaryMinor: number;
  variable: readonly VariablePart[];
  kpiBonus: { poolMinor: number; items: readonly KpiBonusItem[] } | null;
  /** M1.3: paid to an L1 seller for each client they handed over that L2 accepted. */
  perAcceptedLeadMinor: number;
  /** M1.4: paid to an L2 seller for each first deal whose acceptance act was signed in the month. */
  firstDealMinor: number;
  /** L3: paid for each client of the seller that paid again (on a repeat deal) in the month. */
  retentionPerClientMinor: number;
  /** Refunds reduce the variable part (clawback); false leaves refunds out of pay. */
  clawbackOnRefunds: boolean;
  /** Margin share of money by product group (gross profit / revenue, %), for `basis: "margin"`. */
  marginPercentByProductGroup: Readonly<Record<string, number>>;
  defaultMarginPercent: number;
};

export type SchemeTargetKind = "person" | "sales_role" | "department_kind" | "level";
export type SchemeAssignment = { schemeId: string; targetKind: SchemeTargetKind; targetValue: string };

/** What identifies a seller for assignment. */
export type SellerAssignmentKeys = {
  userId: string;
  salesRole: string | null;
  departmentKind: string | null;
  level: string | null;
};

const precedence: Record<SchemeTargetKind, number> = { person: 0, sales_role: 1, department_kind: 2, level: 3 };

/**
 * M1.6: the scheme that applies to a seller — an assignment to the person wins over one to their job, then
 * their department's kind (M3.2: new business / client), then their level. Undefined when none matches.
 */
export const schemeFor = (seller: SellerAssignmentKeys, assignments: readonly SchemeAssignment[]): string | undefined => {
  const valueOf = (kind: SchemeTargetKind): string | null => {
    switch (kind) {
      case "person":
        return seller.userId;
      case "sales_role":
        return seller.salesRole;
      case "department_kind":
        return seller.departmentKind;
      case "level":
        return seller.level;
    }
  };
  const matching = assignments
    .filter((a) => valueOf(a.targetKind) !== null && valueOf(a.targetKind) === a.targetValue)
    .sort((a, b) => precedence[a.targetKind] - precedence[b.targetKind]);
  return matching[0]?.schemeId;
};

/** A version with the month it takes effect from (its first day, "YYYY-MM-01"). */
export type SchemeVersion = { version: number; effectiveFrom: string; definition: PaySchemeDefinition };

/** The version in force on `monthStart`: the latest whose effective month is not after it. */
export const versionInForce = <V extends { effectiveFrom: string; version: number }>(versions: readonly V[], monthStart: string): V | undefined =>
  [...versions].filter((v) => v.effectiveFrom <= monthStart).sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];

/** Problems of a definition, as field paths and codes; empty when it is sound. */
export const schemeProblems = (d: PaySchemeDefinition): Array<{ field: string; code: string }> => {
  const problems: Array<{ field: string; code: string }> = [];
  const curveProblems = (curve: CoefficientCurve, at: string) => {
    if (curve.points.length === 0) problems.push({ field: `${at}.points`, code: "curve_without_points" });
    curve.points.forEach((p, i) => {
      const prev = curve.points[i - 1];
      if (prev && p.completionPercent <= prev.completionPercent) problems.push({ field: `${at}.points.${i}.completionPercent`, code: "points_not_ascending" });
      if (p.coefficient < 0) problems.push({ field: `${at}.points.${i}.coefficient`, code: "negative" });
    });
    const first = curve.points[0];
    if (first && first.completionPercent < curve.thresholdPercent) problems.push({ field: `${at}.thresholdPercent`, code: "threshold_after_first_point" });
    if (curve.capCoefficient !== null && curve.capCoefficient < 0) problems.push({ field: `${at}.capCoefficient`, code: "negative" });
  };
  d.variable.forEach((part, i) => {
    if (part.curve) curveProblems(part.curve, `variable.${i}.curve`);
  });
  if (d.kpiBonus) {
    const total = d.kpiBonus.items.reduce((s, item) => s + item.weight, 0);
    if (d.kpiBonus.items.length > 0 && total <= 0) problems.push({ field: "kpiBonus.items", code: "weights_sum_to_zero" });
    const seen = new Set<string>();
    d.kpiBonus.items.forEach((item, i) => {
      if (seen.has(item.metric)) problems.push({ field: `kpiBonus.items.${i}.metric`, code: "duplicate" });
      seen.add(item.metric);
    });
  }
  return problems;
};
