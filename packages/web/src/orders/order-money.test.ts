import { describe, expect, it } from "vitest";
import { paymentAmountMinor, paymentState, remainingMinor, totalsByCurrency } from "./order-money";

describe("order money", () => {
  it.each([
    { amountMinor: 100_000, paidMinor: 0, state: "unpaid", remaining: 100_000 },
    { amountMinor: 100_000, paidMinor: 40_000, state: "partial", remaining: 60_000 },
    { amountMinor: 100_000, paidMinor: 100_000, state: "paid", remaining: 0 },
    { amountMinor: 100_000, paidMinor: 120_000, state: "paid", remaining: 0 },
    { amountMinor: 100_000, paidMinor: -5_000, state: "unpaid", remaining: 105_000 },
  ])("$paidMinor paid of $amountMinor is $state", ({ amountMinor, paidMinor, state, remaining }) => {
    expect(paymentState({ amountMinor, paidMinor })).toBe(state);
    expect(remainingMinor({ amountMinor, paidMinor })).toBe(remaining);
  });

  it("sends a refund as a negative amount in minor units", () => {
    expect(paymentAmountMinor(1500.5, false, "RUB")).toBe(150_050);
    expect(paymentAmountMinor("1500.5", true, "RUB")).toBe(-150_050);
    expect(paymentAmountMinor(2_500_000, true, "IRR")).toBe(-2_500_000);
    expect(paymentAmountMinor("", false, "RUB")).toBe(0);
  });

  it("totals each currency apart", () => {
    const orders = [
      { currency: "RUB", amountMinor: 100_000, paidMinor: 50_000 },
      { currency: "USD", amountMinor: 2_000, paidMinor: 2_000 },
      { currency: "RUB", amountMinor: 30_000, paidMinor: 0 },
    ];
    expect(totalsByCurrency(orders)).toEqual([
      { currency: "RUB", orderedMinor: 130_000, paidMinor: 50_000 },
      { currency: "USD", orderedMinor: 2_000, paidMinor: 2_000 },
    ]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});
