import type { LeadReceipt } from "@conveyor/contracts";
import { decideRoute, type SellerAvailability } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { BatchOutcome } from "../db/group-commit";
import { preparedStatements, preparedTransaction } from "../db/prepared";
import { defaultPoolCondition, ruleTargetCondition } from "../repositories/lead-availability.repository";
import { lockSellers, readDeliveries, writeLeads, type CapCheck, type PoolQuery } from "../repositories/lead-batch.repository";
import { findDeliveryAndClient, type LeadWrite } from "../repositories/lead-intake.repository";
import type { Assignment } from "./assign-lead";
import { duplicateReceipt, leadPartsOf, leadWriteFor, newLeadReceipt, type LeadParts, type PreparedLead } from "./lead-delivery";

/*
 * The intake's group commit (M5.5 under load): leads of one organization that arrive together are read, assigned
 * and written in one transaction — one read, one lock statement, one write and one commit for the batch instead of
 * two statements and a commit each (db/group-commit.ts gathers them; each is answered after the commit).
 *
 * Distribution is the one-lead path's (assign-lead.ts), run in memory over one read of the pools: each lead given
 * to a seller counts on that seller's share and open leads for the leads after it. The sellers chosen are then
 * locked in the order of their ids and the write checks every cap under the locks, counting the batch's own
 * leads — so a batch never pushes a seller past their cap, and two batches never wait for each other.
 * Whatever the batch cannot settle goes back to the one-lead path (`alone`): a lead whose pool has nobody free
 * (the on-duty seller, the head, waiting for a busy seller are that path's), and the whole batch when a seller
 * became inactive or full since the read.
 */

type Planned = { lead: PreparedLead; parts: LeadParts; assignment: Assignment; write: LeadWrite };

const poolKeyOf = (lead: PreparedLead): string => lead.rule?.id ?? "default";

/** The pools the batch's leads are offered to, each once. */
const poolQueries = (organizationId: string, leads: readonly PreparedLead[]): PoolQuery[] => {
  const pools = new Map<string, PoolQuery>();
  for (const lead of leads) {
    const key = poolKeyOf(lead);
    if (pools.has(key)) continue;
    pools.set(key, { key, members: lead.rule ? ruleTargetCondition(organizationId, lead.rule) : defaultPoolCondition(organizationId) });
  }
  return [...pools.values()];
};

/** A lead given to a seller counts for the next: one more today (the round-robin share) and, under a cap, one more open. */
const countOn = (seller: SellerAvailability | undefined, now: Date): void => {
  if (!seller) return;
  seller.assignedToday += 1;
  seller.lastAssignedAt = now;
  if (seller.leadCap !== null) seller.openLeads += 1;
};

/**
 * Writes two or more prepared leads of one organization in one transaction. Answers an outcome per lead, in order;
 * throws when the batch failed (every lead is then written on its own).
 */
export const receiveLeadBatch = async (context: AppContext, leads: readonly PreparedLead[]): Promise<BatchOutcome<LeadReceipt>[]> => {
  const [first] = leads;
  if (!first) return [];
  const organizationId = first.delivery.organizationId;
  const { pipelineId, stageId } = first.intake;
  if (!pipelineId || !stageId) return leads.map(() => "alone");

  const read = await readDeliveries(
    preparedStatements(context.database),
    organizationId,
    leads.map((lead) => lead.probe),
    poolQueries(organizationId, leads),
    { now: first.now, calendar: first.calendar },
  );
  // One state per seller, shared by every pool they are in, so each lead sees the ones given before it.
  const sellers = new Map<string, SellerAvailability>();
  for (const members of read.pools.values()) for (const member of members) if (!sellers.has(member.userId)) sellers.set(member.userId, { ...member });

  const outcomes: BatchOutcome<LeadReceipt>[] = [];
  const planned: { index: number; plan: Planned }[] = [];
  leads.forEach((lead, index) => {
    const found = read.found[index];
    if (found?.existing) {
      outcomes[index] = { result: duplicateReceipt(found.existing) };
      return;
    }
    const client = found?.client ?? null;
    const assignment = ((): Assignment | null => {
      if (client?.ownerActive) return { route: "existing_owner", userId: client.ownerId, ruleId: null };
      const pool = (read.pools.get(poolKeyOf(lead)) ?? []).flatMap((m) => sellers.get(m.userId) ?? []);
      const decision = decideRoute({ existingOwner: null, matchedRule: lead.rule, pool, onDuty: [], heads: [] });
      if (decision.kind !== "rule" && decision.kind !== "round_robin") return null;
      return { route: decision.kind, userId: decision.userId, ruleId: lead.rule?.id ?? null };
    })();
    if (!assignment) {
      outcomes[index] = "alone";
      return;
    }
    countOn(assignment.userId === null ? undefined : sellers.get(assignment.userId), lead.now);
    const parts = leadPartsOf(lead, client);
    planned.push({ index, plan: { lead, parts, assignment, write: leadWriteFor(lead, parts, { pipelineId, stageId }, null, assignment) } });
  });
  if (planned.length === 0) return outcomes;

  // Sellers from a pool are locked, and their caps checked under the locks; the client's own owner is not (as alone).
  const fromPools = [
    ...new Set(planned.flatMap(({ plan }) => (plan.assignment.route !== "existing_owner" && plan.assignment.userId ? [plan.assignment.userId] : []))),
  ];
  const caps: CapCheck[] = fromPools.flatMap((userId) => {
    const cap = sellers.get(userId)?.leadCap ?? null;
    if (cap === null) return [];
    return [{ userId, cap, taking: planned.filter(({ plan }) => plan.assignment.userId === userId).length }];
  });
  const written = await preparedTransaction(context.database, async (tx) => {
    const locked = await lockSellers(tx, organizationId, fromPools);
    if (locked.size !== fromPools.length) return null;
    const outcome = await writeLeads(tx, organizationId, planned.map(({ plan }) => plan.write), caps);
    return outcome.guarded ? outcome.written : null;
  });
  if (!written) {
    // A seller left or filled up since the read: the one-lead path takes the batch, seller by seller.
    return leads.map(() => "alone");
  }
  for (const { index, plan } of planned) {
    if (written.has(plan.parts.leadId)) {
      outcomes[index] = { result: newLeadReceipt(plan.parts, plan.assignment) };
      continue;
    }
    // The same delivery was committed first by someone else: answer with its lead.
    const again = await findDeliveryAndClient(context.database.db, organizationId, { ...plan.lead.probe, phone: null, email: null, legalId: null });
    outcomes[index] = again.existing ? { result: duplicateReceipt(again.existing) } : "alone";
  }
  return outcomes;
};
