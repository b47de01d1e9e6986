import { describe, expect, it } from "vitest";
import { productionCalendar } from "../calendars/production-calendar";
import { baseForPeriod, conveyorSchemes, halfAndHalfScheme, landingMonthOfRefund, latePaymentLine, nextPayPeriod, nextPayPeriodStart, payPeriodHolding, payPeriodOf, type MoneyFact } from "./index";

/* M1.6 pay periods by the organization's calendar (Jalali months in Iran) and money received after a close. */

const payment = (id: string, amountMinor: number, paidOn: string): MoneyFact => ({ id, dealId: `deal-${id}`, companyId: `company-${id}`, amountMinor, paidOn, productGroupId: null, firstDeal: true });

describe("Jalali pay periods", () => {
  it("Esfand 1405 runs 20 February … 20 March 2027 and is followed by Farvardin 1406", () => {
    const esfand = payPeriodOf("jalali_month", "1405-12");
    expect(esfand).toMatchObject({ key: "1405-12", start: "2027-02-20", end: "2027-03-20" });
    expect(nextPayPeriod(esfand)).toMatchObject({ key: "1406-01", start: "2027-03-21", end: "2027-04-20" });
    expect(nextPayPeriodStart("jalali_month", "2027-02-20")).toBe("2027-03-21");
  });
  it("a date belongs to the Jalali month holding it, at both edges", () => {
    expect(payPeriodHolding("jalali_month", "2027-02-19").key).toBe("1405-11");
    expect(payPeriodHolding("jalali_month", "2027-02-20").key).toBe("1405-12");
    expect(payPeriodHolding("jalali_month", "2027-03-20").key).toBe("1405-12");
    expect(payPeriodHolding("jalali_month", "2027-03-21").key).toBe("1406-01");
    expect(payPeriodHolding("jalali_month", "2026-11-22")).toMatchObject({ key: "1405-09", start: "2026-11-22" });
  });
  it("Gregorian periods keep the calendar month, December → January", () => {
    expect(payPeriodOf("month", "2026-12")).toMatchObject({ start: "2026-12-01", end: "2026-12-31" });
    expect(nextPayPeriod(payPeriodOf("month", "2026-12")).key).toBe("2027-01");
    expect(payPeriodHolding("month", "2027-02-20").key).toBe("2027-02");
  });
  it("the base is pro-rated over the Jalali month's working days, with an absence", () => {
    const ir = productionCalendar({ country: "IR" });
    const esfand = payPeriodOf("jalali_month", "1405-12");
    const full = baseForPeriod(ir, esfand, 30_000_000, []);
    expect(full.workingDays).toBe(ir.workingDaysBetween("2027-02-20", "2027-03-20"));
    expect(full.amountMinor).toBe(30_000_000);
    const away = baseForPeriod(ir, esfand, 30_000_000, [{ startsOn: "2027-03-01", endsOn: "2027-03-07" }]);
    const lost = ir.workingDaysBetween("2027-03-01", "2027-03-07");
    expect(away.workedDays).toBe(full.workingDays - lost);
    expect(away.amountMinor).toBe(Math.round((30_000_000 * (full.workingDays - lost)) / full.workingDays));
  });
  it("late money of Esfand lands in Farvardin when Esfand was closed before it was entered", () => {
    const closed = new Map([["2027-02-20", new Date("2027-03-22T08:00:00Z")]]);
    const next = (start: string) => nextPayPeriodStart("jalali_month", start);
    expect(landingMonthOfRefund("2027-02-20", new Date("2027-03-25T00:00:00Z"), closed, next)).toBe("2027-03-21");
  });
});

describe("a payment received after its month was closed", () => {
  it("a percent scheme pays it at the closed month's rate and the coefficient with it counted", () => {
    const l2 = conveyorSchemes(10_000_000).L2;
    // The closed month: 600,000 of 1,000,000 (below the 70% threshold → nothing); +200,000 → 80%.
    const line = latePaymentLine(l2, payment("late", 200_000, "2026-10-20"), { monthStart: "2026-10-01", factMinor: 600_000, planMinor: 1_000_000 });
    const part = l2.variable[0];
    if (part?.kind !== "percent" || !part.curve) throw new Error("L2 has a curved percent part");
    expect(line).toMatchObject({ kind: "late_payment", refs: { paymentIds: ["late"] }, figures: { closedMonth: "2026-10-01", completionPercent: 60, completionAfterPayment: 80 } });
    expect(line?.amountMinor).toBeGreaterThan(0);
  });
  it("an on-target scheme gains what the payment adds on the curve", () => {
    const half = halfAndHalfScheme(10_000_000);
    // 100% → 150%: 5,000,000 × (1.5 − 1)
    expect(latePaymentLine(half, payment("late", 500_000, "2026-10-20"), { monthStart: "2026-10-01", factMinor: 1_000_000, planMinor: 1_000_000 })?.amountMinor).toBe(2_500_000);
  });
  it("a negative late payment is the refund's clawback; zero is nothing", () => {
    const half = halfAndHalfScheme(10_000_000);
    expect(latePaymentLine(half, payment("r", -500_000, "2026-10-20"), { monthStart: "2026-10-01", factMinor: 3_000_000, planMinor: 1_000_000 })).toMatchObject({ kind: "late_clawback", amountMinor: -2_500_000 });
    expect(latePaymentLine(half, payment("z", 0, "2026-10-20"), { monthStart: "2026-10-01", factMinor: 1, planMinor: 1 })).toBeNull();
  });
});
