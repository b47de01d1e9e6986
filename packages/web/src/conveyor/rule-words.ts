import type { TFunction } from "i18next";
import type { HandoverRuleKind, HandoverRuleParams, Level, Locale } from "@conveyor/contracts";
import { intlLocale } from "../i18n/intl";
import { formatMoney } from "../i18n/money";

/**
 * The levels a rule moves a client between. M1.4: hot and stage rules hand a lead from attraction to
 * the first deal (L1 → L2); the acceptance act and the hunter → farmer criteria of M4.1 hand it to L3.
 */
export const ruleLevels = (kind: HandoverRuleKind): { from: Level; to: Level } => {
  switch (kind) {
    case "hot":
    case "stage":
      return { from: "L1", to: "L2" };
    case "acceptance_act":
    case "orders":
    case "volume":
    case "product":
    case "monthly_minimum":
      return { from: "L2", to: "L3" };
  }
};

/** What the words of a rule need besides the rule: names for the ids it carries. */
export type RuleNames = {
  locale: Locale;
  /** A stage's name ("Proposal · Main pipeline"); undefined for a stage that no longer exists. */
  stage: (stageId: string) => string | undefined;
  product: (productId: string) => string | undefined;
  productGroup: (groupId: string) => string | undefined;
};

/** "A, B or C" in the reader's language; engines without ListFormat get commas. */
const anyOf = (locale: Locale, items: readonly string[]): string => {
  try {
    return new Intl.ListFormat(intlLocale(locale), { type: "disjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
};

/**
 * The rule in the words of the method (M1.4, M4.1): "When a deal reaches “Proposal” or a later stage",
 * "After 2 orders". Names come from `names`; a stage or product deleted since reads as such.
 */
export const describeRule = (t: TFunction, rule: HandoverRuleParams, names: RuleNames): string => {
  switch (rule.kind) {
    case "hot":
      return t("handoverRules.words.hot");
    case "stage":
      return t("handoverRules.words.stage", { stage: names.stage(rule.stageId) ?? t("handoverRules.words.unknownStage") });
    case "acceptance_act":
      return t("handoverRules.words.acceptance_act");
    case "orders":
      return t("handoverRules.words.orders", { count: rule.count });
    case "volume":
      return t("handoverRules.words.volume", { amount: formatMoney(names.locale, rule.amountMinor, rule.currency) });
    case "product": {
      const items = [
        ...rule.productIds.map((id) => names.product(id) ?? t("handoverRules.words.unknownProduct")),
        ...rule.productGroupIds.map((id) => t("handoverRules.words.group", { name: names.productGroup(id) ?? t("handoverRules.words.unknownGroup") })),
      ];
      if (items.length === 0) return t("handoverRules.words.productNone");
      return t("handoverRules.words.product", { items: anyOf(names.locale, items) });
    }
    case "monthly_minimum":
      return t("handoverRules.words.monthly_minimum", {
        count: rule.months,
        amount: formatMoney(names.locale, rule.amountMinor, rule.currency),
      });
  }
};
