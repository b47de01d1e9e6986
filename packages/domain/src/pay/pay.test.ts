import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { productionCalendar } from "../calendars/production-calendar";
import {
  acceleratedCurve,
  baseForMonth,
  computePayroll,
  contestValue,
  conveyorSchemes,
  curveCoefficient,
  defaultPresetParameters,
  departmentPair,
  grossProfitOf,
  halfAndHalfScheme,
  landingMonthOfRefund,
  lateRefundClawback,
  linearCurve,
  payPresets,
  payrollShareCheck,
  proRatedBase,
  rankLeaderboard,
  schemeFor,
  schemeProblems,
  versionInForce,
  whatIfPayroll,
  type MoneyFact,
  type PayrollFacts,
  type PaySchemeDefinition,
} from "./index";

const fullMonth = { workingDays: 21, workedDays: 21, absenceIds: [] as string[] };
const pay = (id: string, amountMinor: number, extra: Partial<MoneyFact> = {}): MoneyFact => ({
  id,
  dealId: `deal-${id}`,
  companyId: `company-${id}`,
  amountMinor,
  paidOn: "2026-11-10",
  productGroupId: null,
  firstDeal: true,
  ...extra,
});
const factsOf = (definition: PaySchemeDefinition, partial: Partial<PayrollFacts>): PayrollFacts => ({
  base: { ...fullMonth, amountMinor: definition.baseSalaryMinor },
  planMinor: null,
  payments: [],
  acceptedHandovers: [],
  firstDeals: [],
  kpi: {},
  adjustments: [],
  ...partial,
});

describe("M5.14 half salary, half a percentage", () => {
  const income = 10_000_000;
  const scheme = halfAndHalfScheme(income);
  it.each([
    { times: 0, expected: 50 },
    { times: 0.5, expected: 75 },
    { times: 1, expected: 100 },
    { times: 2, expected: 150 },
    // the seed: 50% + 50% × 3 = 200%
    { times: 3, expected: 200 },
  ])("$times× the personal plan → $expected% of the income", ({ times, expected }) => {
    const plan = 200_000_000;
    const result = computePayroll(scheme, factsOf(scheme, { planMinor: plan, payments: times > 0 ? [pay("p", plan * times)] : [] }));
    expect((result.totalMinor / income) * 100).toBeCloseTo(expected, 6);
    expect(result.lines.map((l) => l.kind)).toEqual(["base", "variable"]);
  });
  it("the variable line names the payments behind the plan fact", () => {
    const result = computePayroll(scheme, factsOf(scheme, { planMinor: 1000, payments: [pay("a", 600), pay("b", 900)] }));
    expect(result.lines[1]?.refs.paymentIds).toEqual(["a", "b"]);
    expect(result.lines[1]?.figures).toMatchObject({ factMinor: 1500, planMinor: 1000, completionPercent: 150, coefficient: 1.5 });
  });
  it("pays no variable part without a plan", () => {
    const result = computePayroll(scheme, factsOf(scheme, { payments: [pay("a", 600)] }));
    expect(result.totalMinor).toBe(scheme.baseSalaryMinor);
    expect(result.completionPercent).toBeNull();
  });
});

describe("M3.2 new business and client department", () => {
  const pair = departmentPair(defaultPresetParameters);
  it("new business has a base 40–50% lower than the client department", () => {
    const reduction = 1 - pair.newBusiness.baseSalaryMinor / pair.client.baseSalaryMinor;
    expect(reduction).toBeGreaterThanOrEqual(0.4);
    expect(reduction).toBeLessThanOrEqual(0.5);
  });
  it("new business has a higher percentage", () => {
    const rate = (d: PaySchemeDefinition) => (d.variable[0]?.kind === "percent" ? d.variable[0].ratePercent : 0);
    expect(rate(pair.newBusiness)).toBeGreaterThan(rate(pair.client));
  });
  it.each([
    // M3.3: a client department seller carries 2 M a month of repeat money, a new-business seller 1 M of new
    { newMoney: 100_000_000, repeatMoney: 200_000_000 },
    { newMoney: 150_000_000, repeatMoney: 300_000_000 },
  ])("and earns more: new $newMoney vs repeat $repeatMoney", ({ newMoney, repeatMoney }) => {
    const nb = computePayroll(pair.newBusiness, factsOf(pair.newBusiness, { payments: [pay("n", newMoney)] }));
    const cl = computePayroll(pair.client, factsOf(pair.client, { payments: [pay("r", repeatMoney, { firstDeal: false })] }));
    expect(nb.totalMinor).toBeGreaterThan(cl.totalMinor);
  });
  it("the 45% preset in figures: 44,000 + 10% vs 80,000 + 2%", () => {
    expect(pair.newBusiness.baseSalaryMinor).toBe(4_400_000);
    const nb = computePayroll(pair.newBusiness, factsOf(pair.newBusiness, { payments: [pay("n", 100_000_000)] }));
    expect(nb.totalMinor).toBe(4_400_000 + 10_000_000);
  });
});

describe("coefficient curve boundaries", () => {
  it.each([
    { completion: 0, expected: 0 },
    { completion: 69.99, expected: 0 },
    { completion: 70, expected: 0.7 },
    { completion: 85, expected: 0.85 },
    { completion: 99.99, expected: 0.9999 },
    { completion: 100, expected: 1 },
    { completion: 110, expected: 1.2 },
    { completion: 120, expected: 1.4 },
    // the accelerator's slope continues beyond the last point…
    { completion: 140, expected: 1.8 },
    { completion: 149.99, expected: 1.9998 },
    // …up to the cap
    { completion: 150, expected: 2 },
    { completion: 300, expected: 2 },
  ])("$completion% → $expected", ({ completion, expected }) => {
    expect(curveCoefficient(acceleratedCurve, completion)).toBeCloseTo(expected, 9);
  });
  it("linear, uncapped: 300% → 3", () => expect(curveCoefficient(linearCurve, 300)).toBe(3));
  it("a threshold before the first point pays the first point's coefficient", () => {
    const curve = { thresholdPercent: 50, points: [{ completionPercent: 80, coefficient: 0.5 }, { completionPercent: 100, coefficient: 1 }], capCoefficient: null };
    expect(curveCoefficient(curve, 49.99)).toBe(0);
    expect(curveCoefficient(curve, 50)).toBe(0.5);
    expect(curveCoefficient(curve, 80)).toBe(0.5);
  });
  it("never decreases and never exceeds the cap (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const cLo = curveCoefficient(acceleratedCurve, lo);
        const cHi = curveCoefficient(acceleratedCurve, hi);
        return cLo <= cHi + 1e-12 && cHi <= 2;
      }),
    );
  });
  it("a percent part on the curve multiplies by the coefficient", () => {
    const scheme: PaySchemeDefinition = { ...halfAndHalfScheme(0), variable: [{ kind: "percent", basis: "money", ratePercent: 10, ratesByProductGroup: {}, clientScope: "all", curve: acceleratedCurve }] };
    const at = (fact: number) => computePayroll(scheme, factsOf(scheme, { planMinor: 10_000, payments: [pay("p", fact)] })).totalMinor;
    expect(at(6_999)).toBe(0);
    expect(at(7_000)).toBe(490);
    expect(at(10_000)).toBe(1_000);
    expect(at(30_000)).toBe(6_000);
  });
  it("problems of a curve are named by field", () => {
    const scheme: PaySchemeDefinition = {
      ...halfAndHalfScheme(100),
      variable: [{ kind: "on_target", onTargetMinor: 1, curve: { thresholdPercent: 90, points: [{ completionPercent: 80, coefficient: 1 }, { completionPercent: 70, coefficient: -1 }], capCoefficient: null } }],
    };
    expect(schemeProblems(scheme).map((p) => `${p.field}:${p.code}`)).toEqual([
      "variable.0.curve.points.1.completionPercent:points_not_ascending",
      "variable.0.curve.points.1.coefficient:negative",
      "variable.0.curve.thresholdPercent:threshold_after_first_point",
    ]);
    expect(schemeProblems(halfAndHalfScheme(100))).toEqual([]);
  });
});

describe("base pro-rated by working days worked", () => {
  // November 2026 in Russia: 4 November is a holiday; 20 working days (Mon 2 … Mon 30, less the 4th).
  const ru = productionCalendar({ country: "RU" });
  it("a full month pays the whole base", () => {
    const base = baseForMonth(ru, 2026, 11, 6_000_000, []);
    expect(base).toEqual({ workingDays: ru.workingDaysInMonth(2026, 11), workedDays: ru.workingDaysInMonth(2026, 11), amountMinor: 6_000_000 });
  });
  it("an absence across a holiday and a weekend counts only the working days inside it", () => {
    const days = ru.workingDaysInMonth(2026, 11);
    // 2–8 November: Mon 2, Tue 3, (Wed 4 holiday), Thu 5, Fri 6, then the weekend → 4 working days away
    const base = baseForMonth(ru, 2026, 11, 6_000_000, [{ startsOn: "2026-11-02", endsOn: "2026-11-08" }]);
    expect(base.workedDays).toBe(days - 4);
    expect(base.amountMinor).toBe(Math.round((6_000_000 * (days - 4)) / days));
  });
  it("overlapping absences count once; a month with no working day pays the base", () => {
    expect(proRatedBase(2100, 21, 0)).toBe(0);
    expect(proRatedBase(2100, 21, 25)).toBe(2100);
    expect(proRatedBase(2100, 0, 0)).toBe(2100);
    const twice = baseForMonth(ru, 2026, 11, 1000, [{ startsOn: "2026-11-09", endsOn: "2026-11-13" }, { startsOn: "2026-11-11", endsOn: "2026-11-13" }]);
    expect(twice.workedDays).toBe(ru.workingDaysInMonth(2026, 11) - 5);
  });
});

describe("conveyor scheme per level (M1.3, M1.4, M1.6)", () => {
  const schemes = conveyorSchemes(10_000_000);
  it("L1 is paid per lead L2 accepted, each line naming its handovers", () => {
    const r = computePayroll(schemes.L1, factsOf(schemes.L1, { acceptedHandovers: [{ id: "h1", companyId: "c1" }, { id: "h2", companyId: "c2" }] }));
    const line = r.lines.find((l) => l.kind === "accepted_leads");
    expect(line?.amountMinor).toBe(2 * 200_000);
    expect(line?.refs.handoverIds).toEqual(["h1", "h2"]);
  });
  it("L1's KPI bonus is weighted and capped at each target", () => {
    const r = computePayroll(schemes.L1, factsOf(schemes.L1, { kpi: { activity_norm: { actual: 300, counts: { calls: 250, meetings: 50 } }, clients_contacted: { actual: 150, counts: { contacted: 30, clients: 20 } } } }));
    const bonus = r.lines.filter((l) => l.kind === "kpi_bonus");
    // pool 2,000,000: activity 2/3 × 50%, contacts 1/3 × 100%
    expect(bonus.map((l) => l.amountMinor)).toEqual([666_667, 666_667]);
    expect(bonus[0]?.refs.activityCounts).toEqual({ calls: 250, meetings: 50 });
  });
  it("L2 earns on first deals only and a payment per first deal after the act", () => {
    const r = computePayroll(schemes.L2, factsOf(schemes.L2, { planMinor: 1_000_000, payments: [pay("first", 1_000_000), pay("repeat", 500_000, { firstDeal: false })], firstDeals: [{ dealId: "d1", companyId: "c1" }] }));
    const variable = r.lines.find((l) => l.kind === "variable");
    expect(variable?.refs.paymentIds).toEqual(["first"]);
    // completion 150% → coefficient 2 (capped) × 5% of 1,000,000
    expect(variable?.amountMinor).toBe(100_000);
    expect(r.lines.find((l) => l.kind === "first_deals")).toMatchObject({ amountMinor: 300_000, refs: { dealIds: ["d1"] } });
  });
  it("L3 earns on repeat money and a retention payment per client who paid again", () => {
    const r = computePayroll(schemes.L3, factsOf(schemes.L3, { payments: [pay("r1", 1_000_000, { firstDeal: false, companyId: "c" }), pay("r2", 1_000_000, { firstDeal: false, companyId: "c" }), pay("f", 1_000_000)] }));
    expect(r.lines.find((l) => l.kind === "variable")?.amountMinor).toBe(40_000);
    expect(r.lines.find((l) => l.kind === "retention")).toMatchObject({ amountMinor: 100_000, figures: { clients: 1 } });
  });
});

describe("clawback on refunds", () => {
  const scheme = departmentPair(defaultPresetParameters).newBusiness;
  it("a refund in the month is a clawback line at the same rate", () => {
    const r = computePayroll(scheme, factsOf(scheme, { payments: [pay("p", 1_000_000), pay("refund", -400_000)] }));
    expect(r.lines.find((l) => l.kind === "clawback")).toMatchObject({ amountMinor: -40_000, refs: { paymentIds: ["refund"] } });
    expect(r.totalMinor).toBe(scheme.baseSalaryMinor + 100_000 - 40_000);
  });
  it("rates and margins per product group", () => {
    const byGroup: PaySchemeDefinition = {
      ...scheme,
      marginPercentByProductGroup: { g1: 40 },
      defaultMarginPercent: 25,
      variable: [{ kind: "percent", basis: "margin", ratePercent: 10, ratesByProductGroup: { g1: 20 }, clientScope: "all", curve: null }],
    };
    const r = computePayroll(byGroup, factsOf(byGroup, { payments: [pay("a", 100_000, { productGroupId: "g1" }), pay("b", 100_000)] }));
    // 100,000 × 40% × 20% + 100,000 × 25% × 10%
    expect(r.lines.find((l) => l.kind === "variable")?.amountMinor).toBe(8_000 + 2_500);
    expect(grossProfitOf([pay("a", 100_000, { productGroupId: "g1" }), pay("b", 100_000)], byGroup)).toBe(65_000);
  });
  it("a refund after the month closed is clawed back at the frozen month's coefficient", () => {
    const l2 = conveyorSchemes(10_000_000).L2;
    // the closed month: 1,500,000 of 1,000,000 → 150% → coefficient 2
    const line = lateRefundClawback(l2, pay("late", -200_000, { paidOn: "2026-10-20" }), { monthStart: "2026-10-01", factMinor: 1_500_000, planMinor: 1_000_000 });
    expect(line).toMatchObject({ kind: "late_clawback", amountMinor: -20_000, refs: { paymentIds: ["late"] }, figures: { closedMonth: "2026-10-01" } });
  });
  it("on an on-target scheme the clawback is what the refund takes off the curve", () => {
    const half = halfAndHalfScheme(10_000_000);
    const line = lateRefundClawback(half, pay("late", -500_000), { monthStart: "2026-10-01", factMinor: 3_000_000, planMinor: 1_000_000 });
    // 300% → 250%: 5,000,000 × (2.5 − 3)
    expect(line?.amountMinor).toBe(-2_500_000);
    expect(lateRefundClawback({ ...half, clawbackOnRefunds: false }, pay("late", -500_000), { monthStart: "2026-10-01", factMinor: 1, planMinor: 1 })).toBeNull();
  });
  it("lands in the first month that was open when the refund was entered", () => {
    const next = (m: string) => {
      const [y, mo] = m.split("-").map(Number) as [number, number];
      return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, "0")}-01`;
    };
    const closed = new Map([
      ["2026-10-01", new Date("2026-11-03T10:00:00Z")],
      ["2026-11-01", new Date("2026-12-02T10:00:00Z")],
    ]);
    expect(landingMonthOfRefund("2026-10-01", new Date("2026-11-20T00:00:00Z"), closed, next)).toBe("2026-11-01");
    expect(landingMonthOfRefund("2026-10-01", new Date("2026-12-05T00:00:00Z"), closed, next)).toBe("2026-12-01");
    expect(landingMonthOfRefund("2026-12-01", new Date("2027-01-05T00:00:00Z"), closed, next)).toBe("2027-01-01");
  });
});

describe("adjustments, what-if, assignment, versions", () => {
  const scheme = departmentPair(defaultPresetParameters).newBusiness;
  it("a manual adjustment is a line with its reason", () => {
    const r = computePayroll(scheme, factsOf(scheme, { adjustments: [{ id: "adj", amountMinor: -5_000, reason: "Late report" }] }));
    expect(r.lines.at(-1)).toMatchObject({ kind: "adjustment", amountMinor: -5_000, figures: { reason: "Late report" }, refs: { adjustmentIds: ["adj"] } });
  });
  it("what-if: two more deals add their percentage", () => {
    const facts = factsOf(scheme, { payments: [pay("p", 1_000_000)] });
    const w = whatIfPayroll(scheme, facts, [
      { dealId: "open-1", companyId: "c1", amountMinor: 500_000, productGroupId: null, firstDeal: true },
      { dealId: null, companyId: null, amountMinor: 300_000, productGroupId: null, firstDeal: true },
    ], "2026-11-30");
    expect(w.differenceMinor).toBe(80_000);
    expect(w.hypothetical.lines.find((l) => l.kind === "variable")?.refs.dealIds).toContain("open-1");
  });
  it("a person's scheme wins over their job, department and level", () => {
    const seller = { userId: "u", salesRole: "tele_sales", departmentKind: "new_business", level: "L1" };
    const all = [
      { schemeId: "level", targetKind: "level" as const, targetValue: "L1" },
      { schemeId: "dept", targetKind: "department_kind" as const, targetValue: "new_business" },
      { schemeId: "role", targetKind: "sales_role" as const, targetValue: "tele_sales" },
      { schemeId: "person", targetKind: "person" as const, targetValue: "u" },
    ];
    expect(schemeFor(seller, all)).toBe("person");
    expect(schemeFor(seller, all.slice(0, 3))).toBe("role");
    expect(schemeFor(seller, all.slice(0, 2))).toBe("dept");
    expect(schemeFor(seller, all.slice(0, 1))).toBe("level");
    expect(schemeFor({ ...seller, level: "L2" }, all.slice(0, 1))).toBeUndefined();
  });
  it("the version in force on the month's first day", () => {
    const v = [
      { version: 1, effectiveFrom: "2026-01-01" },
      { version: 2, effectiveFrom: "2026-11-01" },
      { version: 3, effectiveFrom: "2027-01-01" },
    ];
    expect(versionInForce(v, "2026-10-01")?.version).toBe(1);
    expect(versionInForce(v, "2026-11-01")?.version).toBe(2);
    expect(versionInForce(v, "2026-12-01")?.version).toBe(2);
    expect(versionInForce(v, "2025-12-01")).toBeUndefined();
  });
  it("every preset is a sound scheme", () => {
    for (const preset of payPresets()) for (const s of preset.schemes) expect(schemeProblems(s.definition)).toEqual([]);
  });
});

describe("payroll share of gross profit, contests", () => {
  it("warns above the owner's share", () => {
    expect(payrollShareCheck(300, 1000, 30)).toMatchObject({ limitMinor: 300, exceeded: false, sharePercent: 30 });
    expect(payrollShareCheck(301, 1000, 30).exceeded).toBe(true);
    expect(payrollShareCheck(10_000, 0, null).exceeded).toBe(false);
  });
  it("M5.10 ranks with shared places and unranked sellers last", () => {
    const ranked = rankLeaderboard([
      { id: "a", value: 5 },
      { id: "b", value: null },
      { id: "c", value: 9 },
      { id: "d", value: 5 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([["c", 1], ["a", 2], ["d", 2], ["b", null]]);
    const f = { revenueMinor: 10, newClients: 2, meetings: 3, dealsWon: 1, dealsLost: 3 };
    expect([contestValue("revenue", f), contestValue("new_clients", f), contestValue("meetings", f), contestValue("conversion", f)]).toEqual([10, 2, 3, 25]);
    expect(contestValue("conversion", { ...f, dealsWon: 0, dealsLost: 0 })).toBeNull();
  });
});
