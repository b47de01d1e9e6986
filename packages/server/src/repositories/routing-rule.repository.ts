import { routingConditionsSchema, type RoutingConditions } from "@conveyor/contracts";
import type { RoutingRule } from "@conveyor/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { leadRoutingRules, leads, memberships, productGroups, products, teams, users } from "../db/schema";
import { forgetIntake } from "./intake-cache";

export type RoutingRuleRow = {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  conditions: RoutingConditions;
  targetTeamId: string | null;
  targetTeamName: string | null;
  targetUserIds: string[];
  /** The listed sellers with their names, in the rule's order. */
  targetUsers: { id: string; name: string }[];
  createdAt: Date;
};

const ruleColumns = {
  id: leadRoutingRules.id,
  name: leadRoutingRules.name,
  enabled: leadRoutingRules.enabled,
  position: leadRoutingRules.position,
  conditions: leadRoutingRules.conditions,
  targetTeamId: leadRoutingRules.targetTeamId,
  targetUserIds: leadRoutingRules.targetUserIds,
  createdAt: leadRoutingRules.createdAt,
};

/** Stored conditions were checked by the contract on the way in; they are read back through it. */
const conditionsOf = (stored: unknown): RoutingConditions => routingConditionsSchema.parse(stored ?? {});

/** The order routing reads rules in: position, then id (the domain's firstMatchingRule sorts the same way). */
const ruleOrder = [asc(leadRoutingRules.position), asc(leadRoutingRules.id)];

/** The organization's rules in routing order, with the target team's and sellers' names (two queries, however many rules). */
export const listRoutingRules = async (ex: Executor, organizationId: string, ids?: readonly string[]): Promise<RoutingRuleRow[]> => {
  const rows = await ex
    .select({ ...ruleColumns, targetTeamName: teams.name })
    .from(leadRoutingRules)
    .leftJoin(teams, and(eq(teams.id, leadRoutingRules.targetTeamId), eq(teams.organizationId, leadRoutingRules.organizationId)))
    .where(and(eq(leadRoutingRules.organizationId, organizationId), ids ? inArray(leadRoutingRules.id, [...ids]) : undefined))
    .orderBy(...ruleOrder);
  const userIds = [...new Set(rows.flatMap((r) => r.targetUserIds))];
  const names =
    userIds.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await ex
              .select({ id: users.id, name: users.name })
              .from(memberships)
              .innerJoin(users, eq(users.id, memberships.userId))
              .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.userId, userIds)))
          ).map((u) => [u.id, u.name]),
        );
  return rows.map((r) => ({
    ...r,
    conditions: conditionsOf(r.conditions),
    targetUsers: r.targetUserIds.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
  }));
};

/** The rules as the domain's routing takes them (M5.5): one indexed read, no names. */
export const routingRulesForDecision = async (ex: Executor, organizationId: string): Promise<RoutingRule[]> => {
  const rows = await ex.select(ruleColumns).from(leadRoutingRules).where(eq(leadRoutingRules.organizationId, organizationId)).orderBy(...ruleOrder);
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    enabled: r.enabled,
    conditions: conditionsOf(r.conditions),
    target: { teamId: r.targetTeamId, userIds: r.targetUserIds },
  }));
};

/** The rules' ids in routing order (reordering and inserting at a position). */
export const orderedRuleIds = async (ex: Executor, organizationId: string): Promise<string[]> =>
  (await ex.select({ id: leadRoutingRules.id }).from(leadRoutingRules).where(eq(leadRoutingRules.organizationId, organizationId)).orderBy(...ruleOrder)).map(
    (r) => r.id,
  );

export const insertRoutingRule = async (ex: Executor, values: typeof leadRoutingRules.$inferInsert): Promise<string> => {
  forgetIntake(values.organizationId);
  const rows = await ex.insert(leadRoutingRules).values(values).returning({ id: leadRoutingRules.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into lead_routing_rules returned no row");
  return id;
};

export type RoutingRulePatch = Partial<Pick<typeof leadRoutingRules.$inferInsert, "name" | "enabled" | "conditions" | "targetTeamId" | "targetUserIds">>;

export const updateRoutingRuleRow = async (ex: Executor, organizationId: string, id: string, patch: RoutingRulePatch, now: Date): Promise<number> => {
  forgetIntake(organizationId);
  const rows = await ex
    .update(leadRoutingRules)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(leadRoutingRules.organizationId, organizationId), eq(leadRoutingRules.id, id)))
    .returning({ id: leadRoutingRules.id });
  return rows.length;
};

/** Positions 0, 1, 2… in the order given, in one statement. */
export const writeRulePositions = async (ex: Executor, organizationId: string, orderedIds: readonly string[], now: Date): Promise<void> => {
  forgetIntake(organizationId);
  if (orderedIds.length === 0) return;
  await ex.execute(sql`
    update lead_routing_rules r set position = o.position, updated_at = ${now}
    from (select id, (ordinality - 1)::integer as position
          from unnest(array[${sql.join(orderedIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]) with ordinality as t(id, ordinality)) o
    where r.organization_id = ${organizationId} and r.id = o.id and r.position is distinct from o.position`);
};

/** Whether any lead was routed by the rule (such a rule is switched off, never deleted: the leads keep its name). */
export const ruleHasLeads = async (ex: Executor, organizationId: string, id: string): Promise<boolean> => {
  const rows = await ex
    .select({ one: sql<number>`1` })
    .from(leads)
    .where(and(eq(leads.organizationId, organizationId), eq(leads.ruleId, id)))
    .limit(1);
  return rows.length > 0;
};

export const deleteRoutingRuleRow = async (ex: Executor, organizationId: string, id: string): Promise<number> => {
  forgetIntake(organizationId);
  const rows = await ex
    .delete(leadRoutingRules)
    .where(and(eq(leadRoutingRules.organizationId, organizationId), eq(leadRoutingRules.id, id)))
    .returning({ id: leadRoutingRules.id });
  return rows.length;
};

// ---------------------------------------------------------------- ids from a request

const idsIn = async (ex: Executor, table: typeof products | typeof productGroups | typeof teams, organizationId: string, ids: readonly string[]) => {
  if (ids.length === 0) return new Set<string>();
  const rows = await ex
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organizationId, organizationId), inArray(table.id, [...new Set(ids)])));
  return new Set(rows.map((r) => r.id));
};

export const existingProductIds = (ex: Executor, organizationId: string, ids: readonly string[]) => idsIn(ex, products, organizationId, ids);
export const existingProductGroupIds = (ex: Executor, organizationId: string, ids: readonly string[]) => idsIn(ex, productGroups, organizationId, ids);
export const existingTeamIds = (ex: Executor, organizationId: string, ids: readonly string[]) => idsIn(ex, teams, organizationId, ids);

/** Which of these people are active members of the organization. */
export const activeMemberIds = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await ex
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, "active"), inArray(memberships.userId, [...new Set(ids)])));
  return new Set(rows.map((r) => r.id));
};

/** A product's group, when the product is the organization's (routing matches product groups too). */
export const productGroupOf = async (ex: Executor, organizationId: string, productId: string): Promise<{ groupId: string | null } | undefined> => {
  const rows = await ex
    .select({ groupId: products.groupId })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.id, productId)));
  return rows[0];
};
