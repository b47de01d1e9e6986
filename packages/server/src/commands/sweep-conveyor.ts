import type { HandoverPreview, HandoverRuleParams, SweepResult } from "@conveyor/contracts";
import { localDateOf } from "@conveyor/domain";
import { eq } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { companies, users } from "../db/schema";
import { readConveyorSettings, saveConveyorSettings } from "../repositories/conveyor-settings.repository";
import {
  conveyorClients,
  countAtLevel,
  deleteExpiredShares,
  listHandoverRules,
  permanentCandidates,
  purchaseHistories,
  ruleCandidates,
} from "../repositories/handover.repository";
import { and, inArray } from "drizzle-orm";
import { applyConveyorRules } from "./apply-conveyor-rules";
import { evaluateRule, ruleLevels, ruleParams } from "./hand-over-client";

/**
 * The nightly sweep (M1.4, M4.1, M4.2): every enabled rule over the whole organization, the
 * permanent-client rule, and the end of givers' grace periods. Each client is handed over in its
 * own transaction through the same path as the events, so a sweep run twice changes nothing.
 */
export const sweepConveyor = async (context: AppContext, organizationId: string): Promise<SweepResult> => {
  const { db } = context.database;
  const now = context.now();
  const settings = await readConveyorSettings(db, organizationId);
  const today = localDateOf(now, settings.timeZone);
  const accessExpired = await deleteExpiredShares(db, organizationId, now);
  const rules = settings.departmentMode === "three_level" ? await listHandoverRules(db, organizationId, true) : [];
  const candidates = new Set<string>();
  for (const rule of rules) {
    const params = ruleParams(rule);
    if (params) for (const id of await ruleCandidates(db, organizationId, params, today)) candidates.add(id);
  }
  for (const id of await permanentCandidates(db, settings, today)) candidates.add(id);

  const result: SweepResult = { handedOver: 0, permanentMarked: 0, accessExpired, waitingForReceiver: 0 };
  for (const companyId of candidates) {
    const outcome = await db.transaction((tx) =>
      applyConveyorRules(tx, { organizationId, companyId, trigger: "sweep", now, actorId: null, settings, rules }),
    );
    for (const handover of outcome.handovers) {
      if (handover.kind === "handed_over") result.handedOver += 1;
      if (handover.kind === "no_receiver") result.waitingForReceiver += 1;
    }
    if (outcome.permanent) result.permanentMarked += 1;
  }
  await saveConveyorSettings(db, organizationId, { lastSweepOn: today }, now);
  return result;
};

const previewLimit = 100;
const batchSize = 500;

/** Which clients a rule (new, changed or saved) would move if it were on now; writes nothing. */
export const previewHandoverRule = async (
  context: AppContext,
  organizationId: string,
  rule: HandoverRuleParams,
): Promise<HandoverPreview> => {
  const { db } = context.database;
  const now = context.now();
  const settings = await readConveyorSettings(db, organizationId);
  const today = localDateOf(now, settings.timeZone);
  const { fromLevel, toLevel } = ruleLevels(rule.kind);
  const examined = (await countAtLevel(db, organizationId))[fromLevel] ?? 0;
  const candidates = await ruleCandidates(db, organizationId, rule, today);
  const moved: { companyId: string; figures: Record<string, string | number> }[] = [];
  let total = 0;
  // The SQL is exact for temperature, stage and act: every candidate moves, and only the listed
  // ones need their figures. The purchase criteria are decided on each candidate's history.
  const exact = rule.kind === "hot" || rule.kind === "stage" || rule.kind === "acceptance_act";
  if (exact) {
    total = candidates.length;
    const noHistory = () => Promise.resolve({ orders: [], payments: [] });
    for (const client of await conveyorClients(db, organizationId, candidates.slice(0, previewLimit))) {
      const result = await evaluateRule(db, organizationId, client, rule, today, noHistory);
      moved.push({ companyId: client.id, figures: result.figures });
    }
  } else {
    for (let start = 0; start < candidates.length; start += batchSize) {
      const ids = candidates.slice(start, start + batchSize);
      const [clients, histories] = await Promise.all([conveyorClients(db, organizationId, ids), purchaseHistories(db, organizationId, ids)]);
      for (const client of clients) {
        const history = histories.get(client.id) ?? { orders: [], payments: [] };
        const result = await evaluateRule(db, organizationId, client, rule, today, () => Promise.resolve(history));
        if (!result.met) continue;
        total += 1;
        if (moved.length < previewLimit) moved.push({ companyId: client.id, figures: result.figures });
      }
    }
  }
  const named = await namesOf(db, organizationId, moved.map((m) => m.companyId));
  return {
    fromLevel,
    toLevel,
    examined,
    total,
    truncated: total > moved.length,
    clients: moved.flatMap((m) => {
      const row = named.get(m.companyId);
      return row ? [{ companyId: m.companyId, name: row.name, owner: { id: row.ownerId, name: row.ownerName }, figures: m.figures }] : [];
    }),
  };
};

const namesOf = async (ex: Executor, organizationId: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, { name: string; ownerId: string; ownerName: string }>();
  const rows = await ex
    .select({ id: companies.id, name: companies.name, ownerId: companies.ownerId, ownerName: users.name })
    .from(companies)
    .innerJoin(users, eq(users.id, companies.ownerId))
    .where(and(eq(companies.organizationId, organizationId), inArray(companies.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
};
