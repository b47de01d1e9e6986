import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type LeadFacts,
  type RouteDecision,
  type RoutingConditions,
  type RoutingRule,
  type SellerAvailability,
  type SkipReason,
  decideRoute,
  firstMatchingRule,
  leadMatchesRule,
  pickSeller,
  skipReason,
} from "./routing";

const lead = (facts: Partial<LeadFacts> = {}): LeadFacts => ({
  channel: "website",
  audience: "b2b",
  productId: "p-1",
  productGroupId: "g-1",
  region: "Moscow",
  amountMinor: 500_000,
  temperature: "warm",
  sourceId: "s-1",
  ...facts,
});

const seller = (userId: string, facts: Partial<SellerAvailability> = {}): SellerAvailability => ({
  userId,
  active: true,
  paused: false,
  absent: false,
  withinHours: true,
  openLeads: 0,
  leadCap: null,
  weight: 1,
  skills: [],
  assignedToday: 0,
  lastAssignedAt: null,
  ...facts,
});

const rule = (id: string, position: number, conditions: RoutingConditions = {}, enabled = true): RoutingRule => ({
  id,
  position,
  enabled,
  conditions,
  target: { teamId: null, userIds: [] },
});

const morning = new Date("2024-03-18T06:00:00Z");
const minutesLater = (minutes: number) => new Date(morning.getTime() + minutes * 60_000);

describe("leadMatchesRule (M5.5)", () => {
  it.each<[string, Partial<LeadFacts>, RoutingConditions, boolean]>([
    ["no conditions take any lead", { channel: null, region: null, amountMinor: null }, {}, true],
    ["empty lists mean any", { channel: null }, { channels: [], regions: [], temperatures: [] }, true],
    ["the channel is listed", {}, { channels: ["email", "website"] }, true],
    ["the channel is not listed", {}, { channels: ["email"] }, false],
    ["channels compare trimmed and case-insensitively", { channel: " WebSite " }, { channels: ["website "] }, true],
    ["a lead with no channel fails a channel list", { channel: null }, { channels: ["website"] }, false],
    ["audiences compare case-insensitively", { audience: "B2B" }, { audiences: ["b2b"] }, true],
    ["the audience is not listed", {}, { audiences: ["b2c"] }, false],
    ["regions compare trimmed and case-insensitively", { region: "moscow" }, { regions: [" MOSCOW"] }, true],
    ["the region is not listed", {}, { regions: ["Tehran"] }, false],
    ["a lead with no region fails a region list", { region: null }, { regions: ["Moscow"] }, false],
    ["the product is listed", {}, { productIds: ["p-1"] }, true],
    ["product ids are exact", {}, { productIds: ["P-1"] }, false],
    ["the product group is listed", {}, { productGroupIds: ["g-2", "g-1"] }, true],
    ["a lead with no product group fails", { productGroupId: null }, { productGroupIds: ["g-1"] }, false],
    ["warmth", { temperature: "hot" }, { temperatures: ["hot"] }, true],
    ["a cold lead for a rule of hot ones", { temperature: "cold" }, { temperatures: ["warm", "hot"] }, false],
    ["the source is listed", {}, { sourceIds: ["s-1"] }, true],
    ["the source is not listed", {}, { sourceIds: ["s-2"] }, false],
    ["the minimum amount is inclusive", { amountMinor: 100 }, { minAmountMinor: 100 }, true],
    ["below the minimum", { amountMinor: 99 }, { minAmountMinor: 100 }, false],
    ["the maximum amount is inclusive", { amountMinor: 100 }, { maxAmountMinor: 100 }, true],
    ["above the maximum", { amountMinor: 101 }, { maxAmountMinor: 100 }, false],
    ["inside both bounds", { amountMinor: 150 }, { minAmountMinor: 100, maxAmountMinor: 200 }, true],
    ["no amount fails a minimum", { amountMinor: null }, { minAmountMinor: 0 }, false],
    ["no amount fails a maximum", { amountMinor: null }, { maxAmountMinor: 1_000 }, false],
    ["null bounds are no bounds", { amountMinor: null }, { minAmountMinor: null, maxAmountMinor: null }, true],
    ["skills are not a lead condition", {}, { skills: ["persian"] }, true],
    ["every condition must hold", {}, { channels: ["website"], regions: ["Moscow"], temperatures: ["cold"] }, false],
  ])("%s", (_, facts, conditions, expected) => {
    expect(leadMatchesRule(lead(facts), conditions)).toBe(expected);
  });
});

describe("firstMatchingRule (M5.5)", () => {
  it.each<[string, RoutingRule[], string | null]>([
    ["no rules", [], null],
    ["none matches", [rule("a", 1, { regions: ["Tehran"] })], null],
    ["the lowest position wins", [rule("b", 2), rule("a", 3), rule("c", 1)], "c"],
    ["equal positions go by id", [rule("b", 1), rule("a", 1)], "a"],
    ["ids in code-unit order", [rule("a", 1), rule("B", 1)], "B"],
    ["a disabled rule is skipped", [rule("a", 1, {}, false), rule("b", 2)], "b"],
    ["a non-matching earlier rule is passed over", [rule("a", 1, { temperatures: ["hot"] }), rule("b", 2, { regions: ["moscow"] })], "b"],
    ["only disabled rules match", [rule("a", 1, {}, false)], null],
  ])("%s", (_, rules, expected) => {
    expect(firstMatchingRule(lead(), rules)?.id ?? null).toBe(expected);
  });

  it("leaves the rules in their order", () => {
    const rules = [rule("b", 2), rule("a", 1)];
    firstMatchingRule(lead(), rules);
    expect(rules.map((r) => r.id)).toEqual(["b", "a"]);
  });
});

describe("skipReason (M5.5)", () => {
  it.each<[string, Partial<SellerAvailability>, string[], SkipReason | null]>([
    ["available", {}, [], null],
    ["inactive", { active: false }, [], "inactive"],
    ["paused", { paused: true }, [], "paused"],
    ["absent", { absent: true }, [], "absent"],
    ["outside hours", { withinHours: false }, [], "outside_hours"],
    ["at cap", { openLeads: 3, leadCap: 3 }, [], "at_cap"],
    ["over cap", { openLeads: 4, leadCap: 3 }, [], "at_cap"],
    ["below cap", { openLeads: 2, leadCap: 3 }, [], null],
    ["a cap of zero", { leadCap: 0 }, [], "at_cap"],
    ["no cap", { openLeads: 1_000, leadCap: null }, [], null],
    ["missing a skill", { skills: ["english"] }, ["english", "persian"], "missing_skill"],
    ["holding every skill", { skills: ["persian", "english", "1c"] }, ["english", "persian"], null],
    ["zero weight", { weight: 0 }, [], "zero_weight"],
    ["negative weight", { weight: -1 }, [], "zero_weight"],
    ["the first reason is the one given", { active: false, paused: true, absent: true, withinHours: false }, [], "inactive"],
    ["paused before absent", { paused: true, absent: true }, [], "paused"],
    ["at cap before a missing skill", { openLeads: 1, leadCap: 1 }, ["persian"], "at_cap"],
    ["a missing skill before zero weight", { weight: 0 }, ["persian"], "missing_skill"],
  ])("%s", (_, facts, skills, expected) => {
    expect(skipReason(seller("u", facts), skills)).toBe(expected);
  });
});

describe("pickSeller (M5.5)", () => {
  it.each<[string, SellerAvailability[], string[], string | null]>([
    ["nobody", [], [], null],
    ["everyone skipped", [seller("a", { paused: true }), seller("b", { leadCap: 0 })], [], null],
    ["the fewest leads today", [seller("a", { assignedToday: 3 }), seller("b", { assignedToday: 2 })], [], "b"],
    ["by share of weight: 3/3 beats 2/1", [seller("a", { assignedToday: 2 }), seller("b", { assignedToday: 3, weight: 3 })], [], "b"],
    ["equal shares go to the longest waiting", [
      seller("a", { assignedToday: 2, lastAssignedAt: minutesLater(5) }),
      seller("b", { assignedToday: 4, weight: 2, lastAssignedAt: minutesLater(1) }),
    ], [], "b"],
    ["never assigned waits longest", [seller("a", { lastAssignedAt: minutesLater(0) }), seller("b")], [], "b"],
    ["then by id", [seller("b"), seller("a"), seller("c")], [], "a"],
    ["ids in code-unit order", [seller("a"), seller("Z")], [], "Z"],
    ["skipped sellers do not count", [seller("a", { absent: true }), seller("b", { assignedToday: 9 })], [], "b"],
    ["skills filter the pool", [seller("a"), seller("b", { assignedToday: 5, skills: ["persian"] })], ["persian"], "b"],
    ["nobody with the skill", [seller("a"), seller("b")], ["persian"], null],
  ])("%s", (_, sellers, skills, expected) => {
    expect(pickSeller(sellers, skills)).toBe(expected);
  });
});

/** Hands out `count` leads one at a time, as the server would, and returns the sellers after and the picks. */
const assign = (start: readonly SellerAvailability[], count: number): { after: SellerAvailability[]; picks: (string | null)[] } => {
  const after = start.map((s) => ({ ...s }));
  const picks: (string | null)[] = [];
  for (let i = 0; i < count; i += 1) {
    const picked = pickSeller(after);
    picks.push(picked);
    const chosen = after.find((s) => s.userId === picked);
    if (chosen === undefined) continue;
    chosen.openLeads += 1;
    chosen.assignedToday += 1;
    chosen.lastAssignedAt = minutesLater(i);
  }
  return { after, picks };
};

const userIds = (min: number, max = 8) => fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: min, maxLength: max });

describe("weighted round-robin invariants (M5.5)", () => {
  /** Sellers in any state; nobody starts over their cap, as the server never lets them. */
  const sellers = (minLength: number) =>
    fc
      .uniqueArray(
        fc.record({
          userId: fc.string({ minLength: 1, maxLength: 6 }),
          active: fc.boolean(),
          paused: fc.boolean(),
          absent: fc.boolean(),
          withinHours: fc.boolean(),
          leadCap: fc.option(fc.nat(6), { nil: null }),
          openLeads: fc.nat(6),
          weight: fc.integer({ min: -1, max: 4 }),
          assignedToday: fc.nat(10),
        }),
        { minLength, maxLength: 8, selector: (s) => s.userId },
      )
      .map((all) =>
        all.map((s) => seller(s.userId, { ...s, openLeads: s.leadCap === null ? s.openLeads : Math.min(s.openLeads, s.leadCap) })),
      );

  it("(a) never takes anyone past their cap, and stops exactly when everyone otherwise eligible is at cap", () => {
    fc.assert(
      fc.property(sellers(1), fc.nat(60), (start, count) => {
        const pool = start.map((s) => ({ ...s }));
        for (let i = 0; i < count; i += 1) {
          const eligibleIgnoringCap = pool.filter((s) => skipReason({ ...s, leadCap: null }, []) === null);
          const everyoneAtCap = eligibleIgnoringCap.every((s) => s.leadCap !== null && s.openLeads >= s.leadCap);
          const picked = pickSeller(pool);
          expect(picked === null).toBe(everyoneAtCap);
          const chosen = pool.find((s) => s.userId === picked);
          if (chosen === undefined) break;
          chosen.openLeads += 1;
          chosen.assignedToday += 1;
          chosen.lastAssignedAt = minutesLater(i);
        }
        for (const s of pool) if (s.leadCap !== null) expect(s.openLeads).toBeLessThanOrEqual(s.leadCap);
      }),
    );
  });

  it("(b) with equal weights and no caps, k·n leads give every seller exactly k", () => {
    fc.assert(
      fc.property(userIds(1), fc.integer({ min: 1, max: 4 }), fc.nat(6), fc.nat(6), (ids, weight, k, already) => {
        const { after } = assign(ids.map((userId) => seller(userId, { weight, assignedToday: already })), k * ids.length);
        for (const s of after) expect(s.assignedToday).toBe(already + k);
      }),
    );
  });

  it("(c) with weights w_i nobody is ever a lead ahead of total·w_i/Σw, and each full round of Σw leads is exact", () => {
    fc.assert(
      fc.property(userIds(1, 6), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (ids, weights, rounds) => {
        const start = ids.map((userId, i) => seller(userId, { weight: weights[i] ?? 1 }));
        const totalWeight = start.reduce((sum, s) => sum + s.weight, 0);
        const counts = new Map(start.map((s) => [s.userId, 0]));
        const { picks } = assign(start, rounds * totalWeight);
        picks.forEach((picked, i) => {
          const total = i + 1;
          if (picked !== null) counts.set(picked, (counts.get(picked) ?? 0) + 1);
          for (const s of start) {
            const fair = (total * s.weight) / totalWeight;
            const count = counts.get(s.userId) ?? 0;
            expect(count).toBeLessThan(fair + 1);
            // Within a round the heaviest can wait behind the others' first leads, but never by a whole weight.
            expect(count).toBeGreaterThan(fair - s.weight);
            if (total % totalWeight === 0) expect(count).toBe(fair);
          }
        });
      }),
    );
  });

  it("(c) a worked example: weights 2 and 1 share six leads 4 and 2", () => {
    const { picks } = assign([seller("anna", { weight: 2 }), seller("boris", { weight: 1 })], 6);
    // Round two opens on a tie (1 = 2/2 = 1/1): Boris waited longer, so he goes first.
    expect(picks).toEqual(["anna", "boris", "anna", "boris", "anna", "anna"]);
  });

  it("the pick never has a skip reason, and there is one whenever anyone has none", () => {
    fc.assert(
      fc.property(sellers(0), (pool) => {
        const picked = pool.find((s) => s.userId === pickSeller(pool));
        if (picked !== undefined) expect(skipReason(picked, [])).toBeNull();
        else expect(pool.every((s) => skipReason(s, []) !== null)).toBe(true);
      }),
    );
  });
});

describe("decideRoute (M5.5)", () => {
  const persianRule: RoutingRule = { ...rule("r-fa", 1, { skills: ["persian"] }), target: { teamId: null, userIds: ["fa"] } };
  const base = {
    existingOwner: null,
    matchedRule: null,
    pool: [seller("pool-b", { assignedToday: 1 }), seller("pool-a", { assignedToday: 2 })],
    onDuty: [seller("duty")],
    heads: [{ userId: "head", active: true }],
  };
  type Input = Parameters<typeof decideRoute>[0];

  it.each<[string, Partial<Input>, RouteDecision]>([
    ["an existing client goes to its owner", { existingOwner: { userId: "owner", active: true } }, { kind: "existing_owner", userId: "owner" }],
    ["an inactive owner does not take it", { existingOwner: { userId: "owner", active: false } }, { kind: "round_robin", userId: "pool-b" }],
    ["an owner the lead was taken from does not get it back", { existingOwner: { userId: "owner", active: true }, exclude: ["owner"] }, { kind: "round_robin", userId: "pool-b" }],
    ["no rule: the default pool by round-robin", {}, { kind: "round_robin", userId: "pool-b" }],
    ["a rule: its target by round-robin", { matchedRule: rule("r-1", 1) }, { kind: "rule", ruleId: "r-1", userId: "pool-b" }],
    ["the rule's skills filter its sellers", { matchedRule: persianRule, pool: [seller("en"), seller("fa", { assignedToday: 4, skills: ["persian"] })] }, { kind: "rule", ruleId: "r-fa", userId: "fa" }],
    ["excluded sellers are passed over", { exclude: ["pool-b"] }, { kind: "round_robin", userId: "pool-a" }],
    ["nobody in the pool can: on duty takes it, naming the rule", { matchedRule: persianRule }, { kind: "on_duty", userId: "duty", ruleId: "r-fa" }],
    ["on duty ignores hours and caps", { pool: [], onDuty: [seller("duty", { withinHours: false, leadCap: 0, openLeads: 5 })] }, { kind: "on_duty", userId: "duty", ruleId: null }],
    ["on duty: the fewest today first", { pool: [], onDuty: [seller("d-a", { assignedToday: 3 }), seller("d-b", { assignedToday: 1 })] }, { kind: "on_duty", userId: "d-b", ruleId: null }],
    ["on duty must be present", { pool: [], onDuty: [seller("duty", { absent: true })] }, { kind: "head", userId: "head", ruleId: null }],
    ["on duty must not be paused", { pool: [], onDuty: [seller("duty", { paused: true })] }, { kind: "head", userId: "head", ruleId: null }],
    ["on duty must be active", { pool: [], onDuty: [seller("duty", { active: false })] }, { kind: "head", userId: "head", ruleId: null }],
    ["the first active head by id", { pool: [], onDuty: [], heads: [{ userId: "h-c", active: true }, { userId: "h-a", active: false }, { userId: "h-b", active: true }] }, { kind: "head", userId: "h-b", ruleId: null }],
    ["the head names the rule", { matchedRule: rule("r-1", 1), pool: [], onDuty: [] }, { kind: "head", userId: "head", ruleId: "r-1" }],
    ["nobody at all", { matchedRule: rule("r-1", 1), pool: [], onDuty: [], heads: [{ userId: "head", active: false }] }, { kind: "unassigned", ruleId: "r-1" }],
    ["everyone excluded", { exclude: ["pool-a", "pool-b", "duty", "head"] }, { kind: "unassigned", ruleId: null }],
  ])("%s", (_, overrides, expected) => {
    expect(decideRoute({ ...base, ...overrides })).toEqual(expected);
  });

  it("(d) excluded sellers are never chosen", () => {
    const person = fc.constantFrom("a", "b", "c", "d", "e");
    const someone = fc.record({
      userId: person,
      active: fc.boolean(),
      paused: fc.boolean(),
      absent: fc.boolean(),
      withinHours: fc.boolean(),
      assignedToday: fc.nat(5),
      weight: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.option(fc.record({ userId: person, active: fc.boolean() }), { nil: null }),
        fc.boolean(),
        fc.array(someone, { maxLength: 5 }),
        fc.array(someone, { maxLength: 3 }),
        fc.array(fc.record({ userId: person, active: fc.boolean() }), { maxLength: 3 }),
        fc.uniqueArray(person, { maxLength: 5 }),
        (existingOwner, withRule, pool, onDuty, heads, exclude) => {
          const decision = decideRoute({
            existingOwner,
            matchedRule: withRule ? rule("r", 1) : null,
            pool: pool.map((s) => seller(s.userId, s)),
            onDuty: onDuty.map((s) => seller(s.userId, s)),
            heads,
            exclude,
          });
          if (decision.kind !== "unassigned") expect(exclude).not.toContain(decision.userId);
          if (withRule) expect(decision.kind).not.toBe("round_robin");
          else expect(decision.kind).not.toBe("rule");
        },
      ),
    );
  });
});
