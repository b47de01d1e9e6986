import type { FieldError, Redistribute } from "@conveyor/contracts";
import { firstMatchingRule, pickSeller, skipReason, type LeadFacts, type RoutingRule, type SkipReason } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { defaultPoolUserIds, loadPoolAvailability, ruleTargetUserIds, workCalendarFor, type PoolMember } from "../repositories/lead-availability.repository";
import {
  clientsToMove,
  membersAmong,
  overseenAmong,
  productsOfClients,
  teamWithMembers,
  type Amount,
  type ClientToMove,
} from "../repositories/redistribution.repository";
import { routingRulesForDecision } from "../repositories/routing-rule.repository";
import type { Viewer } from "../scope";

/*
 * M5.5 redistribution, the plan: who gets each of a person's clients. The preview and the redistribution run the
 * same plan on the same rows, so what the head of sales is shown is what moves.
 */

// ---------------------------------------------------------------- the rules of a split

/**
 * M5.5: whether a person takes redistributed clients. A whole client is not a fresh lead, so working hours and
 * lead caps do not apply; inactive, paused and absent people are skipped, and so are those of weight 0 and those
 * without a skill the routing rule asks for.
 */
export const redistributionSkipReason = (member: PoolMember, requiredSkills: readonly string[] = []): SkipReason | null =>
  skipReason({ ...member, withinHours: true, leadCap: null }, requiredSkills);

/**
 * M5.5 weighted round-robin over one batch: each client, in order, to the taker with the smallest share of this
 * batch for their weight (the domain's pickSeller, counting only what this split gave; ties by id). `given` is
 * the count so far per taker, shared across pools, and is updated.
 */
export const spreadWeighted = (
  clientIds: readonly string[],
  takers: readonly { userId: string; weight: number }[],
  given: Map<string, number> = new Map(),
): Map<string, string> => {
  const placed = new Map<string, string>();
  if (takers.length === 0) return placed;
  for (const clientId of clientIds) {
    const to = pickSeller(
      takers.map((t) => ({
        userId: t.userId,
        weight: t.weight,
        assignedToday: given.get(t.userId) ?? 0,
        active: true,
        paused: false,
        absent: false,
        withinHours: true,
        openLeads: 0,
        leadCap: null,
        skills: [],
        lastAssignedAt: null,
      })),
    );
    if (to === null) break;
    placed.set(clientId, to);
    given.set(to, (given.get(to) ?? 0) + 1);
  }
  return placed;
};

/** The lead a client would be, for the routing rules: its channel, audience, region, warmth and one of its products. */
const factsOf = (client: ClientToMove, product: { productId: string; productGroupId: string | null } | null): LeadFacts => ({
  channel: client.channel,
  audience: client.audience,
  region: client.region,
  temperature: client.temperature,
  productId: product?.productId ?? null,
  productGroupId: product?.productGroupId ?? null,
  amountMinor: null,
  sourceId: null,
});

/**
 * The rule a client routes by: the first rule (by position, then id) that a lead of the client with any of its
 * products — or with none, when it has none — would meet. null: the default pool.
 */
export const ruleForClient = (
  client: ClientToMove,
  products: readonly { productId: string; productGroupId: string | null }[],
  rules: readonly RoutingRule[],
): RoutingRule | null => {
  const facts = products.length === 0 ? [factsOf(client, null)] : products.map((p) => factsOf(client, p));
  let best: RoutingRule | null = null;
  for (const lead of facts) {
    const rule = firstMatchingRule(lead, rules);
    if (rule && (best === null || rule.position < best.position || (rule.position === best.position && rule.id < best.id))) best = rule;
  }
  return best;
};

/** Money per currency, added up, in currency order. */
export const addAmounts = (lists: readonly (readonly Amount[])[]): Amount[] => {
  const sums = new Map<string, number>();
  for (const list of lists) for (const a of list) sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.amountMinor);
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
};

// ---------------------------------------------------------------- the plan

export type PlannedClient = ClientToMove & { toUserId: string | null };

export type ReceiverShare = { id: string; name: string; clients: number; deals: number; tasks: number; amounts: Amount[] };

export type RedistributionPlan = {
  fromUserId: string;
  /** Every client considered, by name; `toUserId` null when nobody can take it. */
  clients: PlannedClient[];
  /** The receivers in the order the preview lists them, with what each would get. */
  byReceiver: ReceiverShare[];
  /** People chosen or pooled who take nothing now, and why. */
  skipped: { id: string; name: string; reason: SkipReason }[];
  totals: { clients: number; deals: number; tasks: number; unplaced: number };
};

const invalid = (errors: FieldError[]): AppError => new AppError("validation_failed", errors[0]?.message ?? "The request is not valid", { errors });

/** The person whose clients move: a member of the organization (a dismissed one too) the viewer oversees; else 404. */
const checkFromUser = async (ex: Executor, viewer: Viewer, fromUserId: string): Promise<void> => {
  const [member] = await membersAmong(ex, viewer.organizationId, [fromUserId]);
  if (!member || !(await overseenAmong(ex, viewer, [fromUserId])).has(fromUserId)) throw notFound("The person");
};

type Receivers = { takers: PoolMember[]; skipped: RedistributionPlan["skipped"] };

/** Active members, not the person themselves; for a team lead only people of their team (403 naming each other one). */
const checkReceivers = async (ex: Executor, viewer: Viewer, fromUserId: string, given: readonly { id: string; field: string }[]): Promise<void> => {
  const members = new Map((await membersAmong(ex, viewer.organizationId, given.map((g) => g.id))).map((m) => [m.id, m]));
  const errors = given.flatMap(({ id, field }): FieldError[] => {
    if (id === fromUserId) return [{ field, code: "same_person", message: "The clients already belong to this person" }];
    return members.get(id)?.active ? [] : [{ field, code: "unknown_user", message: "No active person with this id" }];
  });
  if (errors.length > 0) throw invalid(errors);
  const overseen = await overseenAmong(ex, viewer, given.map((g) => g.id));
  const outside = given.flatMap(({ id, field }): FieldError[] => (overseen.has(id) ? [] : [{ field, code: "not_assignable", message: "Not a person of your team" }]));
  if (outside.length > 0) throw new AppError("forbidden", "A team lead hands clients only to people of their own team", { errors: outside });
};

/** Who may take clients among these people now, in the given order, and who is skipped and why. */
const standing = async (ex: Executor, organizationId: string, ids: readonly string[], now: Date, requiredSkills: readonly string[] = []): Promise<Receivers> => {
  const calendar = await workCalendarFor(ex, organizationId);
  const byId = new Map((await loadPoolAvailability(ex, organizationId, ids, now, calendar)).map((m) => [m.userId, m]));
  const takers: PoolMember[] = [];
  const skipped: RedistributionPlan["skipped"] = [];
  for (const id of ids) {
    const member = byId.get(id);
    if (!member) continue;
    const reason = redistributionSkipReason(member, requiredSkills);
    if (reason === null) takers.push(member);
    else skipped.push({ id, name: member.name, reason });
  }
  return { takers, skipped };
};

/** The spread's receivers: the given people, or the members of the given team other than the person. */
const spreadReceivers = async (ex: Executor, viewer: Viewer, input: Redistribute, now: Date): Promise<Receivers> => {
  if (input.teamId !== undefined) {
    const team = await teamWithMembers(ex, viewer.organizationId, input.teamId);
    if (!team) throw invalid([{ field: "teamId", code: "unknown_team", message: "No team with this id" }]);
    if (viewer.role === "team_lead" && team.leadUserId !== viewer.userId) {
      throw new AppError("forbidden", "A team lead hands clients only to their own team", { errors: [{ field: "teamId", code: "not_assignable", message: "Not your team" }] });
    }
    const members = await membersAmong(ex, viewer.organizationId, team.memberIds);
    const ids = members
      .filter((m) => m.id !== input.fromUserId)
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
      .map((m) => m.id);
    return standing(ex, viewer.organizationId, ids, now);
  }
  const given = [...new Set(input.toUserIds ?? [])];
  await checkReceivers(ex, viewer, input.fromUserId, (input.toUserIds ?? []).map((id, index) => ({ id, field: `toUserIds.${index}` })));
  return standing(ex, viewer.organizationId, given, now);
};

/**
 * By rules: each client to the pool of the rule a lead of it would meet (the default pool when none), by weighted
 * round-robin within that pool; never the person themselves, and for a team lead only their team.
 */
const placeByRules = async (ex: Executor, viewer: Viewer, fromUserId: string, clients: readonly ClientToMove[], now: Date) => {
  const organizationId = viewer.organizationId;
  const rules = await routingRulesForDecision(ex, organizationId);
  const products = rules.some((r) => (r.conditions.productIds?.length ?? 0) + (r.conditions.productGroupIds?.length ?? 0) > 0)
    ? await productsOfClients(ex, organizationId, fromUserId)
    : new Map<string, { productId: string; productGroupId: string | null }[]>();
  const ruleOf = new Map(clients.map((c) => [c.id, ruleForClient(c, products.get(c.id) ?? [], rules)]));
  const placed = new Map<string, string>();
  const given = new Map<string, number>();
  const receivers = new Map<string, PoolMember>();
  const skipped = new Map<string, RedistributionPlan["skipped"][number]>();
  for (const rule of new Set(ruleOf.values())) {
    const pool = rule ? await ruleTargetUserIds(ex, organizationId, rule) : await defaultPoolUserIds(ex, organizationId);
    const overseen = await overseenAmong(ex, viewer, pool);
    const ids = [...new Set(pool)].filter((id) => id !== fromUserId && overseen.has(id)).sort();
    const { takers, skipped: skippedHere } = await standing(ex, organizationId, ids, now, rule?.conditions.skills ?? []);
    for (const s of skippedHere) skipped.set(s.id, s);
    for (const t of takers) receivers.set(t.userId, t);
    const own = clients.filter((c) => (ruleOf.get(c.id)?.id ?? null) === (rule?.id ?? null)).map((c) => c.id);
    for (const [clientId, to] of spreadWeighted(own, takers, given)) placed.set(clientId, to);
  }
  const takers = [...receivers.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
  return { placed, takers, skipped: [...skipped.values()].filter((s) => !receivers.has(s.id)) };
};

/** By hand: each client to its receiver; the clients must be the person's, each once, the receivers as for a spread. */
const placeByHand = async (ex: Executor, viewer: Viewer, input: Redistribute, owned: ReadonlySet<string>) => {
  const assignments = input.assignments ?? [];
  const seen = new Set<string>();
  const errors = assignments.flatMap((a, index): FieldError[] => {
    const field = `assignments.${index}.companyId`;
    if (seen.has(a.companyId)) return [{ field, code: "duplicate", message: "This client is given twice" }];
    seen.add(a.companyId);
    return owned.has(a.companyId) ? [] : [{ field, code: "not_their_client", message: "Not a client of this person" }];
  });
  if (errors.length > 0) throw invalid(errors);
  await checkReceivers(ex, viewer, input.fromUserId, assignments.map((a, index) => ({ id: a.toUserId, field: `assignments.${index}.toUserId` })));
  const ids = [...new Set(assignments.map((a) => a.toUserId))];
  const members = await membersAmong(ex, viewer.organizationId, ids);
  const names = new Map(members.map((m) => [m.id, m.name]));
  return { placed: new Map(assignments.map((a) => [a.companyId, a.toUserId])), takers: ids.map((id) => ({ userId: id, name: names.get(id) ?? "" })) };
};

/** Given client ids must all be the person's (any filter aside); each other one is named (`companyIds.N`). */
const checkCompanyIds = (companyIds: readonly string[] | undefined, owned: ReadonlySet<string>): void => {
  if (companyIds === undefined) return;
  const errors = companyIds.flatMap((id, index) => (owned.has(id) ? [] : [{ field: `companyIds.${index}`, code: "not_their_client", message: "Not a client of this person" }]));
  if (errors.length > 0) throw invalid(errors);
};

/** The filters of the request: temperatures and conveyor levels (a client without a level passes no level filter). */
const passesFilters = (client: ClientToMove, input: Redistribute): boolean =>
  (input.temperatures === undefined || input.temperatures.includes(client.temperature)) &&
  (input.levels === undefined || input.levels.some((level) => level === client.level));

const shareOf = (id: string, name: string, clients: readonly PlannedClient[]): ReceiverShare => {
  const own = clients.filter((c) => c.toUserId === id);
  return {
    id,
    name,
    clients: own.length,
    deals: own.reduce((sum, c) => sum + c.openDeals, 0),
    tasks: own.reduce((sum, c) => sum + c.openTasks, 0),
    amounts: addAmounts(own.map((c) => c.amounts)),
  };
};

/** Who gets which client, after the checks. Within a redistribution's transaction the caller holds the person's lock. */
export const planRedistribution = async (ex: Executor, viewer: Viewer, input: Redistribute, now: Date): Promise<RedistributionPlan> => {
  const { organizationId } = viewer;
  const { fromUserId } = input;
  await checkFromUser(ex, viewer, fromUserId);
  const byHand = input.mode === "manual" && input.assignments !== undefined;
  const ids = byHand ? (input.assignments ?? []).map((a) => a.companyId) : input.companyIds;
  const owned = await clientsToMove(ex, organizationId, fromUserId, ids === undefined ? undefined : [...new Set(ids)]);
  const ownedIds = new Set(owned.map((c) => c.id));
  checkCompanyIds(input.companyIds, ownedIds);
  const clients = owned.filter((c) => passesFilters(c, input));
  if (byHand) {
    const hand = await placeByHand(ex, viewer, input, ownedIds);
    return summarize(fromUserId, clients, hand.placed, hand.takers, []);
  }
  if (input.mode === "rules") {
    const byRules = await placeByRules(ex, viewer, fromUserId, clients, now);
    return summarize(fromUserId, clients, byRules.placed, byRules.takers, byRules.skipped);
  }
  const { takers, skipped } = await spreadReceivers(ex, viewer, input, now);
  const placed = spreadWeighted(
    clients.map((c) => c.id),
    takers,
  );
  return summarize(fromUserId, clients, placed, takers, skipped);
};

const summarize = (
  fromUserId: string,
  clients: readonly ClientToMove[],
  placed: ReadonlyMap<string, string>,
  takers: readonly { userId: string; name: string }[],
  skipped: RedistributionPlan["skipped"],
): RedistributionPlan => {
  const planned = clients.map((c): PlannedClient => ({ ...c, toUserId: placed.get(c.id) ?? null }));
  const moving = planned.filter((c) => c.toUserId !== null);
  return {
    fromUserId,
    clients: planned,
    byReceiver: takers.map((t) => shareOf(t.userId, t.name, moving)),
    skipped,
    totals: {
      clients: moving.length,
      deals: moving.reduce((sum, c) => sum + c.openDeals, 0),
      tasks: moving.reduce((sum, c) => sum + c.openTasks, 0),
      unplaced: planned.length - moving.length,
    },
  };
};
