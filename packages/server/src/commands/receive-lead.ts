import type { LeadReceipt } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Database, Executor } from "../db/database";
import { groupCommit, type GroupCommit } from "../db/group-commit";
import { preparedStatements } from "../db/prepared";
import { AppError, notFound } from "../http/app-error";
import { organizationWorkCalendar } from "../kpi/org-calendar";
import { cachedIntake, type CachedIntake } from "../repositories/intake-cache";
import { defaultPoolCondition, ruleTargetCondition } from "../repositories/lead-availability.repository";
import {
  enabledRoutingRules,
  findDeliveryAndClient,
  loadIntakeSettings,
  lockSeller,
  readDelivery,
  writeLead,
  type WriteOutcome,
} from "../repositories/lead-intake.repository";
import { distributeLead, loadFallback, type Placement } from "./assign-lead";
import { duplicateReceipt, leadPartsOf, leadWriteFor, newLeadReceipt, prepareLead, type LeadDelivery, type PreparedLead } from "./lead-delivery";
import { receiveLeadBatch } from "./receive-lead-batch";

export type { IntakeSource, LeadDelivery } from "./lead-delivery";

/** The organization's settings, calendar and rules, as kept by intake-cache.ts. */
const loadIntake = async (ex: Executor, organizationId: string): Promise<CachedIntake | undefined> => {
  const [settings, rules] = await Promise.all([loadIntakeSettings(ex, organizationId), enabledRoutingRules(ex, organizationId)]);
  return settings ? { settings, calendar: organizationWorkCalendar(settings), rules } : undefined;
};

const placementOf = (outcome: WriteOutcome, refused: Placement): Placement => {
  switch (outcome) {
    case "written":
      return "placed";
    case "duplicate":
      return "duplicate";
    case "refused":
      return refused;
  }
};

/** Leads in one batch at most: a batch's write is one statement, its JSON a few hundred kilobytes at most. */
const maxBatch = 64;

/** One queue per organization of each database (tests open several): leads of different organizations never share a batch. */
const queues = new WeakMap<Database, Map<string, GroupCommit<PreparedLead, LeadReceipt>>>();

const intakeQueue = (context: AppContext, organizationId: string): GroupCommit<PreparedLead, LeadReceipt> => {
  const database = context.database;
  const ofDatabase = queues.get(database) ?? new Map<string, GroupCommit<PreparedLead, LeadReceipt>>();
  queues.set(database, ofDatabase);
  const known = ofDatabase.get(organizationId);
  if (known) return known;
  const queue = groupCommit<PreparedLead, LeadReceipt>({
    maxBatch,
    // Two deliveries with the same key, or naming the same client, go in different batches: the later one then
    // reads what the earlier wrote, as it would one after the other.
    keysOf: ({ probe }) => [
      ...(probe.externalKey ? [`key:${probe.sourceId}:${probe.externalKey}`] : []),
      ...(probe.phone ? [`phone:${probe.phone}`] : []),
      ...(probe.email ? [`email:${probe.email}`] : []),
      ...(probe.legalId ? [`legal:${probe.legalId}`] : []),
    ],
    one: (lead) => receiveOneLead(context, lead),
    many: (leads) => receiveLeadBatch(context, leads),
    idle: () => ofDatabase.delete(organizationId),
  });
  ofDatabase.set(organizationId, queue);
  return queue;
};

/**
 * M5.5: a lead from any source becomes a deal in front of the right seller, atomically — a new client (or the one
 * its phone, email or legal id already names), its contact, a deal in the first stage, the lead with its
 * speed-to-lead timers, the assignment and a notice to the seller. A delivery seen before (same source and
 * idempotency key) answers with the lead it made and changes nothing, even when both arrive at once.
 *
 * The delivery is checked first, so a bad one fails on its own. Leads of an organization that arrive while others
 * are being written are written together in one transaction (receive-lead-batch.ts); a lead that arrives alone
 * takes the one-lead path (`receiveOneLead`). Either way the answer comes after the commit.
 */
export const receiveLead = async (context: AppContext, delivery: LeadDelivery): Promise<LeadReceipt> => {
  const { organizationId, source } = delivery;
  if (!source.enabled) throw new AppError("lead_source_disabled", `The source "${source.name}" is switched off`);
  const cached = await cachedIntake(context.database.db, organizationId, loadIntake);
  if (!cached) throw notFound("The organization");
  const lead = prepareLead(delivery, cached, context.now());
  return intakeQueue(context, organizationId).submit(lead);
};

/**
 * One lead on its own, in two statements for most: one read (`readDelivery`) and one write that locks the chosen
 * seller itself (`writeLead` with a `lock` guard). A seller with a cap is locked first in a transaction whose write
 * counts their waiting leads under the lock; a seller another lead holds is passed over for the next (distributeLead).
 */
const receiveOneLead = async (context: AppContext, lead: PreparedLead): Promise<LeadReceipt> => {
  const { db } = context.database;
  const { delivery, now, intake, calendar, rule, probe } = lead;
  const { organizationId } = delivery;
  const members = rule ? ruleTargetCondition(organizationId, rule) : defaultPoolCondition(organizationId);
  // The two statements most leads take run prepared: parsed and planned once per connection.
  const prepared = preparedStatements(context.database);
  const first = await readDelivery(prepared, organizationId, probe, { members, now, calendar });
  if (first.existing) return duplicateReceipt(first.existing);

  if (!intake.pipelineId || !intake.stageId) throw notFound("The organization's pipeline");
  const pipeline = { pipelineId: intake.pipelineId, stageId: intake.stageId };
  const client = first.client;
  const parts = leadPartsOf(lead, client);

  const { assignment, placement } = await distributeLead(
    { client, rule, pool: first.pool, fallback: () => loadFallback(db, organizationId, now, calendar) },
    async (offer, seller): Promise<Placement> => {
      const write = leadWriteFor(lead, parts, pipeline, first.fallbackOwnerId, offer);
      if (!seller) return placementOf(await writeLead(prepared, write), "placed");
      if (seller.leadCap === null) {
        return placementOf(await writeLead(prepared, write, { kind: "lock", userId: seller.userId, skipLocked: !seller.wait }), "busy");
      }
      const cap = seller.leadCap;
      return db.transaction(async (tx) => {
        if (!(await lockSeller(tx, organizationId, seller.userId, !seller.wait))) return "busy";
        return placementOf(await writeLead(tx, write, { kind: "cap", userId: seller.userId, cap }), "at_cap");
      });
    },
  );
  if (placement === "duplicate") {
    const again = await findDeliveryAndClient(db, organizationId, { ...probe, phone: null, email: null, legalId: null });
    if (!again.existing) throw new Error("A delivery with the same key was written first but cannot be found");
    return duplicateReceipt(again.existing);
  }
  return newLeadReceipt(parts, assignment);
};
