import type { TFunction } from "i18next";
import { temperatures, type Locale, type RoutingRule } from "@conveyor/contracts";
import { intlLocale } from "../i18n/intl";
import { formatMoney } from "../i18n/money";

/** What the words of a routing rule need besides the rule: the organization's currency and names for the ids it carries. */
export type RoutingNames = {
  locale: Locale;
  currency: string;
  /** undefined for a product, group or source that no longer exists. */
  product: (productId: string) => string | undefined;
  productGroup: (groupId: string) => string | undefined;
  source: (sourceId: string) => string | undefined;
};

export type RuleForWords = Pick<RoutingRule, "conditions" | "targetTeam" | "targetUsers">;

/** "A, B or C" (or "A, B and C") in the reader's language; engines without ListFormat get commas. */
const listOf = (locale: Locale, items: readonly string[], type: "conjunction" | "disjunction"): string => {
  try {
    return new Intl.ListFormat(intlLocale(locale), { type }).format(items);
  } catch {
    return items.join(", ");
  }
};

const present = (values: readonly string[] | undefined): string[] => (values ?? []).map((value) => value.trim()).filter(Boolean);

/**
 * The conditions of a rule as phrases in the method's words (M5.5: channel, audience, product, territory,
 * warmth, amount, source), in a fixed order whatever order they were picked in. An empty list is "any" and says nothing.
 */
export const describeConditions = (t: TFunction, conditions: RoutingRule["conditions"], names: RoutingNames): string[] => {
  const phrases: string[] = [];
  const quoted = (value: string) => t("leadRouting.words.quoted", { value });
  const any = (items: readonly string[]) => listOf(names.locale, items, "disjunction");

  const channels = present(conditions.channels);
  if (channels.length > 0) phrases.push(t("leadRouting.words.channel", { count: channels.length, list: any(channels) }));

  const audiences = present(conditions.audiences);
  if (audiences.length > 0) phrases.push(t("leadRouting.words.audience", { count: audiences.length, list: any(audiences) }));

  const regions = present(conditions.regions);
  if (regions.length > 0) phrases.push(t("leadRouting.words.region", { count: regions.length, list: any(regions) }));

  const productItems = [
    ...(conditions.productIds ?? []).map((id) => t("leadRouting.words.product", { name: names.product(id) ?? t("leadRouting.words.unknownProduct") })),
    ...(conditions.productGroupIds ?? []).map((id) =>
      t("leadRouting.words.productGroup", { name: names.productGroup(id) ?? t("leadRouting.words.unknownGroup") }),
    ),
  ];
  if (productItems.length > 0) phrases.push(t("leadRouting.words.products", { list: any(productItems) }));

  const sources = (conditions.sourceIds ?? []).map((id) => quoted(names.source(id) ?? t("leadRouting.words.unknownSource")));
  if (sources.length > 0) phrases.push(t("leadRouting.words.source", { count: sources.length, list: any(sources) }));

  // All three temperatures is no condition at all.
  const warmth = temperatures.filter((temperature) => conditions.temperatures?.includes(temperature));
  if (warmth.length > 0 && warmth.length < temperatures.length) {
    phrases.push(any(warmth.map((temperature) => t(`leadRouting.words.temperatures.${temperature}`))));
  }

  const min = conditions.minAmountMinor ?? null;
  const max = conditions.maxAmountMinor ?? null;
  const money = (minor: number) => formatMoney(names.locale, minor, names.currency);
  if (min !== null && max !== null) phrases.push(t("leadRouting.words.amountBetween", { min: money(min), max: money(max) }));
  else if (min !== null) phrases.push(t("leadRouting.words.amountFrom", { min: money(min) }));
  else if (max !== null) phrases.push(t("leadRouting.words.amountUpTo", { max: money(max) }));

  return phrases;
};

/** Who receives: "team Moscow L1", "sellers Anna and Boris", then the skills they must hold. */
export const describeTarget = (t: TFunction, rule: RuleForWords, names: RoutingNames): string => {
  const receivers: string[] = [];
  if (rule.targetTeam) receivers.push(t("leadRouting.words.team", { name: rule.targetTeam.name }));
  if (rule.targetUsers.length > 0) {
    receivers.push(
      t("leadRouting.words.sellers", {
        count: rule.targetUsers.length,
        list: listOf(
          names.locale,
          rule.targetUsers.map((user) => user.name),
          "conjunction",
        ),
      }),
    );
  }
  const target = receivers.length > 0 ? listOf(names.locale, receivers, "conjunction") : t("leadRouting.words.noTarget");
  const skills = present(rule.conditions.skills);
  if (skills.length === 0) return target;
  const skilled = t("leadRouting.words.skilled", {
    count: skills.length,
    list: listOf(
      names.locale,
      skills.map((skill) => t("leadRouting.words.quoted", { value: skill })),
      "conjunction",
    ),
  });
  return `${target}${t("leadRouting.words.separator")}${skilled}`;
};

/**
 * A routing rule as one sentence in the method's words (M5.5): "Leads from channel Website, in region Moscow,
 * warm or hot, worth 500,000 ₽ or more → team Moscow L1, sellers with skill “equipment”".
 */
export const describeRoutingRule = (t: TFunction, rule: RuleForWords, names: RoutingNames): string => {
  const phrases = describeConditions(t, rule.conditions, names);
  const conditions =
    phrases.length === 0 ? t("leadRouting.words.everyLead") : t("leadRouting.words.leads", { conditions: phrases.join(t("leadRouting.words.separator")) });
  return t("leadRouting.words.sentence", { conditions, target: describeTarget(t, rule, names) });
};
