import { computePayroll, type MoneyFact, type Payroll, type PayrollFacts } from "./payroll";
import type { PaySchemeDefinition } from "./scheme";

/*
 * M1.6 for the seller: "if I close these two deals" — the month's payroll with hypothetical money added,
 * beside the payroll as it stands.
 */

export type HypotheticalDeal = {
  /** The open deal it stands for, when it is one; otherwise a made-up deal. */
  dealId: string | null;
  companyId: string | null;
  amountMinor: number;
  productGroupId: string | null;
  /** Money on the client's first deal (M1.4 scope of L2 schemes); false for repeat business. */
  firstDeal: boolean;
};

export type WhatIf = { current: Payroll; hypothetical: Payroll; differenceMinor: number };

export const whatIfPayroll = (definition: PaySchemeDefinition, facts: PayrollFacts, deals: readonly HypotheticalDeal[], paidOn: string): WhatIf => {
  const extra: MoneyFact[] = deals.map((deal, i) => ({
    id: `what-if-${i + 1}`,
    dealId: deal.dealId ?? `what-if-${i + 1}`,
    companyId: deal.companyId ?? `what-if-${i + 1}`,
    amountMinor: deal.amountMinor,
    paidOn,
    productGroupId: deal.productGroupId,
    firstDeal: deal.firstDeal,
  }));
  const current = computePayroll(definition, facts);
  const hypothetical = computePayroll(definition, { ...facts, payments: [...facts.payments, ...extra] });
  return { current, hypothetical, differenceMinor: hypothetical.totalMinor - current.totalMinor };
};
