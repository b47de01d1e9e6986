import type { RouteTrial, RouteTrialInput, RoutingConditions, RoutingRule, SaveRoutingRule, UpdateRoutingRule } from "@conveyor/contracts";
import { decideRoute, firstMatchingRule, skipReason, type LeadFacts } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { presentRoutingRule } from "../presenters/lead.presenter";
import { enabledRoutingRules } from "../repositories/lead-intake.repository";
import {
  activeHeadIds,
  defaultPoolUserIds,
  loadPoolAvailability,
  onDutyUserIds,
  ruleTargetUserIds,
  workCalendarFor,
} from "../repositories/lead-availability.repository";
import {
  activeMemberIds,
  deleteRoutingRuleRow,
  existingProductGroupIds,
  existingProductIds,
  existingTeamIds,
  insertRoutingRule,
  listRoutingRules,
  orderedRuleIds,
  productGroupOf,
  ruleHasLeads,
  updateRoutingRuleRow,
  writeRulePositions,
  type RoutingRulePatch,
} from "../repositories/routing-rule.repository";
import { existingSourceIds } from "../repositories/lead-source.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

const invalid = (field: string, message: string, code = "invalid") =>
  new AppError("validation_failed", message, { errors: [{ field, code, message }] });

/** Every id a rule names is the organization's: a team, products, product groups, sources, active sellers. */
const assertReferences = async (
  ex: Executor,
  organizationId: string,
  rule: { conditions?: RoutingConditions | undefined; targetTeamId?: string | null | undefined; targetUserIds?: readonly string[] | undefined },
): Promise<void> => {
  const missing = async (field: string, ids: readonly string[] | undefined, found: (ids: readonly string[]) => Promise<Set<string>>, what: string, single = false) => {
    if (!ids || ids.length === 0) return;
    const known = await found(ids);
    const index = ids.findIndex((id) => !known.has(id));
    if (index >= 0) throw invalid(single ? field : `${field}.${index}`, `No such ${what} in the organization`, "unknown");
  };
  const c = rule.conditions;
  await missing("conditions.productIds", c?.productIds, (ids) => existingProductIds(ex, organizationId, ids), "product");
  await missing("conditions.productGroupIds", c?.productGroupIds, (ids) => existingProductGroupIds(ex, organizationId, ids), "product group");
  await missing("conditions.sourceIds", c?.sourceIds, (ids) => existingSourceIds(ex, organizationId, ids), "lead source");
  if (rule.targetTeamId) await missing("targetTeamId", [rule.targetTeamId], (ids) => existingTeamIds(ex, organizationId, ids), "team", true);
  await missing("targetUserIds", rule.targetUserIds, (ids) => activeMemberIds(ex, organizationId, ids), "active member");
  if (c?.minAmountMinor != null && c.maxAmountMinor != null && c.minAmountMinor > c.maxAmountMinor) {
    throw invalid("conditions.maxAmountMinor", "The largest deal size is below the smallest", "range");
  }
};

const readRule = async (ex: Executor, organizationId: string, id: string): Promise<RoutingRule> => {
  const [row] = await listRoutingRules(ex, organizationId, [id]);
  if (!row) throw notFound("The routing rule");
  return presentRoutingRule(row);
};

export const listRules = async (context: AppContext, viewer: Viewer): Promise<RoutingRule[]> =>
  (await listRoutingRules(context.database.db, viewer.organizationId)).map(presentRoutingRule);

/** A new rule, last unless a position is given; the others move down to make room. */
export const createRoutingRule = async (context: AppContext, viewer: Viewer, input: SaveRoutingRule): Promise<RoutingRule> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    await assertReferences(tx, viewer.organizationId, input);
    const order = await orderedRuleIds(tx, viewer.organizationId);
    const id = await insertRoutingRule(tx, {
      organizationId: viewer.organizationId,
      name: input.name,
      enabled: input.enabled ?? true,
      position: order.length,
      conditions: input.conditions,
      targetTeamId: input.targetTeamId ?? null,
      targetUserIds: [...new Set(input.targetUserIds ?? [])],
      createdAt: now,
      updatedAt: now,
    });
    if (input.position !== undefined && input.position < order.length) {
      const next = [...order];
      next.splice(input.position, 0, id);
      await writeRulePositions(tx, viewer.organizationId, next, now);
    }
    return readRule(tx, viewer.organizationId, id);
  });
};

export const updateRoutingRule = async (context: AppContext, viewer: Viewer, id: string, input: UpdateRoutingRule): Promise<RoutingRule> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const [stored] = await listRoutingRules(tx, viewer.organizationId, [id]);
    if (!stored) throw notFound("The routing rule");
    await assertReferences(tx, viewer.organizationId, input);
    const patch: RoutingRulePatch = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (input.conditions !== undefined) patch.conditions = input.conditions;
    if (input.targetTeamId !== undefined) patch.targetTeamId = input.targetTeamId;
    if (input.targetUserIds !== undefined) patch.targetUserIds = [...new Set(input.targetUserIds)];
    const teamAfter = patch.targetTeamId !== undefined ? patch.targetTeamId : stored.targetTeamId;
    const usersAfter = patch.targetUserIds ?? stored.targetUserIds;
    if (!teamAfter && usersAfter.length === 0) throw invalid("targetUserIds", "Send the leads to a team or to at least one seller", "required");
    if (Object.keys(patch).length > 0) await updateRoutingRuleRow(tx, viewer.organizationId, id, patch, now);
    if (input.position !== undefined) {
      const order = (await orderedRuleIds(tx, viewer.organizationId)).filter((other) => other !== id);
      order.splice(Math.min(input.position, order.length), 0, id);
      await writeRulePositions(tx, viewer.organizationId, order, now);
    }
    return readRule(tx, viewer.organizationId, id);
  });
};

/** A rule that routed leads is switched off (its leads keep naming it); an unused one is removed. */
export const deleteRoutingRule = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    const [stored] = await listRoutingRules(tx, viewer.organizationId, [id]);
    if (!stored) throw notFound("The routing rule");
    const inUse = await ruleHasLeads(tx, viewer.organizationId, id);
    if (inUse) await updateRoutingRuleRow(tx, viewer.organizationId, id, { enabled: false }, now);
    else await deleteRoutingRuleRow(tx, viewer.organizationId, id);
    await auditAs(tx, viewer, "deleted", now, { kind: "routing_rule", id }, { name: stored.name, switchedOffOnly: inUse });
    await writeRulePositions(tx, viewer.organizationId, await orderedRuleIds(tx, viewer.organizationId), now);
  });
};

/** The rules in the order given: every rule of the organization, each once. */
export const reorderRoutingRules = async (context: AppContext, viewer: Viewer, ids: readonly string[]): Promise<RoutingRule[]> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const stored = await orderedRuleIds(tx, viewer.organizationId);
    const given = new Set(ids);
    if (given.size !== ids.length) throw invalid("ids", "A rule is listed twice", "duplicate");
    const unknown = ids.findIndex((id) => !stored.includes(id));
    if (unknown >= 0) throw invalid(`ids.${unknown}`, "No such routing rule in the organization", "unknown");
    if (stored.some((id) => !given.has(id))) throw invalid("ids", "List every rule of the organization", "incomplete");
    await writeRulePositions(tx, viewer.organizationId, ids, now);
    return (await listRoutingRules(tx, viewer.organizationId)).map(presentRoutingRule);
  });
};

/**
 * "Where would a lead with these facts go now": the rule that matches, the seller round-robin would pick and why
 * each other seller of the pool is passed by (M5.5). Reads only; locks nothing, counts nothing. A known client's
 * owner is not considered here: the trial is about rules and availability.
 */
export const tryRoute = async (context: AppContext, viewer: Viewer, input: RouteTrialInput): Promise<RouteTrial> => {
  const { db } = context.database;
  const organizationId = viewer.organizationId;
  const now = context.now();
  const productGroupId = input.productId ? ((await productGroupOf(db, organizationId, input.productId))?.groupId ?? null) : null;
  if (input.productId && productGroupId === null && (await existingProductIds(db, organizationId, [input.productId])).size === 0) {
    throw invalid("productId", "No such product in the organization", "unknown");
  }
  const facts: LeadFacts = {
    channel: input.channel ?? null,
    audience: input.audience ?? null,
    productId: input.productId ?? null,
    productGroupId,
    region: input.region ?? null,
    amountMinor: input.amountMinor ?? null,
    temperature: input.temperature ?? "warm",
    sourceId: input.sourceId ?? null,
  };
  const calendar = await workCalendarFor(db, organizationId);
  const rules = await enabledRoutingRules(db, organizationId);
  const rule = firstMatchingRule(facts, rules);
  const poolIds = rule ? await ruleTargetUserIds(db, organizationId, rule) : await defaultPoolUserIds(db, organizationId);
  const pool = await loadPoolAvailability(db, organizationId, poolIds, now, calendar);
  const [dutyIds, headIds] = await Promise.all([onDutyUserIds(db, organizationId), activeHeadIds(db, organizationId)]);
  const onDuty = await loadPoolAvailability(db, organizationId, dutyIds, now, calendar);
  const decision = decideRoute({ existingOwner: null, matchedRule: rule, pool, onDuty, heads: headIds.map((userId) => ({ userId, active: true })) });
  const assigneeId = decision.kind === "unassigned" ? null : decision.userId;
  const names = new Map([...pool, ...onDuty].map((p) => [p.userId, p.name]));
  const ruleRows = rule ? await listRoutingRules(db, organizationId, [rule.id]) : [];
  let assigneeName = assigneeId ? names.get(assigneeId) : undefined;
  if (assigneeId && assigneeName === undefined) {
    assigneeName = (await loadPoolAvailability(db, organizationId, [assigneeId], now, calendar))[0]?.name ?? "";
  }
  const skills = rule?.conditions.skills ?? [];
  return {
    route: decision.kind,
    ruleName: ruleRows[0]?.name ?? null,
    assignee: assigneeId ? { id: assigneeId, name: assigneeName ?? "" } : null,
    skipped: pool.flatMap((seller) => {
      const reason = skipReason(seller, skills);
      return reason === null ? [] : [{ user: { id: seller.userId, name: seller.name }, reason }];
    }),
  };
};
