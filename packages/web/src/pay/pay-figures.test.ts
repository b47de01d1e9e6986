import { describe, expect, it } from "vitest";
import type { PayrollLine } from "@conveyor/contracts";
import { i18next, initI18n } from "../i18n/i18n";
import { currentMonthKey, lineDetail, lineHasSources, shiftMonth } from "./pay-figures";

const refs = { paymentIds: [], dealIds: [], companyIds: [], handoverIds: [], absenceIds: [], adjustmentIds: [], activityCounts: {} };

describe("pay months", () => {
  it.each([
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-11", 0, "2026-11"],
    ["2026-03", -14, "2025-01"],
  ])("%s moved by %i → %s", (key, delta, expected) => expect(shiftMonth(key, delta)).toBe(expected));
  it("reads the month in the organization's time zone", () => {
    expect(currentMonthKey(new Date("2026-11-30T22:30:00Z"), "Europe/Moscow")).toBe("2026-12");
    expect(currentMonthKey(new Date("2026-11-30T22:30:00Z"), "UTC")).toBe("2026-11");
  });
});

describe("line details", () => {
  it("names the figures of each kind", async () => {
    await initI18n("en");
    const t = i18next.t;
    const base: PayrollLine = { kind: "base", amountMinor: 1, figures: { workedDays: 16, workingDays: 20 }, refs };
    expect(lineDetail(t, "en", base, "RUB")).toBe("16 of 20 working days");
    const onTarget: PayrollLine = { kind: "variable", amountMinor: 1, figures: { onTargetMinor: 500, coefficient: 3 }, refs };
    expect(lineDetail(t, "en", onTarget, "RUB").replace(/\s/g, " ")).toBe("on-target RUB 5.00 × 3");
    const kpi: PayrollLine = { kind: "kpi_bonus", amountMinor: 1, figures: { metric: "activity_norm", actual: 300, target: 600, weight: 2 }, refs };
    expect(lineDetail(t, "en", kpi, "RUB")).toBe("Calls and meetings: 300 of target 600, weight 2");
    const adjustment: PayrollLine = { kind: "adjustment", amountMinor: -5, figures: { reason: "Late report" }, refs };
    expect(lineDetail(t, "en", adjustment, "RUB")).toBe("Late report");
    expect(lineHasSources(adjustment)).toBe(false);
    expect(lineHasSources({ ...adjustment, refs: { ...refs, paymentIds: ["p"] } })).toBe(true);
  });
  it("names the closed period of late money in the organization's pay calendar", async () => {
    await initI18n("en");
    const t = i18next.t;
    const late: PayrollLine = { kind: "late_payment", amountMinor: 1, figures: { closedMonth: "2026-11-01" }, refs };
    expect(lineDetail(t, "en", late, "RUB")).toBe("paid for November 2026 after it was closed");
    const esfand: PayrollLine = { kind: "late_clawback", amountMinor: -1, figures: { closedMonth: "2027-02-20" }, refs };
    expect(lineDetail(t, "en", esfand, "RUB", "jalali_month")).toContain("1405");
  });
});
