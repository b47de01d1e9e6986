import type { Order } from "@conveyor/contracts";
import { amountToMinor } from "../deals/deal-draft";

export type PaymentState = "unpaid" | "partial" | "paid";

/** What is still owed on an order; never below zero, an overpayment owes nothing. */
export const remainingMinor = (order: Pick<Order, "amountMinor" | "paidMinor">): number =>
  Math.max(order.amountMinor - order.paidMinor, 0);

/** Whether the money for an order has come in: refunds count against what was paid. */
export const paymentState = (order: Pick<Order, "amountMinor" | "paidMinor">): PaymentState => {
  if (order.paidMinor <= 0) return "unpaid";
  return order.paidMinor >= order.amountMinor ? "paid" : "partial";
};

/** The signed amount to send: what was typed, in minor units, negative for a refund; 0 when nothing valid was typed. */
export const paymentAmountMinor = (amount: number | string, refund: boolean, currency: string): number => {
  const minor = amountToMinor(amount, currency);
  return refund ? -minor : minor;
};

export type CurrencyTotals = { currency: string; orderedMinor: number; paidMinor: number };

/**
 * Ordered and received money per currency, in the order currencies first appear: sums across
 * currencies would mean nothing, and a client may have orders in more than one.
 */
export const totalsByCurrency = (orders: readonly Pick<Order, "currency" | "amountMinor" | "paidMinor">[]): CurrencyTotals[] => {
  const totals = new Map<string, CurrencyTotals>();
  for (const order of orders) {
    const current = totals.get(order.currency) ?? { currency: order.currency, orderedMinor: 0, paidMinor: 0 };
    totals.set(order.currency, {
      currency: order.currency,
      orderedMinor: current.orderedMinor + order.amountMinor,
      paidMinor: current.paidMinor + order.paidMinor,
    });
  }
  return [...totals.values()];
};
