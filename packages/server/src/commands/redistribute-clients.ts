import type { FieldError, Redistribute } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { loadLeadSettings } from "../repositories/lead-settings.repository";
import { insertRedistribution, moveClients, moveOpenDeals, moveOpenTasks, setRedistributionCounts } from "../repositories/redistribution-moves.repository";
import { lockGiver } from "../repositories/redistribution.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { planRedistribution, type RedistributionPlan } from "./plan-redistribution";

/*
 * M5.5 redistribution: a seller's clients — with their open deals and open tasks — handed to others in bulk
 * (a vacation, a dismissal): spread over chosen people or a team, by hand, or where the routing rules would
 * send a lead of each client. The preview and the redistribution run the same plan.
 */

const invalid = (errors: FieldError[]): AppError => new AppError("validation_failed", errors[0]?.message ?? "The request is not valid", { errors });

/** What a redistribution would do now; writes nothing. */
export const previewRedistribution = (context: AppContext, viewer: Viewer, input: Redistribute): Promise<RedistributionPlan> =>
  planRedistribution(context.database.db, viewer, input, context.now());

/** The field a refusal for "nothing to move" names: what narrowed the clients, else the person. */
const narrowingField = (input: Redistribute): string => {
  if (input.assignments !== undefined) return "assignments";
  if (input.temperatures !== undefined) return "temperatures";
  if (input.levels !== undefined) return "levels";
  if (input.companyIds !== undefined) return "companyIds";
  return "fromUserId";
};

/**
 * M5.5: the redistribution, in one transaction: each placed client's owner, the person's open deals and open
 * tasks on it, an item per entity moved, an `owner_changed` line per client with who and why, a notice per
 * receiver. The person's membership row is held first, so two redistributions of one person take turns and the
 * plan is the one applied. Undoable until `undo_until` (the lead settings' window). Returns its id.
 */
export const redistributeClients = async (context: AppContext, viewer: Viewer, input: Redistribute): Promise<string> => {
  const now = context.now();
  const { organizationId } = viewer;
  return context.database.db.transaction(async (tx) => {
    await lockGiver(tx, organizationId, input.fromUserId);
    const plan = await planRedistribution(tx, viewer, input, now);
    if (plan.clients.length === 0) {
      throw invalid([{ field: narrowingField(input), code: "no_clients", message: "This person has no such clients to redistribute" }]);
    }
    const placements = plan.clients.flatMap((c) => (c.toUserId === null ? [] : [{ companyId: c.id, toUserId: c.toUserId }]));
    if (placements.length === 0) throw new AppError("no_receiver", "Nobody can take these clients now");
    const settings = await loadLeadSettings(tx, organizationId);
    const redistributionId = await insertRedistribution(tx, {
      organizationId,
      fromUserId: input.fromUserId,
      actorId: viewer.userId,
      mode: input.mode,
      reason: input.reason,
      at: now,
      undoUntil: new Date(now.getTime() + settings.undoWindowMinutes * 60_000),
    });
    const batch = { organizationId, redistributionId, fromUserId: input.fromUserId, actorId: viewer.userId, reason: input.reason, now, placements };
    const clients = await moveClients(tx, batch);
    const deals = await moveOpenDeals(tx, batch);
    const tasks = await moveOpenTasks(tx, batch);
    await setRedistributionCounts(tx, organizationId, redistributionId, { clients, deals, tasks });
    await auditAs(tx, viewer, "owner_changed", now, { kind: "redistribution", id: redistributionId }, { via: "redistribution", from: input.fromUserId, mode: input.mode, reason: input.reason, clients, deals, tasks });
    return redistributionId;
  });
};
