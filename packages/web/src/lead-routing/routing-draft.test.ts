import { describe, expect, it } from "vitest";
import type { RoutingRule } from "@conveyor/contracts";
import { cleanTags, draftFromRoutingRule, draftToSave, emptyRoutingDraft, emptyTrialDraft, moveId, parseAmount, trialInput, type RoutingRuleDraft } from "./routing-draft";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const draft = (patch: Partial<RoutingRuleDraft>): RoutingRuleDraft => ({ ...emptyRoutingDraft(), name: "Moscow", targetTeamId: id(1), ...patch });

describe("parseAmount", () => {
  it.each([
    ["", "RUB", { ok: true, minor: null }],
    ["1 500 000,50", "RUB", { ok: true, minor: 150_000_050 }],
    [1_500_000.5, "RUB", { ok: true, minor: 150_000_050 }],
    ["0.29", "RUB", { ok: true, minor: 29 }],
    ["۵۰۰٬۰۰۰", "IRR", { ok: true, minor: 500_000 }],
    ["1.005", "RUB", { ok: false }],
    ["-5", "RUB", { ok: false }],
    ["abc", "RUB", { ok: false }],
    ["1.5", "IRR", { ok: false }],
  ] as const)("%s %s", (value, currency, expected) => {
    expect(parseAmount(value, currency)).toEqual(expected);
  });
});

describe("draftToSave", () => {
  it("leaves empty conditions out and keeps the team", () => {
    const result = draftToSave(draft({ channels: [" Website ", "website", ""] }), "RUB");
    expect(result).toEqual({
      ok: true,
      rule: {
        name: "Moscow",
        enabled: true,
        conditions: {
          channels: ["Website"],
          audiences: undefined,
          regions: undefined,
          productIds: undefined,
          productGroupIds: undefined,
          sourceIds: undefined,
          temperatures: undefined,
          minAmountMinor: null,
          maxAmountMinor: null,
          skills: undefined,
        },
        targetTeamId: id(1),
        targetUserIds: [],
      },
    });
  });

  it("sends sellers instead of the team when the target is sellers, each once", () => {
    const result = draftToSave(draft({ target: "sellers", targetUserIds: [id(2), id(3), id(2)] }), "RUB");
    expect(result.ok && result.rule.targetTeamId).toBeNull();
    expect(result.ok && result.rule.targetUserIds).toEqual([id(2), id(3)]);
  });

  it("puts temperatures in canonical order and drops all three", () => {
    const some = draftToSave(draft({ temperatures: ["hot", "warm"] }), "RUB");
    expect(some.ok && some.rule.conditions.temperatures).toEqual(["warm", "hot"]);
    const all = draftToSave(draft({ temperatures: ["hot", "cold", "warm"] }), "RUB");
    expect(all.ok && all.rule.conditions.temperatures).toBeUndefined();
  });

  it("converts the amounts to minor units", () => {
    const result = draftToSave(draft({ minAmount: "500 000", maxAmount: 1_000_000 }), "RUB");
    expect(result.ok && [result.rule.conditions.minAmountMinor, result.rule.conditions.maxAmountMinor]).toEqual([50_000_000, 100_000_000]);
  });

  it("names every problem at once", () => {
    expect(draftToSave(draft({ name: " ", minAmount: "x", targetTeamId: null }), "RUB")).toEqual({ ok: false, problems: ["name", "minAmount", "target"] });
    expect(draftToSave(draft({ minAmount: 10, maxAmount: 5 }), "RUB")).toEqual({ ok: false, problems: ["amountOrder"] });
    expect(draftToSave(draft({ target: "sellers", targetUserIds: [] }), "RUB")).toEqual({ ok: false, problems: ["target"] });
  });

  it("reads a stored rule back into the same body", () => {
    const rule: RoutingRule = {
      id: id(9),
      name: "Big",
      enabled: false,
      position: 0,
      conditions: { regions: ["Moscow"], minAmountMinor: 50_000_000, skills: ["equipment"] },
      targetTeam: null,
      targetUsers: [{ id: id(2), name: "Anna" }],
    };
    const back = draftToSave(draftFromRoutingRule(rule, "RUB"), "RUB");
    expect(back.ok && back.rule).toMatchObject({
      name: "Big",
      enabled: false,
      conditions: { regions: ["Moscow"], minAmountMinor: 50_000_000, maxAmountMinor: null, skills: ["equipment"] },
      targetTeamId: null,
      targetUserIds: [id(2)],
    });
  });
});

describe("cleanTags and moveId", () => {
  it("trims, drops blanks and case-insensitive repeats", () => {
    expect(cleanTags([" a", "A", "", "b "])).toEqual(["a", "b"]);
  });

  it("moves one id and ignores moves out of range", () => {
    expect(moveId(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveId(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveId(["a", "b"], 0, 5)).toEqual(["a", "b"]);
  });
});

describe("trialInput", () => {
  it("sends only the facts given", () => {
    expect(trialInput({ ...emptyTrialDraft(), channel: " Website ", temperature: "hot", amount: "1 000" }, "RUB")).toEqual({
      ok: true,
      input: { channel: "Website", temperature: "hot", amountMinor: 100_000 },
    });
    expect(trialInput(emptyTrialDraft(), "RUB")).toEqual({ ok: true, input: {} });
  });

  it("refuses an amount it cannot read", () => {
    expect(trialInput({ ...emptyTrialDraft(), amount: "lots" }, "RUB")).toEqual({ ok: false, problem: "amount" });
  });
});
