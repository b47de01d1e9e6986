import {
  decideRoute,
  firstMatchingRule,
  type LeadFacts,
  type RouteDecision,
  type RoutingRule,
  type SellerAvailability,
  type WorkCalendar,
} from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { countWaitingLeads, lockSeller, type KnownClient } from "../repositories/lead-intake.repository";
import {
  activeHeadIds,
  defaultPoolUserIds,
  loadPoolAvailability,
  onDutyUserIds,
  ruleTargetUserIds,
} from "../repositories/lead-availability.repository";
import { enabledRoutingRules } from "../repositories/lead-intake.repository";

export type Assignment = { route: RouteDecision["kind"]; userId: string | null; ruleId: string | null };

/** A seller of the pool the lead is offered to: their cap (null: none) and whether to wait for another assignment holding them. */
export type SellerOffer = { userId: string; leadCap: number | null; wait: boolean };

/**
 * What offering the lead came to: `placed`; `busy` (another assignment holds the seller; only when not waiting);
 * `at_cap` (the seller's waiting leads reached the cap, counted under their lock); `duplicate` (the same delivery
 * was committed first: stop).
 */
export type Placement = "placed" | "busy" | "at_cap" | "duplicate";

/**
 * M5.5, in the method's order: the client's existing owner; a routing rule's team or sellers (else the default
 * pool) by weighted round-robin, skipping the absent, paused, outside their hours or at their cap; the on-duty
 * seller; the head of sales. `place` makes each offer: it locks the seller and checks the cap under the lock, so
 * leads arriving together never push anyone past a cap (`seller` is null for the owner, the on-duty seller, the
 * head or nobody, who are not locked). A seller another assignment holds is skipped at first (SKIP LOCKED) and
 * waited for only when nobody else of the pool is free.
 */
export const distributeLead = async (
  input: {
    client: KnownClient | null;
    rule: RoutingRule | null;
    /** The availability of the rule's pool (else the default pool), read before any lock. */
    pool: readonly SellerAvailability[];
    /** Sellers the lead was taken from (the SLA's reassignment): never again. */
    exclude?: readonly string[];
    fallback: () => Promise<{ onDuty: SellerAvailability[]; heads: { userId: string; active: boolean }[] }>;
  },
  place: (assignment: Assignment, seller: SellerOffer | null) => Promise<Placement>,
): Promise<{ assignment: Assignment; placement: "placed" | "duplicate" }> => {
  const { rule, pool } = input;
  const exclude = new Set(input.exclude ?? []);
  const settle = async (assignment: Assignment, seller: SellerOffer | null): Promise<{ assignment: Assignment; placement: Placement }> => ({
    assignment,
    placement: await place(assignment, seller),
  });
  const owner = input.client ? { userId: input.client.ownerId, active: input.client.ownerActive } : null;
  if (owner && owner.active && !exclude.has(owner.userId)) {
    const done = await settle({ route: "existing_owner", userId: owner.userId, ruleId: null }, null);
    if (done.placement === "placed" || done.placement === "duplicate") return { assignment: done.assignment, placement: done.placement };
  }

  const atCap = new Set<string>();
  const busy: string[] = [];
  for (;;) {
    const skip = [...exclude, ...atCap, ...busy];
    const decision = decideRoute({ existingOwner: null, matchedRule: rule, pool, onDuty: [], heads: [], exclude: skip });
    if (decision.kind !== "rule" && decision.kind !== "round_robin") break;
    const seller = pool.find((s) => s.userId === decision.userId);
    if (!seller) break;
    const done = await settle({ route: decision.kind, userId: seller.userId, ruleId: rule?.id ?? null }, { userId: seller.userId, leadCap: seller.leadCap, wait: false });
    if (done.placement === "placed" || done.placement === "duplicate") return { assignment: done.assignment, placement: done.placement };
    if (done.placement === "busy") busy.push(seller.userId);
    else atCap.add(seller.userId);
  }
  // Everyone free is taken or full: wait for the sellers other assignments hold, best first.
  for (const userId of busy) {
    const seller = pool.find((s) => s.userId === userId);
    if (!seller) continue;
    const done = await settle({ route: rule ? "rule" : "round_robin", userId, ruleId: rule?.id ?? null }, { userId, leadCap: seller.leadCap, wait: true });
    if (done.placement === "placed" || done.placement === "duplicate") return { assignment: done.assignment, placement: done.placement };
  }

  const { onDuty, heads } = await input.fallback();
  const last = decideRoute({ existingOwner: null, matchedRule: rule, pool: [], onDuty, heads, exclude: [...exclude] });
  const assignment: Assignment = ((): Assignment => {
    switch (last.kind) {
      case "on_duty":
      case "head":
        return { route: last.kind, userId: last.userId, ruleId: last.ruleId };
      case "unassigned":
        return { route: "unassigned", userId: null, ruleId: last.ruleId };
      case "existing_owner":
      case "rule":
      case "round_robin":
        return { route: last.kind, userId: last.userId, ruleId: rule?.id ?? null };
    }
  })();
  const done = await settle(assignment, null);
  return { assignment, placement: done.placement === "duplicate" ? "duplicate" : "placed" };
};

/** The on-duty sellers' availability and the active heads: the last steps of distribution. */
export const loadFallback = async (tx: Executor, organizationId: string, now: Date, calendar: WorkCalendar) => {
  const [dutyIds, headIds] = await Promise.all([onDutyUserIds(tx, organizationId), activeHeadIds(tx, organizationId)]);
  return {
    onDuty: await loadPoolAvailability(tx, organizationId, dutyIds, now, calendar, { openLeads: "up_to_cap" }),
    heads: headIds.map((userId) => ({ userId, active: true })),
  };
};

/**
 * `distributeLead` inside the caller's transaction, which then writes the lead: the chosen seller's membership row
 * stays locked and their untouched leads were counted again under the lock (the SLA's reassignment).
 */
export const chooseAssignee = async (
  tx: Executor,
  input: {
    organizationId: string;
    facts: LeadFacts;
    client: KnownClient | null;
    now: Date;
    calendar: WorkCalendar;
    /** Sellers the lead was taken from (the SLA's reassignment): never again. */
    exclude?: readonly string[];
    rules?: readonly RoutingRule[];
  },
): Promise<Assignment> => {
  const { organizationId, now, calendar } = input;
  const rules = input.rules ?? (await enabledRoutingRules(tx, organizationId));
  const rule = firstMatchingRule(input.facts, rules);
  const poolIds = rule ? await ruleTargetUserIds(tx, organizationId, rule) : await defaultPoolUserIds(tx, organizationId);
  const pool: SellerAvailability[] = await loadPoolAvailability(tx, organizationId, poolIds, now, calendar, { openLeads: "up_to_cap" });
  const { assignment } = await distributeLead(
    { client: input.client, rule, pool, ...(input.exclude && { exclude: input.exclude }), fallback: () => loadFallback(tx, organizationId, now, calendar) },
    async (_assignment, seller) => {
      if (!seller) return "placed";
      if (seller.leadCap === null) return (await lockSeller(tx, organizationId, seller.userId, !seller.wait)) ? "placed" : "busy";
      // A seller found full is let go at once — the lock is taken inside a savepoint whose rollback releases the row —
      // so this transaction never holds a seller it does not take, and two assignments never wait for each other.
      await tx.execute(sql`savepoint take_seller`);
      const locked = await lockSeller(tx, organizationId, seller.userId, !seller.wait);
      const placed = locked && (await countWaitingLeads(tx, organizationId, seller.userId)) < seller.leadCap;
      await tx.execute(placed ? sql`release savepoint take_seller` : sql`rollback to savepoint take_seller`);
      if (placed) return "placed";
      return locked ? "at_cap" : "busy";
    },
  );
  return assignment;
};
