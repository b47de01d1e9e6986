import { curveCoefficient, planCompletionPercent } from "./coefficient-curve";
import type { BaseProRating } from "./pro-rating";
import type { ClientScope, KpiBonusMetric, PaySchemeDefinition, VariablePart } from "./scheme";

/*
 * M1.6, M3.2, M5.14: a seller's pay for a month as a pure function of the scheme and the month's facts.
 * Every line carries its sources — payment, deal, handover, absence and adjustment ids, activity counts —
 * so the preview can show the money behind each figure.
 */

export type MoneyFact = {
  id: string;
  dealId: string;
  companyId: string;
  /** Negative for a refund. */
  amountMinor: number;
  paidOn: string;
  productGroupId: string | null;
  /** The payment is on the client's first won deal (M1.4); otherwise repeat business. */
  firstDeal: boolean;
};

export type KpiFact = { actual: number; counts: Readonly<Record<string, number>> };

export type PayrollFacts = {
  base: BaseProRating & { absenceIds: readonly string[] };
  /** The seller's revenue plan for the month; null without one. */
  planMinor: number | null;
  /** Money received in the month, refunds included (negative). */
  payments: readonly MoneyFact[];
  /** M1.3: the seller's handovers L1 → L2 in the month. */
  acceptedHandovers: ReadonlyArray<{ id: string; companyId: string }>;
  /** M1.4: the seller's first deals whose acceptance act was signed in the month. */
  firstDeals: ReadonlyArray<{ dealId: string; companyId: string }>;
  kpi: Readonly<Partial<Record<KpiBonusMetric, KpiFact>>>;
  adjustments: ReadonlyArray<{ id: string; amountMinor: number; reason: string }>;
  /** Refunds and payments of closed months that land in this month (see `latePaymentLine`). */
  lateClawbacks?: readonly PayrollLine[];
};

export type PayrollLineKind =
  | "base"
  | "variable"
  | "clawback"
  | "kpi_bonus"
  | "accepted_leads"
  | "first_deals"
  | "retention"
  | "adjustment"
  | "late_clawback"
  | "late_payment";

export type PayrollRefs = {
  paymentIds: string[];
  dealIds: string[];
  companyIds: string[];
  handoverIds: string[];
  absenceIds: string[];
  adjustmentIds: string[];
  activityCounts: Record<string, number>;
};

export type PaymentContribution = { paymentId: string; dealId: string; amountMinor: number; ratePercent: number; marginPercent: number | null; contributionMinor: number };

export type PayrollLine = {
  kind: PayrollLineKind;
  amountMinor: number;
  /** The figures the amount was computed from (rates, counts, completion, coefficient…). */
  figures: Record<string, number | string | null>;
  refs: PayrollRefs;
  /** Per payment, for variable and clawback lines. */
  contributions?: PaymentContribution[];
};

export type Payroll = {
  lines: PayrollLine[];
  totalMinor: number;
  /** Money received in the month, net of refunds: the plan fact. */
  factMinor: number;
  planMinor: number | null;
  completionPercent: number | null;
};

export const emptyRefs = (): PayrollRefs => ({ paymentIds: [], dealIds: [], companyIds: [], handoverIds: [], absenceIds: [], adjustmentIds: [], activityCounts: {} });
const refs = (partial: Partial<PayrollRefs>): PayrollRefs => ({ ...emptyRefs(), ...partial });
const unique = (values: readonly string[]): string[] => [...new Set(values)];

const inScope = (payment: MoneyFact, scope: ClientScope): boolean => {
  switch (scope) {
    case "all":
      return true;
    case "first_deals":
      return payment.firstDeal;
    case "repeat":
      return !payment.firstDeal;
  }
};

/** The margin share of a payment's product group (%), for margin-based parts and the gross profit. */
export const marginPercentOf = (definition: Pick<PaySchemeDefinition, "marginPercentByProductGroup" | "defaultMarginPercent">, productGroupId: string | null): number =>
  (productGroupId !== null ? definition.marginPercentByProductGroup[productGroupId] : undefined) ?? definition.defaultMarginPercent;

const rateOf = (part: Extract<VariablePart, { kind: "percent" }>, productGroupId: string | null): number =>
  (productGroupId !== null ? part.ratesByProductGroup[productGroupId] : undefined) ?? part.ratePercent;

/** One payment's share of a percent part before the coefficient (unrounded). */
export const paymentContribution = (definition: PaySchemeDefinition, part: Extract<VariablePart, { kind: "percent" }>, payment: MoneyFact): PaymentContribution => {
  const ratePercent = rateOf(part, payment.productGroupId);
  const marginPercent = part.basis === "margin" ? marginPercentOf(definition, payment.productGroupId) : null;
  const raw = (payment.amountMinor * (marginPercent ?? 100) * ratePercent) / 10_000;
  return { paymentId: payment.id, dealId: payment.dealId, amountMinor: payment.amountMinor, ratePercent, marginPercent, contributionMinor: raw };
};

const coefficientOf = (part: VariablePart, completion: number | null): number | null => {
  if (!part.curve) return 1;
  return completion === null ? null : curveCoefficient(part.curve, completion);
};

const percentLines = (definition: PaySchemeDefinition, part: Extract<VariablePart, { kind: "percent" }>, index: number, facts: PayrollFacts, completion: number | null): PayrollLine[] => {
  const coefficient = coefficientOf(part, completion) ?? 0;
  const scoped = facts.payments.filter((p) => inScope(p, part.clientScope));
  const build = (kind: "variable" | "clawback", payments: readonly MoneyFact[]): PayrollLine => {
    const contributions = payments.map((p) => paymentContribution(definition, part, p));
    const raw = contributions.reduce((s, c) => s + c.contributionMinor, 0);
    return {
      kind,
      amountMinor: Math.round(raw * coefficient),
      figures: {
        part: index,
        basis: part.basis,
        ratePercent: part.ratePercent,
        clientScope: part.clientScope,
        moneyMinor: payments.reduce((s, p) => s + p.amountMinor, 0),
        beforeCoefficientMinor: Math.round(raw),
        completionPercent: completion,
        coefficient: part.curve ? (completion === null ? null : coefficient) : 1,
      },
      refs: refs({ paymentIds: payments.map((p) => p.id), dealIds: unique(payments.map((p) => p.dealId)), companyIds: unique(payments.map((p) => p.companyId)) }),
      contributions: contributions.map((c) => ({ ...c, contributionMinor: Math.round(c.contributionMinor * coefficient) })),
    };
  };
  const lines = [build("variable", scoped.filter((p) => p.amountMinor > 0))];
  const refunds = scoped.filter((p) => p.amountMinor < 0);
  if (definition.clawbackOnRefunds && refunds.length > 0) lines.push(build("clawback", refunds));
  return lines;
};

const onTargetLine = (part: Extract<VariablePart, { kind: "on_target" }>, index: number, facts: PayrollFacts, factMinor: number, completion: number | null): PayrollLine => {
  const coefficient = completion === null ? null : curveCoefficient(part.curve, completion);
  const money = facts.payments;
  return {
    kind: "variable",
    amountMinor: coefficient === null ? 0 : Math.round(part.onTargetMinor * coefficient),
    figures: { part: index, onTargetMinor: part.onTargetMinor, factMinor, planMinor: facts.planMinor, completionPercent: completion, coefficient },
    refs: refs({ paymentIds: money.map((p) => p.id), dealIds: unique(money.map((p) => p.dealId)), companyIds: unique(money.map((p) => p.companyId)) }),
  };
};

const kpiLines = (definition: PaySchemeDefinition, facts: PayrollFacts): PayrollLine[] => {
  const bonus = definition.kpiBonus;
  if (!bonus || bonus.poolMinor === 0 || bonus.items.length === 0) return [];
  const totalWeight = bonus.items.reduce((s, item) => s + item.weight, 0);
  if (totalWeight <= 0) return [];
  return bonus.items.map((item) => {
    const fact = facts.kpi[item.metric];
    const actual = fact?.actual ?? 0;
    const achievement = item.target <= 0 ? 1 : Math.max(0, Math.min(1, actual / item.target));
    return {
      kind: "kpi_bonus",
      amountMinor: Math.round((bonus.poolMinor * item.weight * achievement) / totalWeight),
      figures: { metric: item.metric, target: item.target, actual, weight: item.weight, totalWeight, achievement, poolMinor: bonus.poolMinor },
      refs: refs({ activityCounts: { ...(fact?.counts ?? {}) } }),
    };
  });
};

/**
 * M1.6: the month's payroll lines for one seller under one scheme version. Plan completion is the month's
 * money received (net of refunds) over the revenue plan; a curve without a plan pays nothing on it.
 */
export const computePayroll = (definition: PaySchemeDefinition, facts: PayrollFacts): Payroll => {
  const factMinor = facts.payments.reduce((s, p) => s + p.amountMinor, 0);
  const completion = planCompletionPercent(factMinor, facts.planMinor);
  const lines: PayrollLine[] = [];
  lines.push({
    kind: "base",
    amountMinor: facts.base.amountMinor,
    figures: { baseSalaryMinor: definition.baseSalaryMinor, workingDays: facts.base.workingDays, workedDays: facts.base.workedDays },
    refs: refs({ absenceIds: [...facts.base.absenceIds] }),
  });
  definition.variable.forEach((part, index) => {
    switch (part.kind) {
      case "percent":
        lines.push(...percentLines(definition, part, index, facts, completion));
        break;
      case "on_target":
        lines.push(onTargetLine(part, index, facts, factMinor, completion));
        break;
    }
  });
  lines.push(...kpiLines(definition, facts));
  if (definition.perAcceptedLeadMinor > 0 && facts.acceptedHandovers.length > 0) {
    lines.push({
      kind: "accepted_leads",
      amountMinor: definition.perAcceptedLeadMinor * facts.acceptedHandovers.length,
      figures: { count: facts.acceptedHandovers.length, perLeadMinor: definition.perAcceptedLeadMinor },
      refs: refs({ handoverIds: facts.acceptedHandovers.map((h) => h.id), companyIds: unique(facts.acceptedHandovers.map((h) => h.companyId)) }),
    });
  }
  if (definition.firstDealMinor > 0 && facts.firstDeals.length > 0) {
    lines.push({
      kind: "first_deals",
      amountMinor: definition.firstDealMinor * facts.firstDeals.length,
      figures: { count: facts.firstDeals.length, perDealMinor: definition.firstDealMinor },
      refs: refs({ dealIds: facts.firstDeals.map((d) => d.dealId), companyIds: unique(facts.firstDeals.map((d) => d.companyId)) }),
    });
  }
  if (definition.retentionPerClientMinor > 0) {
    const repeat = facts.payments.filter((p) => !p.firstDeal && p.amountMinor > 0);
    const clients = unique(repeat.map((p) => p.companyId));
    if (clients.length > 0) {
      lines.push({
        kind: "retention",
        amountMinor: definition.retentionPerClientMinor * clients.length,
        figures: { clients: clients.length, perClientMinor: definition.retentionPerClientMinor },
        refs: refs({ paymentIds: repeat.map((p) => p.id), dealIds: unique(repeat.map((p) => p.dealId)), companyIds: clients }),
      });
    }
  }
  for (const late of facts.lateClawbacks ?? []) lines.push(late);
  for (const adjustment of facts.adjustments) {
    lines.push({ kind: "adjustment", amountMinor: adjustment.amountMinor, figures: { reason: adjustment.reason }, refs: refs({ adjustmentIds: [adjustment.id] }) });
  }
  return { lines, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0), factMinor, planMinor: facts.planMinor, completionPercent: completion };
};

/** What a closed month's payroll was computed from, kept when it was closed. */
export type ClosedMonthFigures = { monthStart: string; factMinor: number; planMinor: number | null };

/**
 * What money dated in a closed month and entered after the close changes, against the completion frozen at the
 * close: percent parts take it at the closed month's rates and the coefficient at `percentsAt` (a refund: the
 * frozen completion; a payment: the completion with it counted); an on-target part moves by what its curve gives
 * between the frozen completion and the completion with the money.
 */
const lateMoneyEffect = (definition: PaySchemeDefinition, money: MoneyFact, closed: ClosedMonthFigures, percentsAt: "frozen" | "after") => {
  const frozen = planCompletionPercent(closed.factMinor, closed.planMinor);
  const after = planCompletionPercent(closed.factMinor + money.amountMinor, closed.planMinor);
  let raw = 0;
  const contributions: PaymentContribution[] = [];
  for (const part of definition.variable) {
    switch (part.kind) {
      case "percent": {
        if (!inScope(money, part.clientScope)) break;
        const coefficient = coefficientOf(part, percentsAt === "frozen" ? frozen : after) ?? 0;
        const c = paymentContribution(definition, part, money);
        raw += c.contributionMinor * coefficient;
        contributions.push({ ...c, contributionMinor: Math.round(c.contributionMinor * coefficient) });
        break;
      }
      case "on_target": {
        if (frozen === null || after === null) break;
        raw += part.onTargetMinor * (curveCoefficient(part.curve, after) - curveCoefficient(part.curve, frozen));
        break;
      }
    }
  }
  return {
    amountMinor: Math.round(raw),
    frozen,
    after,
    refs: refs({ paymentIds: [money.id], dealIds: [money.dealId], companyIds: [money.companyId] }),
    contributions,
  };
};

/**
 * M1.6 clawback after a close: a refund dated in a closed month lands in the next open month as a negative
 * line (`lateMoneyEffect` at the frozen completion). Nothing when the scheme does not claw back.
 */
export const lateRefundClawback = (definition: PaySchemeDefinition, refund: MoneyFact, closed: ClosedMonthFigures): PayrollLine | null => {
  if (!definition.clawbackOnRefunds || refund.amountMinor >= 0) return null;
  const { amountMinor, frozen, after, refs: lineRefs, contributions } = lateMoneyEffect(definition, refund, closed, "frozen");
  return {
    kind: "late_clawback",
    amountMinor,
    figures: { closedMonth: closed.monthStart, refundMinor: refund.amountMinor, paidOn: refund.paidOn, completionPercent: frozen, completionAfterRefund: after },
    refs: lineRefs,
    contributions,
  };
};

/**
 * M1.6 money received after a close: a payment dated in a closed month but entered after it was closed lands
 * in the next open month as a `late_payment` line, "paid for <closed month>" (`lateMoneyEffect` with the payment
 * counted). A refund is `lateRefundClawback`.
 */
export const latePaymentLine = (definition: PaySchemeDefinition, payment: MoneyFact, closed: ClosedMonthFigures): PayrollLine | null => {
  if (payment.amountMinor < 0) return lateRefundClawback(definition, payment, closed);
  if (payment.amountMinor === 0) return null;
  const { amountMinor, frozen, after, refs: lineRefs, contributions } = lateMoneyEffect(definition, payment, closed, "after");
  return {
    kind: "late_payment",
    amountMinor,
    figures: { closedMonth: closed.monthStart, paymentMinor: payment.amountMinor, paidOn: payment.paidOn, completionPercent: frozen, completionAfterPayment: after },
    refs: lineRefs,
    contributions,
  };
};

/** The Gregorian month of a local date ("YYYY-MM-01"); a Jalali-month organization uses `payPeriodHolding`. */
export const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;

/**
 * Where a refund of a closed month lands: the first month after its own that was still open when the refund
 * was entered (a month closed later than the refund was entered was open then). `closedAt` maps a month
 * start to when it was closed.
 */
export const landingMonthOfRefund = (refundMonth: string, enteredAt: Date, closedAt: ReadonlyMap<string, Date>, nextMonth: (month: string) => string): string => {
  let month = nextMonth(refundMonth);
  for (let guard = 0; guard < 1200; guard += 1) {
    const closed = closedAt.get(month);
    if (!closed || closed.getTime() > enteredAt.getTime()) return month;
    month = nextMonth(month);
  }
  return month;
};
