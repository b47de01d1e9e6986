/** What routing knows about an incoming lead (M5.5). */
export type LeadFacts = {
  channel: string | null;
  audience: string | null;
  productId: string | null;
  productGroupId: string | null;
  region: string | null;
  amountMinor: number | null;
  temperature: "cold" | "warm" | "hot";
  sourceId: string | null;
};

/** A routing rule's conditions. An empty or absent list means "any"; amount bounds are inclusive. */
export type RoutingConditions = {
  channels?: string[];
  audiences?: string[];
  productIds?: string[];
  productGroupIds?: string[];
  regions?: string[];
  temperatures?: Array<"cold" | "warm" | "hot">;
  sourceIds?: string[];
  minAmountMinor?: number | null;
  maxAmountMinor?: number | null;
  /** Not a condition on the lead: only sellers holding every one of these may take it. */
  skills?: string[];
};

/** Typed by people in forms and imports: "Moscow ", "moscow" and "MOSCOW" are one region. */
const normalized = (value: string): string => value.trim().toLowerCase();

const listAllows = <T>(allowed: readonly T[] | undefined, value: T | null): boolean =>
  allowed === undefined || allowed.length === 0 || (value !== null && allowed.includes(value));

const textListAllows = (allowed: readonly string[] | undefined, value: string | null): boolean =>
  listAllows(allowed?.map(normalized), value === null ? null : normalized(value));

const amountAllows = (conditions: RoutingConditions, amountMinor: number | null): boolean => {
  const min = conditions.minAmountMinor ?? null;
  const max = conditions.maxAmountMinor ?? null;
  if (min === null && max === null) return true;
  if (amountMinor === null) return false;
  return (min === null || amountMinor >= min) && (max === null || amountMinor <= max);
};

/**
 * M5.5: whether a lead meets a rule's conditions — channel, audience, product, territory, warmth, source and
 * amount. Channel, audience and region compare trimmed and case-insensitively; a lead with no amount fails a rule
 * bounded by amount. Skills are not read here: they filter sellers (see `skipReason`).
 */
export const leadMatchesRule = (lead: LeadFacts, conditions: RoutingConditions): boolean =>
  textListAllows(conditions.channels, lead.channel) &&
  textListAllows(conditions.audiences, lead.audience) &&
  textListAllows(conditions.regions, lead.region) &&
  listAllows(conditions.productIds, lead.productId) &&
  listAllows(conditions.productGroupIds, lead.productGroupId) &&
  listAllows(conditions.temperatures, lead.temperature) &&
  listAllows(conditions.sourceIds, lead.sourceId) &&
  amountAllows(conditions, lead.amountMinor);

/** A rule of distribution: leads meeting the conditions go to the target team or sellers (M5.5). */
export type RoutingRule = {
  id: string;
  position: number;
  enabled: boolean;
  conditions: RoutingConditions;
  target: { teamId: string | null; userIds: string[] };
};

/** Code-unit order, not locale order: the same ids must decide the same way on every server. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * M5.5: the rule that routes a lead — the first enabled rule, by position then id, whose conditions the lead
 * meets; null when none does and the default pool takes it.
 */
export const firstMatchingRule = (lead: LeadFacts, rules: readonly RoutingRule[]): RoutingRule | null =>
  rules
    .filter((rule) => rule.enabled)
    .sort((a, b) => a.position - b.position || compareIds(a.id, b.id))
    .find((rule) => leadMatchesRule(lead, rule.conditions)) ?? null;

/** A seller as distribution sees them at the moment a lead arrives (M5.5). */
export type SellerAvailability = {
  userId: string;
  active: boolean;
  paused: boolean;
  /** On vacation / sick leave today (caller decides). */
  absent: boolean;
  /** The caller computes it with isWithinWorkingHours. */
  withinHours: boolean;
  /** Leads assigned and not yet touched. */
  openLeads: number;
  /** null = no cap. */
  leadCap: number | null;
  /** ≥ 1 integer; 0 or less means never picked. */
  weight: number;
  skills: readonly string[];
  /** Leads given to them today (the weighted round-robin counter). */
  assignedToday: number;
  lastAssignedAt: Date | null;
};

export type SkipReason = "inactive" | "paused" | "absent" | "outside_hours" | "at_cap" | "missing_skill" | "zero_weight";

/**
 * M5.5: why a seller does not take the next lead, or null when they may — the first of: inactive, paused, absent,
 * outside working hours, at their cap of untouched leads, missing a skill the rule requires, zero weight. Shown to
 * the head of sales so a lead that went elsewhere can be explained.
 */
export const skipReason = (seller: SellerAvailability, requiredSkills: readonly string[]): SkipReason | null => {
  if (!seller.active) return "inactive";
  if (seller.paused) return "paused";
  if (seller.absent) return "absent";
  if (!seller.withinHours) return "outside_hours";
  if (seller.leadCap !== null && seller.openLeads >= seller.leadCap) return "at_cap";
  if (!requiredSkills.every((skill) => seller.skills.includes(skill))) return "missing_skill";
  if (!(seller.weight > 0)) return "zero_weight";
  return null;
};

/** Earlier is older; never assigned is oldest of all. */
const compareLastAssigned = (a: Date | null, b: Date | null): number => {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a.getTime() - b.getTime();
};

/** assignedToday / weight compared by cross-multiplying, so equal shares tie exactly instead of by float error. */
const byShareThenAge = (a: SellerAvailability, b: SellerAvailability): number =>
  a.assignedToday * b.weight - b.assignedToday * a.weight ||
  compareLastAssigned(a.lastAssignedAt, b.lastAssignedAt) ||
  compareIds(a.userId, b.userId);

const first = <T>(items: readonly T[], compare: (a: T, b: T) => number): T | null => {
  let best: T | null = null;
  for (const item of items) if (best === null || compare(item, best) < 0) best = item;
  return best;
};

/**
 * M5.5 weighted round-robin: among sellers with no skip reason, the smallest assignedToday / weight; ties → oldest
 * lastAssignedAt (null first), then userId ascending (code-unit order). null when nobody is eligible.
 * A seller of weight 2 gets two leads for every one of a seller of weight 1, and each full round of Σweight leads
 * leaves every count exactly proportional; within a round a heavier seller may lag by up to their weight.
 */
export const pickSeller = (sellers: readonly SellerAvailability[], requiredSkills: readonly string[] = []): string | null =>
  first(
    sellers.filter((seller) => skipReason(seller, requiredSkills) === null),
    byShareThenAge,
  )?.userId ?? null;

/** The full decision for a lead, in the method's order, for explaining it to a head of sales. */
export type RouteDecision =
  | { kind: "existing_owner"; userId: string }
  | { kind: "rule"; ruleId: string; userId: string }
  /** The default pool (no rule matched). */
  | { kind: "round_robin"; userId: string }
  | { kind: "on_duty"; userId: string; ruleId: string | null }
  | { kind: "head"; userId: string; ruleId: string | null }
  | { kind: "unassigned"; ruleId: string | null };

/** On duty is the safety net: fewest leads today first, then longest waiting, then id; weight does not apply. */
const byTodayThenAge = (a: SellerAvailability, b: SellerAvailability): number =>
  a.assignedToday - b.assignedToday || compareLastAssigned(a.lastAssignedAt, b.lastAssignedAt) || compareIds(a.userId, b.userId);

/**
 * M5.5: where a lead goes, in the method's order — the client's existing owner; else a seller of the matched
 * rule's target (or of the default pool when no rule matched) by weighted round-robin; else a seller on duty
 * (active, present and not paused: hours and caps do not apply); else the first active head of sales by userId;
 * else nobody. Sellers in `exclude` (the lead was already taken from them for missing the SLA) are never chosen.
 */
export const decideRoute = (input: {
  existingOwner: { userId: string; active: boolean } | null;
  matchedRule: RoutingRule | null;
  /** The rule's target sellers, or the default pool when no rule matched. */
  pool: readonly SellerAvailability[];
  /** On-duty sellers: they take a lead when active, not absent, not paused (hours and cap do not apply). */
  onDuty: readonly SellerAvailability[];
  /** First active head by userId order. */
  heads: readonly { userId: string; active: boolean }[];
  /** Sellers the lead was already taken from (SLA reassignment). */
  exclude?: readonly string[];
}): RouteDecision => {
  const excluded = new Set(input.exclude ?? []);
  const allowed = (person: { userId: string }): boolean => !excluded.has(person.userId);
  const rule = input.matchedRule;
  const ruleId = rule?.id ?? null;

  const owner = input.existingOwner;
  if (owner !== null && owner.active && allowed(owner)) return { kind: "existing_owner", userId: owner.userId };

  const fromPool = pickSeller(input.pool.filter(allowed), rule?.conditions.skills ?? []);
  if (fromPool !== null) return rule === null ? { kind: "round_robin", userId: fromPool } : { kind: "rule", ruleId: rule.id, userId: fromPool };

  const onDuty = first(
    input.onDuty.filter((seller) => allowed(seller) && seller.active && !seller.absent && !seller.paused),
    byTodayThenAge,
  );
  if (onDuty !== null) return { kind: "on_duty", userId: onDuty.userId, ruleId };

  const head = first(
    input.heads.filter((candidate) => candidate.active && allowed(candidate)),
    (a, b) => compareIds(a.userId, b.userId),
  );
  if (head !== null) return { kind: "head", userId: head.userId, ruleId };

  return { kind: "unassigned", ruleId };
};
