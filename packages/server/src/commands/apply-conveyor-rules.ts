import type { HandoverTrigger } from "@conveyor/contracts";
import { evaluatePermanentClient, localDateOf, type PurchaseHistory } from "@conveyor/domain";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database";
import { companies } from "../db/schema";
import { readConveyorSettings, type ConveyorSettingsRow } from "../repositories/conveyor-settings.repository";
import {
  insertNotifications,
  listHandoverRules,
  lockConveyorClient,
  purchaseHistories,
  type ConveyorClient,
  type HandoverRuleRow,
} from "../repositories/handover.repository";
import { recordTimelineEvent } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { evaluateRule, performHandover, ruleLevels, ruleParams, type HandoverOutcome } from "./hand-over-client";

export type RulesOutcome = { handovers: HandoverOutcome[]; permanent: boolean };

const permanentConfigured = (settings: ConveyorSettingsRow): boolean =>
  settings.permanentTotalMinor !== null || settings.permanentMonthlyMinor !== null;

/** Memoizes one client's purchase history for the rules of one run. */
const historyOf = (ex: Executor, organizationId: string, companyId: string): (() => Promise<PurchaseHistory>) => {
  let loaded: Promise<PurchaseHistory> | undefined;
  return () => {
    loaded ??= purchaseHistories(ex, organizationId, [companyId]).then((m) => m.get(companyId) ?? { orders: [], payments: [] });
    return loaded;
  };
};

/**
 * M4.2: a client whose purchases reached the organization's threshold becomes permanent, with
 * its service level. The status is kept once reached (a later refund does not take it back).
 */
export const markPermanentIfDue = async (
  tx: Executor,
  settings: ConveyorSettingsRow,
  client: ConveyorClient,
  today: string,
  history: () => Promise<PurchaseHistory>,
  now: Date,
  actorId: string | null,
): Promise<boolean> => {
  if (client.status === "permanent" || !permanentConfigured(settings)) return false;
  const result = evaluatePermanentClient(
    {
      totalAmountMinor: settings.permanentTotalMinor,
      monthlyMinimumMinor: settings.permanentMonthlyMinor,
      months: settings.permanentMonths,
      currency: settings.currency,
    },
    await history(),
    today,
  );
  if (!result.met) return false;
  const organizationId = settings.organizationId;
  await tx
    .update(companies)
    .set({ status: "permanent", permanentSince: now, serviceLevel: settings.permanentServiceLevel, updatedAt: now })
    .where(and(eq(companies.organizationId, organizationId), eq(companies.id, client.id)));
  const system: Viewer = { organizationId, userId: actorId ?? client.ownerId, role: "admin", via: "session", sessionId: null };
  await recordTimelineEvent(tx, system, {
    companyId: client.id,
    kind: "field_changed",
    at: now,
    actorId,
    field: "status",
    fromValue: client.status,
    toValue: "permanent",
  });
  await insertNotifications(tx, [{ organizationId, userId: client.ownerId, kind: "permanent_client", companyId: client.id, createdAt: now }]);
  client.status = "permanent";
  return true;
};

/**
 * Runs the enabled handover rules and the permanent-client rule for one client, inside the
 * transaction of the event that may have made them true (a stage change, an order, a payment,
 * the signed act, a temperature change). Locking the client first makes two simultaneous
 * events hand it over once: the second finds it at the next level already.
 */
export const applyConveyorRules = async (
  tx: Executor,
  options: {
    organizationId: string;
    companyId: string;
    trigger: HandoverTrigger;
    now: Date;
    actorId: string | null;
    /** Preloaded by the sweep. */
    settings?: ConveyorSettingsRow;
    rules?: readonly HandoverRuleRow[];
  },
): Promise<RulesOutcome> => {
  const settings = options.settings ?? (await readConveyorSettings(tx, options.organizationId));
  const rules = settings.departmentMode === "three_level" ? (options.rules ?? (await listHandoverRules(tx, options.organizationId, true))) : [];
  const outcome: RulesOutcome = { handovers: [], permanent: false };
  if (rules.length === 0 && !permanentConfigured(settings)) return outcome;
  const client = await lockConveyorClient(tx, options.organizationId, options.companyId);
  if (!client) return outcome;
  const today = localDateOf(options.now, settings.timeZone);
  const history = historyOf(tx, options.organizationId, client.id);

  // A client may climb two levels in one event (an imported client whose act is already signed).
  for (let step = 0; step < 2; step += 1) {
    let fired = false;
    for (const rule of rules) {
      const params = ruleParams(rule);
      if (!params || ruleLevels(params.kind).fromLevel !== client.level) continue;
      const result = await evaluateRule(tx, options.organizationId, client, params, today, history);
      if (!result.met) continue;
      const handover = await performHandover(tx, settings, client, {
        trigger: options.trigger,
        rule: { id: rule.id, kind: rule.kind },
        figures: result.figures,
        actorId: options.actorId,
        now: options.now,
      });
      outcome.handovers.push(handover);
      fired = handover.kind === "handed_over";
      break;
    }
    if (!fired) break;
  }
  outcome.permanent = await markPermanentIfDue(tx, settings, client, today, history, options.now, options.actorId);
  return outcome;
};
