import type { HandoverRule, HandoverRuleKind, HandoverRuleParams } from "@conveyor/contracts";
import { fromMinorUnits, toMinorUnits } from "../i18n/money";

/**
 * What the rule form holds while a head of sales types: every kind's parameters at once, so switching
 * the kind back and forth keeps what was typed. Numbers stay as typed ("" while empty).
 */
export type RuleDraft = {
  name: string;
  kind: HandoverRuleKind;
  stageId: string | null;
  count: number | string;
  amount: number | string;
  currency: string;
  months: number | string;
  productIds: string[];
  productGroupIds: string[];
};

/** M4.1's examples as the defaults: after the 2nd order, a 3-month minimum. */
export const emptyRuleDraft = (currency: string): RuleDraft => ({
  name: "",
  kind: "hot",
  stageId: null,
  count: 2,
  amount: "",
  currency,
  months: 3,
  productIds: [],
  productGroupIds: [],
});

export const draftFromRule = (rule: HandoverRule, defaultCurrency: string): RuleDraft => {
  const draft: RuleDraft = { ...emptyRuleDraft(defaultCurrency), name: rule.name, kind: rule.rule.kind };
  const params = rule.rule;
  switch (params.kind) {
    case "hot":
    case "acceptance_act":
      return draft;
    case "stage":
      return { ...draft, stageId: params.stageId };
    case "orders":
      return { ...draft, count: params.count };
    case "volume":
      return { ...draft, amount: fromMinorUnits(params.amountMinor, params.currency), currency: params.currency };
    case "product":
      return { ...draft, productIds: params.productIds, productGroupIds: params.productGroupIds };
    case "monthly_minimum":
      return {
        ...draft,
        months: params.months,
        amount: fromMinorUnits(params.amountMinor, params.currency),
        currency: params.currency,
      };
  }
};

/** A whole number within [min, max], or null for empty, fractional or out-of-range input. */
const wholeIn = (value: number | string, min: number, max: number): number | null => {
  if (value === "") return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
};

/** A typed amount in minor units; null when empty or negative (zero is a valid, if odd, threshold). */
const amountMinor = (value: number | string, currency: string): number | null => {
  if (value === "") return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) && number >= 0 ? toMinorUnits(number, currency) : null;
};

/**
 * The rule's parameters as the API takes them, or null while they are incomplete (no stage picked,
 * no amount, nothing to buy): the form then neither previews nor saves.
 */
export const draftToParams = (draft: RuleDraft): HandoverRuleParams | null => {
  switch (draft.kind) {
    case "hot":
      return { kind: "hot" };
    case "acceptance_act":
      return { kind: "acceptance_act" };
    case "stage":
      return draft.stageId ? { kind: "stage", stageId: draft.stageId } : null;
    case "orders": {
      const count = wholeIn(draft.count, 1, 1000);
      return count === null ? null : { kind: "orders", count };
    }
    case "volume": {
      const minor = amountMinor(draft.amount, draft.currency);
      return minor === null ? null : { kind: "volume", amountMinor: minor, currency: draft.currency };
    }
    case "product":
      return draft.productIds.length + draft.productGroupIds.length === 0
        ? null
        : { kind: "product", productIds: draft.productIds, productGroupIds: draft.productGroupIds };
    case "monthly_minimum": {
      const months = wholeIn(draft.months, 1, 24);
      const minor = amountMinor(draft.amount, draft.currency);
      return months === null || minor === null ? null : { kind: "monthly_minimum", months, amountMinor: minor, currency: draft.currency };
    }
  }
};

/** Identifies parameters, so the form knows whether its preview still shows the rule as it is now. */
export const paramsKey = (params: HandoverRuleParams | null): string => (params === null ? "" : JSON.stringify(params));
