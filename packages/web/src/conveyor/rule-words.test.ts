import { describe, expect, it } from "vitest";
import type { HandoverRuleParams } from "@conveyor/contracts";
import { i18next, initI18n } from "../i18n/i18n";
import { describeRule, ruleLevels, type RuleNames } from "./rule-words";

const stageId = "00000000-0000-4000-8000-000000000001";
const latheId = "00000000-0000-4000-8000-000000000002";
const machinesId = "00000000-0000-4000-8000-000000000003";
const goneId = "00000000-0000-4000-8000-000000000009";

const names = (locale: RuleNames["locale"]): RuleNames => ({
  locale,
  stage: (id) => (id === stageId ? "Proposal" : undefined),
  product: (id) => (id === latheId ? "Lathe" : undefined),
  productGroup: (id) => (id === machinesId ? "Machines" : undefined),
});

describe("describeRule", () => {
  it("says each rule kind in English, with names and money", async () => {
    await initI18n("en");
    const t = i18next.t;
    const say = (rule: HandoverRuleParams) => describeRule(t, rule, names("en"));
    expect(say({ kind: "hot" })).toBe("When the client turns hot");
    expect(say({ kind: "stage", stageId })).toBe("When a deal reaches “Proposal” or a later stage");
    expect(say({ kind: "stage", stageId: goneId })).toBe("When a deal reaches “(deleted stage)” or a later stage");
    expect(say({ kind: "acceptance_act" })).toBe("When the acceptance act of the client's first deal is signed");
    expect(say({ kind: "orders", count: 1 })).toBe("After 1 order of the client");
    expect(say({ kind: "orders", count: 3 })).toBe("After 3 orders of the client");
    expect(say({ kind: "volume", amountMinor: 1_000_000_00, currency: "USD" })).toBe("When the client's purchases reach US$1,000,000.00");
    expect(say({ kind: "product", productIds: [latheId, goneId], productGroupIds: [machinesId] })).toBe(
      "When the client buys Lathe, a product that no longer exists or anything of the group “Machines”",
    );
    expect(say({ kind: "product", productIds: [], productGroupIds: [] })).toBe("When the client buys a product (none chosen)");
    expect(say({ kind: "monthly_minimum", months: 3, amountMinor: 50_000_00, currency: "USD" })).toBe(
      "When the client buys at least US$50,000.00 a month for 3 months in a row",
    );
  });

  it("uses Russian plural forms and the reader's digits", async () => {
    await initI18n("ru");
    const t = i18next.t;
    expect(describeRule(t, { kind: "orders", count: 2 }, names("ru"))).toBe("После 2-го заказа клиента");
    expect(describeRule(t, { kind: "monthly_minimum", months: 5, amountMinor: 100_000_00, currency: "RUB" }, names("ru"))).toMatch(
      /^Когда клиент покупает не меньше чем на 100\s000,00\s₽ в месяц 5 месяцев подряд$/,
    );
    await initI18n("fa");
    expect(describeRule(i18next.t, { kind: "orders", count: 2 }, names("fa"))).toBe("پس از ۲ سفارش مشتری");
  });
});

describe("ruleLevels", () => {
  it("moves hot and stage rules L1 → L2 and the rest L2 → L3 (M1.4, M4.1)", () => {
    expect(ruleLevels("hot")).toEqual({ from: "L1", to: "L2" });
    expect(ruleLevels("stage")).toEqual({ from: "L1", to: "L2" });
    for (const kind of ["acceptance_act", "orders", "volume", "product", "monthly_minimum"] as const) {
      expect(ruleLevels(kind)).toEqual({ from: "L2", to: "L3" });
    }
  });
});
