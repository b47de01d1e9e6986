import { describe, expect, it } from "vitest";
import {
  type HunterToFarmerCriterion,
  type OrderFact,
  type PaymentFact,
  type PermanentClientRule,
  type PurchaseHistory,
  evaluateHunterToFarmer,
  evaluatePermanentClient,
} from "./purchases";

const order = (id: string, orderedOn: string, extra: Partial<OrderFact> = {}): OrderFact => ({
  id,
  orderedOn,
  amountMinor: 100_000,
  currency: "RUB",
  productId: null,
  productGroupId: null,
  ...extra,
});

const pay = (orderId: string, paidOn: string, amountMinor: number, currency = "RUB"): PaymentFact => ({
  orderId,
  paidOn,
  amountMinor,
  currency,
});

const history = (orders: OrderFact[], payments: PaymentFact[]): PurchaseHistory => ({ orders, payments });

const today = "2026-02-10";

describe("hunter → farmer by orders (M4.1)", () => {
  const paidTwice = history(
    [order("a", "2026-01-05"), order("b", "2026-02-01")],
    [pay("a", "2026-01-06", 100_000)],
  );

  it.each([
    // An unpaid order counts: it was placed.
    [2, true],
    [3, false],
  ])("two orders against a count of %i → %s", (count, met) => {
    expect(evaluateHunterToFarmer({ kind: "orders", count }, paidTwice, today)).toEqual({
      met,
      figures: { orders: 2, threshold: count },
    });
  });

  it.each([
    ["a full refund removes the order", [pay("a", "2026-01-06", 100_000), pay("a", "2026-01-20", -100_000)], 1],
    ["a partial refund keeps it", [pay("a", "2026-01-06", 100_000), pay("a", "2026-01-20", -40_000)], 2],
    ["a refund dated tomorrow is not yet", [pay("a", "2026-01-06", 100_000), pay("a", "2026-02-11", -100_000)], 2],
    ["a refund with nothing paid removes it", [pay("a", "2026-01-20", -10_000)], 1],
    ["a refund in another currency is not this order's", [pay("a", "2026-01-06", 100_000), pay("a", "2026-01-20", -100_000, "USD")], 2],
  ])("%s", (_, payments, orders) => {
    const result = evaluateHunterToFarmer(
      { kind: "orders", count: 2 },
      history([order("a", "2026-01-05"), order("b", "2026-02-01")], payments),
      today,
    );
    expect(result).toEqual({ met: orders >= 2, figures: { orders, threshold: 2 } });
  });

  it("an order dated after today does not count", () => {
    const result = evaluateHunterToFarmer(
      { kind: "orders", count: 2 },
      history([order("a", "2026-02-10"), order("b", "2026-02-11")], []),
      today,
    );
    expect(result.figures.orders).toBe(1);
  });

  it.each([0, -1, 1.5])("rejects a count of %s", (count) => {
    expect(() => evaluateHunterToFarmer({ kind: "orders", count }, paidTwice, today)).toThrow(RangeError);
  });

  it.each(["2026-2-10", "10.02.2026", "2026-13-01", ""])("rejects today = %j", (day) => {
    expect(() => evaluateHunterToFarmer({ kind: "orders", count: 1 }, paidTwice, day)).toThrow(RangeError);
  });
});

describe("hunter → farmer by volume (M4.1)", () => {
  const volume = (amountMinor: number): HunterToFarmerCriterion => ({ kind: "volume", amountMinor, currency: "RUB" });
  const paid = history(
    [order("a", "2025-12-01"), order("b", "2026-01-01"), order("c", "2026-01-02", { currency: "USD" })],
    [pay("a", "2025-12-02", 60_000), pay("b", "2026-02-10", 40_000), pay("c", "2026-01-03", 120_000, "USD")],
  );

  it.each([
    [100_000, true],
    [100_001, false],
  ])("100 000 received against %i → %s", (threshold, met) => {
    expect(evaluateHunterToFarmer(volume(threshold), paid, today)).toEqual({
      met,
      figures: { total: 100_000, threshold, currency: "RUB", other_USD: 120_000 },
    });
  });

  it("a payment dated tomorrow is not yet received", () => {
    const result = evaluateHunterToFarmer(volume(100_000), paid, "2026-02-09");
    expect(result).toMatchObject({ met: false, figures: { total: 60_000 } });
  });

  it("USD payments do not count towards a RUB threshold", () => {
    const result = evaluateHunterToFarmer({ kind: "volume", amountMinor: 100_000, currency: "USD" }, paid, today);
    expect(result).toEqual({
      met: true,
      figures: { total: 120_000, threshold: 100_000, currency: "USD", other_RUB: 100_000 },
    });
  });

  it("a refund lowers the volume", () => {
    const refunded = history(paid.orders.slice(), [...paid.payments, pay("a", "2026-01-15", -1)]);
    expect(evaluateHunterToFarmer(volume(100_000), refunded, today)).toMatchObject({ met: false, figures: { total: 99_999 } });
  });

  it.each([-1, 0.5])("rejects a volume of %s", (amountMinor) => {
    expect(() => evaluateHunterToFarmer(volume(amountMinor), paid, today)).toThrow(RangeError);
  });
});

describe("hunter → farmer by product (M4.1)", () => {
  const criterion: HunterToFarmerCriterion = { kind: "product", productIds: ["p1"], productGroupIds: ["g1"] };

  it.each([
    ["the product", [order("a", "2026-01-01", { productId: "p1" })], 1],
    ["a product of the group", [order("a", "2026-01-01", { productId: "p9", productGroupId: "g1" })], 1],
    ["both, twice", [order("a", "2026-01-01", { productId: "p1" }), order("b", "2026-01-02", { productGroupId: "g1" })], 2],
    ["another product", [order("a", "2026-01-01", { productId: "p2", productGroupId: "g2" })], 0],
    ["the product, ordered tomorrow", [order("a", "2026-02-11", { productId: "p1" })], 0],
    ["a deal whose lines include the product", [order("a", "2026-01-01", { lineProducts: [{ productId: "p7", productGroupId: null }, { productId: "p1", productGroupId: null }] })], 1],
    ["a deal whose lines are in the group", [order("a", "2026-01-01", { lineProducts: [{ productId: "p8", productGroupId: "g1" }] })], 1],
    ["a deal whose lines are other products", [order("a", "2026-01-01", { lineProducts: [{ productId: "p8", productGroupId: "g8" }] })], 0],
  ])("an order for %s", (_, orders, matchingOrders) => {
    expect(evaluateHunterToFarmer(criterion, history(orders, []), today)).toEqual({
      met: matchingOrders > 0,
      figures: { matchingOrders },
    });
  });

  it("a fully refunded order for the product does not count", () => {
    const refunded = history(
      [order("a", "2026-01-01", { productId: "p1" })],
      [pay("a", "2026-01-02", 100_000), pay("a", "2026-01-09", -100_000)],
    );
    expect(evaluateHunterToFarmer(criterion, refunded, today).met).toBe(false);
  });
});

describe("hunter → farmer by monthly minimum (M4.1, M4.2)", () => {
  const monthly = (amountMinor: number, months = 3): HunterToFarmerCriterion => ({
    kind: "monthly_minimum",
    months,
    amountMinor,
    currency: "RUB",
  });
  const orders = [order("a", "2025-11-01")];
  const run = (payments: PaymentFact[], amountMinor = 1_000, months = 3, day = today) =>
    evaluateHunterToFarmer(monthly(amountMinor, months), history(orders, payments), day);

  // Nov, Dec, Jan are the complete months before February: the window crosses the year.
  const lastQuarter = [pay("a", "2025-11-30", 1_000), pay("a", "2025-12-01", 1_000), pay("a", "2026-01-31", 1_000)];

  it("met at exactly the minimum over the complete months, across the year change", () => {
    expect(run(lastQuarter)).toEqual({
      met: true,
      figures: { "2025-11": 1_000, "2025-12": 1_000, "2026-01": 1_000, "2026-02": 0, minimum: 1_000, currency: "RUB" },
    });
  });

  it("not met one below the minimum", () => {
    expect(run(lastQuarter, 1_001).met).toBe(false);
  });

  it.each([
    // 31 January belongs to January, 1 February to February.
    ["paid 31 Jan", "2026-01-31", false],
    ["paid 1 Feb, so the window ending this month holds", "2026-02-01", true],
    ["paid today", "2026-02-10", true],
    ["paid tomorrow", "2026-02-11", false],
  ])("Dec and Jan paid, Nov not, the third payment %s", (_, paidOn, met) => {
    const payments = [pay("a", "2025-12-15", 1_000), pay("a", "2026-01-15", 1_000), pay("a", paidOn, 1_000)];
    expect(run(payments).met).toBe(met);
  });

  it("a refund in a later month lowers that month, not the month of the order", () => {
    const result = run([...lastQuarter, pay("a", "2026-01-05", -1)]);
    expect(result).toMatchObject({ met: false, figures: { "2025-11": 1_000, "2026-01": 999 } });
  });

  it("USD payments do not count towards a RUB minimum but are shown", () => {
    const payments = [pay("a", "2025-11-30", 1_000), pay("a", "2025-12-01", 5_000, "USD"), pay("a", "2026-01-31", 1_000)];
    expect(run(payments)).toMatchObject({ met: false, figures: { "2025-12": 0, other_USD: 5_000 } });
  });

  it("shows only the months it looked at", () => {
    const figures = run([pay("a", "2025-01-15", 1_000), pay("a", "2026-01-15", 1_000)], 1_000, 1).figures;
    expect(figures).toEqual({ "2026-01": 1_000, "2026-02": 0, minimum: 1_000, currency: "RUB" });
  });

  it.each([
    [0, 1_000],
    [25, 1_000],
    [1.5, 1_000],
    [3, -1],
  ])("rejects %s months of %s", (months, amountMinor) => {
    expect(() => run(lastQuarter, amountMinor, months)).toThrow(RangeError);
  });
});

describe("permanent client (M4.2)", () => {
  const rule = (extra: Partial<PermanentClientRule>): PermanentClientRule => ({
    totalAmountMinor: null,
    monthlyMinimumMinor: null,
    months: 3,
    currency: "RUB",
    ...extra,
  });
  const client = history(
    [order("a", "2025-11-01")],
    [pay("a", "2025-11-10", 2_000), pay("a", "2025-12-10", 2_000), pay("a", "2026-01-10", 1_000)],
  );

  it.each([
    ["total at exactly X", { totalAmountMinor: 5_000 }, true],
    ["total one below X", { totalAmountMinor: 5_001 }, false],
    ["monthly minimum at exactly X", { monthlyMinimumMinor: 1_000 }, true],
    ["monthly minimum one above the weakest month", { monthlyMinimumMinor: 1_001 }, false],
    ["total not reached but the monthly minimum held", { totalAmountMinor: 9_000, monthlyMinimumMinor: 1_000 }, true],
    ["total reached, monthly minimum not", { totalAmountMinor: 5_000, monthlyMinimumMinor: 2_000 }, true],
    ["neither", { totalAmountMinor: 9_000, monthlyMinimumMinor: 2_000 }, false],
    ["both unset", {}, false],
  ])("%s", (_, extra, met) => {
    expect(evaluatePermanentClient(rule(extra), client, today).met).toBe(met);
  });

  it("shows the total, both thresholds and the months", () => {
    expect(evaluatePermanentClient(rule({ monthlyMinimumMinor: 1_000 }), client, today).figures).toEqual({
      total: 5_000,
      threshold: "—",
      "2025-11": 2_000,
      "2025-12": 2_000,
      "2026-01": 1_000,
      "2026-02": 0,
      minimum: 1_000,
      currency: "RUB",
    });
    expect(evaluatePermanentClient(rule({ totalAmountMinor: 5_000 }), client, today).figures).toEqual({
      total: 5_000,
      threshold: 5_000,
      minimum: "—",
      currency: "RUB",
    });
  });

  it.each([
    [{ months: 0 }],
    [{ months: 25 }],
    [{ totalAmountMinor: -1 }],
    [{ monthlyMinimumMinor: 10.5 }],
  ])("rejects %o", (extra) => {
    expect(() => evaluatePermanentClient(rule(extra), client, today)).toThrow(RangeError);
  });
});
