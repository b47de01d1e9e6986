import { marginPercentOf, type MoneyFact } from "./payroll";

/*
 * M1.6 "don't overpay": the owner sets the share of gross profit the department's pay may take; the month's
 * payroll above it is a warning.
 */

export type MarginSettings = { marginPercentByProductGroup: Readonly<Record<string, number>>; defaultMarginPercent: number };

/** Gross profit of money received: each payment times its product group's margin share. */
export const grossProfitOf = (payments: readonly Pick<MoneyFact, "amountMinor" | "productGroupId">[], margins: MarginSettings): number =>
  Math.round(payments.reduce((s, p) => s + (p.amountMinor * marginPercentOf(margins, p.productGroupId)) / 100, 0));

export type PayrollShareCheck = { payrollMinor: number; grossProfitMinor: number; limitPercent: number | null; limitMinor: number | null; sharePercent: number | null; exceeded: boolean };

/** Exceeded when the payroll is above limit % of the gross profit; no limit set → never exceeded. */
export const payrollShareCheck = (payrollMinor: number, grossProfitMinor: number, limitPercent: number | null): PayrollShareCheck => {
  const limitMinor = limitPercent === null ? null : Math.round((Math.max(0, grossProfitMinor) * limitPercent) / 100);
  return {
    payrollMinor,
    grossProfitMinor,
    limitPercent,
    limitMinor,
    sharePercent: grossProfitMinor > 0 ? (payrollMinor / grossProfitMinor) * 100 : null,
    exceeded: limitMinor !== null && payrollMinor > limitMinor,
  };
};
