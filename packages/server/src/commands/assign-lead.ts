import {
  countryWeekend,
  decideRoute,
  firstMatchingRule,
  weekendWorkingDay,
  type LeadFacts,
  type RouteDecision,
  type RoutingRule,
  type SellerAvailability,
  type WorkCalendar,
} from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { countWaitingLeads, lockSeller, type IntakeContext, type KnownClient } from "../repositories/lead-intake.repository";
import {
  activeHeadIds,
  defaultPoolUserIds,
  loadPoolAvailability,
  onDutyUserIds,
  ruleTargetUserIds,
} from "../repositories/lead-availability.repository";
import { enabledRoutingRules } from "../repositories/lead-intake.repository";

/** The organization's working time as the domain reads it: its hours, time zone and weekend (M5.5 business minutes). */
export const organizationCalendar = (context: Pick<IntakeContext, "country" | "timeZone" | "workStart" | "workEnd" | "thursdayOff">): WorkCalendar => {
  const country = context.country === "RU" || context.country === "IR" ? context.country : "OTHER";
  return {
    timeZone: context.timeZone,
    workStart: context.workStart,
    workEnd: context.workEnd,
    isWorkingDay: weekendWorkingDay(countryWeekend(country, context.thursdayOff)),
  };
};

export type Assignment = { route: RouteDecision["kind"]; userId: string | null; ruleId: string | null };

/**
 * M5.5, in the method's order: the client's existing owner; a routing rule's team or sellers (else the default
 * pool) by weighted round-robin, skipping the absent, paused, outside their hours or at their cap; the on-duty
 * seller; the head of sales. Runs inside the lead's transaction: the chosen seller's membership row is locked
 * and their untouched leads counted again under the lock, so leads arriving together never push anyone past
 * a cap. A seller another assignment holds is skipped at first (SKIP LOCKED) and waited for only when nobody
 * else of the pool is free.
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
  const exclude = new Set(input.exclude ?? []);
  const owner = input.client ? { userId: input.client.ownerId, active: input.client.ownerActive } : null;
  if (owner && owner.active && !exclude.has(owner.userId)) return { route: "existing_owner", userId: owner.userId, ruleId: null };

  const rules = input.rules ?? (await enabledRoutingRules(tx, organizationId));
  const rule = firstMatchingRule(input.facts, rules);
  const poolIds = rule ? await ruleTargetUserIds(tx, organizationId, rule) : await defaultPoolUserIds(tx, organizationId);
  const pool: SellerAvailability[] = await loadPoolAvailability(tx, organizationId, poolIds, now, calendar, { openLeads: "up_to_cap" });

  const atCap = new Set<string>();
  const busy: string[] = [];
  let fallback: { onDuty: SellerAvailability[]; heads: { userId: string; active: boolean }[] } | null = null;
  const loadFallback = async () => {
    if (fallback) return fallback;
    const [dutyIds, headIds] = await Promise.all([onDutyUserIds(tx, organizationId), activeHeadIds(tx, organizationId)]);
    fallback = {
      onDuty: await loadPoolAvailability(tx, organizationId, dutyIds, now, calendar, { openLeads: "up_to_cap" }),
      heads: headIds.map((userId) => ({ userId, active: true })),
    };
    return fallback;
  };

  /**
   * Locks a seller and counts their untouched leads again under the lock. A seller found at their cap is let go
   * at once — the lock is taken inside a savepoint whose rollback releases the row — so an assignment never
   * holds a seller it does not take, and two assignments never wait for each other (no deadlock).
   */
  const take = async (seller: SellerAvailability, skipLocked: boolean): Promise<"taken" | "busy" | "full"> => {
    if (seller.leadCap === null) return (await lockSeller(tx, organizationId, seller.userId, skipLocked)) ? "taken" : "busy";
    await tx.execute(sql`savepoint take_seller`);
    const locked = await lockSeller(tx, organizationId, seller.userId, skipLocked);
    const taken = locked && (await countWaitingLeads(tx, organizationId, seller.userId)) < seller.leadCap;
    await tx.execute(taken ? sql`release savepoint take_seller` : sql`rollback to savepoint take_seller`);
    if (taken) return "taken";
    return locked ? "full" : "busy";
  };

  for (;;) {
    const skip = [...exclude, ...atCap, ...busy];
    const decision = decideRoute({ existingOwner: null, matchedRule: rule, pool, onDuty: [], heads: [], exclude: skip });
    if (decision.kind !== "rule" && decision.kind !== "round_robin") break;
    const seller = pool.find((s) => s.userId === decision.userId);
    if (!seller) break;
    const outcome = await take(seller, true);
    if (outcome === "taken") return { route: decision.kind, userId: seller.userId, ruleId: rule?.id ?? null };
    if (outcome === "busy") busy.push(seller.userId);
    else atCap.add(seller.userId);
  }
  // Everyone free is taken or full: wait for the sellers other assignments hold, best first.
  for (const userId of busy) {
    const seller = pool.find((s) => s.userId === userId);
    if (seller && (await take(seller, false)) === "taken") return { route: rule ? "rule" : "round_robin", userId, ruleId: rule?.id ?? null };
  }

  const { onDuty, heads } = await loadFallback();
  const last = decideRoute({ existingOwner: null, matchedRule: rule, pool: [], onDuty, heads, exclude: [...exclude] });
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
};
