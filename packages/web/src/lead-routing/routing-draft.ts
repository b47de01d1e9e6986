import { currencyDigits, temperatures, type RouteTrialInput, type RoutingRule, type SaveRoutingRule, type Temperature } from "@conveyor/contracts";
import { fromMinorUnits } from "../i18n/money";

/** Who a rule's leads go to: a team (its members by weighted round-robin) or sellers picked by name. */
export type RuleTarget = "team" | "sellers";

/**
 * What the routing rule form holds while a head of sales types. Amounts stay as typed (the money input gives
 * a number, or a string while half typed); both targets are kept so switching between them loses nothing.
 */
export type RoutingRuleDraft = {
  name: string;
  enabled: boolean;
  channels: string[];
  audiences: string[];
  regions: string[];
  productIds: string[];
  productGroupIds: string[];
  sourceIds: string[];
  temperatures: Temperature[];
  minAmount: number | string;
  maxAmount: number | string;
  skills: string[];
  target: RuleTarget;
  targetTeamId: string | null;
  targetUserIds: string[];
};

export const emptyRoutingDraft = (): RoutingRuleDraft => ({
  name: "",
  enabled: true,
  channels: [],
  audiences: [],
  regions: [],
  productIds: [],
  productGroupIds: [],
  sourceIds: [],
  temperatures: [],
  minAmount: "",
  maxAmount: "",
  skills: [],
  target: "team",
  targetTeamId: null,
  targetUserIds: [],
});

const amountText = (minor: number | null | undefined, currency: string): number | string =>
  minor === null || minor === undefined ? "" : fromMinorUnits(minor, currency);

export const draftFromRoutingRule = (rule: RoutingRule, currency: string): RoutingRuleDraft => {
  const c = rule.conditions;
  return {
    name: rule.name,
    enabled: rule.enabled,
    channels: c.channels ?? [],
    audiences: c.audiences ?? [],
    regions: c.regions ?? [],
    productIds: c.productIds ?? [],
    productGroupIds: c.productGroupIds ?? [],
    sourceIds: c.sourceIds ?? [],
    temperatures: c.temperatures ?? [],
    minAmount: amountText(c.minAmountMinor, currency),
    maxAmount: amountText(c.maxAmountMinor, currency),
    skills: c.skills ?? [],
    target: rule.targetTeam === null && rule.targetUsers.length > 0 ? "sellers" : "team",
    targetTeamId: rule.targetTeam?.id ?? null,
    targetUserIds: rule.targetUsers.map((user) => user.id),
  };
};

/** Persian and Arabic-Indic digits as ASCII, so "۵۰۰٬۰۰۰" typed on a Persian keyboard reads as 500000. */
const asciiDigits = (text: string): string =>
  text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => String((digit.codePointAt(0) ?? 0) % 16));

export type ParsedAmount = { ok: true; minor: number | null } | { ok: false };

/**
 * A typed amount of `currency` in minor units: "" is no bound, "1 500 000,50" or 1500000.5 RUB is 150000050,
 * "۵۰۰٬۰۰۰" IRR is 500000. Negative, non-numeric, over-precise ("1.005" RUB) or unsafe amounts are refused.
 */
export const parseAmount = (value: number | string, currency: string): ParsedAmount => {
  const digits = currencyDigits(currency);
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false };
    text = String(value);
  } else {
    text = asciiDigits(value)
      .replace(/[\s\u00A0\u202F\u066C]/g, "")
      .replace(/[\u066B,]/g, ".");
    if (text === "") return { ok: true, minor: null };
  }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false };
  const whole = match[1] ?? "";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return { ok: false };
  // Built from the digits, not by multiplying a float: 0.29 × 100 is 28.999…
  const minor = Number(`${whole}${fraction.padEnd(digits, "0")}`);
  return Number.isSafeInteger(minor) ? { ok: true, minor } : { ok: false };
};

/** Trimmed, without blanks, each once (case-insensitively: routing compares them so). */
export const cleanTags = (values: readonly string[]): string[] => {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    const key = value.toLowerCase();
    if (value === "" || seen.has(key)) continue;
    seen.add(key);
    result.push(value);
  }
  return result;
};

export type DraftProblem = "name" | "minAmount" | "maxAmount" | "amountOrder" | "target";

export type DraftResult = { ok: true; rule: SaveRoutingRule } | { ok: false; problems: DraftProblem[] };

/** A list condition only when something is in it: an empty list means "any" and is left out. */
const nonEmpty = <T>(values: readonly T[]): T[] | undefined => (values.length > 0 ? [...new Set(values)] : undefined);

/**
 * The rule as `POST /routing-rules` and `PATCH /routing-rules/:id` take it, or what is missing: a name, valid
 * amounts (minimum not above maximum), and somewhere to send the leads — the chosen team, or at least one seller.
 */
export const draftToSave = (draft: RoutingRuleDraft, currency: string): DraftResult => {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim();
  if (name === "") problems.push("name");
  const min = parseAmount(draft.minAmount, currency);
  const max = parseAmount(draft.maxAmount, currency);
  if (!min.ok) problems.push("minAmount");
  if (!max.ok) problems.push("maxAmount");
  if (min.ok && max.ok && min.minor !== null && max.minor !== null && min.minor > max.minor) problems.push("amountOrder");
  const toTeam = draft.target === "team";
  if (toTeam ? draft.targetTeamId === null : draft.targetUserIds.length === 0) problems.push("target");
  if (problems.length > 0 || !min.ok || !max.ok) return { ok: false, problems };

  return {
    ok: true,
    rule: {
      name,
      enabled: draft.enabled,
      conditions: {
        channels: nonEmpty(cleanTags(draft.channels)),
        audiences: nonEmpty(cleanTags(draft.audiences)),
        regions: nonEmpty(cleanTags(draft.regions)),
        productIds: nonEmpty(draft.productIds),
        productGroupIds: nonEmpty(draft.productGroupIds),
        sourceIds: nonEmpty(draft.sourceIds),
        // All three temperatures is no condition; canonical order keeps the sentence and the saved rule stable.
        temperatures: draft.temperatures.length === temperatures.length ? undefined : nonEmpty(temperatures.filter((temperature) => draft.temperatures.includes(temperature))),
        minAmountMinor: min.minor,
        maxAmountMinor: max.minor,
        skills: nonEmpty(cleanTags(draft.skills)),
      },
      targetTeamId: toTeam ? draft.targetTeamId : null,
      targetUserIds: toTeam ? [] : [...new Set(draft.targetUserIds)],
    },
  };
};

/** The rules' ids with the one at `from` moved to `to` (drag and drop, or a step up or down); out of range changes nothing. */
export const moveId = (ids: readonly string[], from: number, to: number): string[] => {
  const result = [...ids];
  if (from < 0 || from >= ids.length || to < 0 || to >= ids.length || from === to) return result;
  const [moved] = result.splice(from, 1);
  if (moved !== undefined) result.splice(to, 0, moved);
  return result;
};

/** The tester's imagined lead as typed: blanks are facts the lead does not carry. */
export type TrialDraft = {
  channel: string;
  audience: string;
  region: string;
  productId: string | null;
  sourceId: string | null;
  temperature: Temperature | null;
  amount: number | string;
};

export const emptyTrialDraft = (): TrialDraft => ({ channel: "", audience: "", region: "", productId: null, sourceId: null, temperature: null, amount: "" });

/** The facts as `POST /routing-rules/try` takes them (blanks left out), or "amount" when the amount cannot be read. */
export const trialInput = (draft: TrialDraft, currency: string): { ok: true; input: RouteTrialInput } | { ok: false; problem: "amount" } => {
  const amount = parseAmount(draft.amount, currency);
  if (!amount.ok) return { ok: false, problem: "amount" };
  const input: RouteTrialInput = {};
  const channel = draft.channel.trim();
  const audience = draft.audience.trim();
  const region = draft.region.trim();
  if (channel) input.channel = channel;
  if (audience) input.audience = audience;
  if (region) input.region = region;
  if (draft.productId) input.productId = draft.productId;
  if (draft.sourceId) input.sourceId = draft.sourceId;
  if (draft.temperature) input.temperature = draft.temperature;
  if (amount.minor !== null) input.amountMinor = amount.minor;
  return { ok: true, input };
};
