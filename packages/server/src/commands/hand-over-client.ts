import { handoverRuleParamsSchema, type HandoverRuleParams, type HandoverTrigger, type Level } from "@conveyor/contracts";
import { evaluateHunterToFarmer, nextLevel, pickReceiver, type CriterionResult, type PurchaseHistory } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { companies } from "../db/schema";
import { and, eq } from "drizzle-orm";
import type { ConveyorSettingsRow } from "../repositories/conveyor-settings.repository";
import {
  dealAtOrPastStage,
  grantGiverAccess,
  insertHandover,
  insertNotifications,
  moveOpenDeals,
  moveOpenTasks,
  receiversAtLevel,
  signedAcceptanceAct,
  type ConveyorClient,
  type HandoverRuleRow,
} from "../repositories/handover.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

export const parseLevel = (value: string | null): Level | null => {
  switch (value) {
    case "L1":
    case "L2":
    case "L3":
      return value;
    default:
      return null;
  }
};

/** The rule's parameters as saved (they carry their kind); a row that no longer parses is never applied. */
export const ruleParams = (rule: HandoverRuleRow): HandoverRuleParams | null => {
  const parsed = handoverRuleParamsSchema.safeParse({ ...rule.params, kind: rule.kind });
  return parsed.success ? parsed.data : null;
};

/** The levels a rule moves between (M1.4): L1 → L2 on readiness, L2 → L3 on the act or the hunter → farmer criteria. */
export const ruleLevels = (kind: HandoverRuleParams["kind"]): { fromLevel: Level; toLevel: Level } => {
  switch (kind) {
    case "hot":
    case "stage":
      return { fromLevel: "L1", toLevel: "L2" };
    case "acceptance_act":
    case "orders":
    case "volume":
    case "product":
    case "monthly_minimum":
      return { fromLevel: "L2", toLevel: "L3" };
  }
};

/**
 * Whether a rule holds for a client now, with the figures it saw (kept on the handover and
 * shown in the timeline). The purchase criteria are the domain's (M4.1); history is loaded once
 * by the caller when a purchase rule needs it.
 */
export const evaluateRule = async (
  ex: Executor,
  organizationId: string,
  client: ConveyorClient,
  rule: HandoverRuleParams,
  today: string,
  history: () => Promise<PurchaseHistory>,
): Promise<CriterionResult> => {
  switch (rule.kind) {
    case "hot":
      return { met: client.temperature === "hot", figures: { temperature: client.temperature } };
    case "stage": {
      const deal = await dealAtOrPastStage(ex, organizationId, client.id, rule.stageId);
      return deal ? { met: true, figures: { deal: deal.title, stage: deal.stage } } : { met: false, figures: {} };
    }
    case "acceptance_act": {
      const act = await signedAcceptanceAct(ex, organizationId, client.id, today);
      return act ? { met: true, figures: { deal: act.title, acceptanceSignedOn: act.signedOn } } : { met: false, figures: {} };
    }
    case "orders":
      return evaluateHunterToFarmer({ kind: "orders", count: rule.count }, await history(), today);
    case "volume":
      return evaluateHunterToFarmer({ kind: "volume", amountMinor: rule.amountMinor, currency: rule.currency }, await history(), today);
    case "product":
      return evaluateHunterToFarmer(
        { kind: "product", productIds: rule.productIds, productGroupIds: rule.productGroupIds },
        await history(),
        today,
      );
    case "monthly_minimum":
      return evaluateHunterToFarmer(
        { kind: "monthly_minimum", months: rule.months, amountMinor: rule.amountMinor, currency: rule.currency },
        await history(),
        today,
      );
  }
};

export type HandoverRequest = {
  trigger: HandoverTrigger;
  /** The rule that fired; null when a person handed the client over. */
  rule: { id: string; kind: string } | null;
  figures: Record<string, string | number>;
  /** A team lead's or head's choice of receiver; otherwise the balance picks. */
  toUserId?: string | undefined;
  comment?: string | undefined;
  actorId: string | null;
  now: Date;
};

export type HandoverOutcome =
  | { kind: "handed_over"; handoverId: string; toUserId: string; toLevel: Level }
  | { kind: "not_possible"; reason: "one_level" | "no_level" | "last_level" }
  | { kind: "no_receiver"; toLevel: Level };

/** The receiver the balance would pick at a level: the least loaded active seller below their cap. */
export const balancedReceiver = async (ex: Executor, settings: ConveyorSettingsRow, level: Level): Promise<string | null> => {
  const candidates = await receiversAtLevel(ex, settings.organizationId, level, settings.receiverCap);
  return pickReceiver(candidates.map((c) => ({ userId: c.id, load: c.load, cap: c.cap })));
};

/**
 * M1.4 / M4.1: hands a client to the next level. The caller holds the client's row lock and has
 * checked the client is still at the level the rule or the person saw, so running it twice
 * changes nothing. One transaction: the owner and level, the open tasks and deals, the giver's
 * read access for the grace period, the handover record, the timeline line, both notices.
 */
export const performHandover = async (
  tx: Executor,
  settings: ConveyorSettingsRow,
  client: ConveyorClient,
  request: HandoverRequest,
): Promise<HandoverOutcome> => {
  if (settings.departmentMode !== "three_level") return { kind: "not_possible", reason: "one_level" };
  const fromLevel = parseLevel(client.level);
  if (!fromLevel) return { kind: "not_possible", reason: "no_level" };
  const toLevel = nextLevel(fromLevel);
  if (!toLevel) return { kind: "not_possible", reason: "last_level" };
  const toUserId = request.toUserId ?? (await balancedReceiver(tx, settings, toLevel));
  if (!toUserId) return { kind: "no_receiver", toLevel };

  const { now } = request;
  const organizationId = settings.organizationId;
  const giverId = client.ownerId;
  await tx
    .update(companies)
    .set({ ownerId: toUserId, level: toLevel, levelEnteredAt: now, updatedAt: now })
    .where(and(eq(companies.organizationId, organizationId), eq(companies.id, client.id)));
  const changesHands = giverId !== toUserId;
  const movedTasks = changesHands ? await moveOpenTasks(tx, organizationId, client.id, giverId, toUserId, now) : 0;
  if (changesHands) await moveOpenDeals(tx, organizationId, client.id, giverId, toUserId, now);
  const giverAccessUntil = changesHands && settings.giverAccessDays > 0 ? new Date(now.getTime() + settings.giverAccessDays * 86_400_000) : null;
  if (giverAccessUntil) await grantGiverAccess(tx, organizationId, client.id, giverId, giverAccessUntil, now);
  const since = client.levelEnteredAt ?? client.createdAt;
  const handoverId = await insertHandover(tx, {
    organizationId,
    companyId: client.id,
    fromLevel,
    toLevel,
    fromUserId: giverId,
    toUserId,
    ruleId: request.rule?.id ?? null,
    reason: request.rule?.kind ?? "manual",
    trigger: request.trigger,
    figures: request.figures,
    comment: request.comment ?? null,
    actorId: request.actorId,
    movedTasks,
    giverAccessUntil,
    secondsAtLevel: Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)),
    at: now,
  });
  if (changesHands) {
    await auditAs(tx, { organizationId, userId: request.actorId }, "owner_changed", now, { kind: "company", id: client.id }, { from: giverId, to: toUserId, via: "handover", handoverId, fromLevel, toLevel, trigger: request.trigger });
  }
  const system: Viewer = { organizationId, userId: request.actorId ?? giverId, role: "admin", via: "session", sessionId: null };
  await recordTimelineEvent(tx, system, {
    companyId: client.id,
    kind: "handover",
    at: now,
    actorId: request.actorId,
    fromValue: fromLevel,
    toValue: toLevel,
    handoverId,
  });
  await insertNotifications(
    tx,
    changesHands
      ? [
          { organizationId, userId: toUserId, kind: "handover_received", companyId: client.id, handoverId, createdAt: now },
          { organizationId, userId: giverId, kind: "handover_given", companyId: client.id, handoverId, createdAt: now },
        ]
      : [],
  );
  client.ownerId = toUserId;
  client.level = toLevel;
  client.levelEnteredAt = now;
  return { kind: "handed_over", handoverId, toUserId, toLevel };
};
