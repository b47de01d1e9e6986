import {
  redistributionPreviewSchema,
  redistributionSchema,
  redistributionUndoSchema,
  type Redistribution,
  type RedistributionPreview,
  type RedistributionUndo,
} from "@conveyor/contracts";
import type { RedistributionPlan } from "../commands/plan-redistribution";
import type { UndoOutcome } from "../commands/undo-redistribution";
import type { RedistributionRow } from "../repositories/redistribution.repository";

/** The preview lists at most this many clients; its totals and shares count them all. */
export const previewClientLimit = 500;

export const presentRedistributionPreview = (plan: RedistributionPlan): RedistributionPreview => {
  const names = new Map(plan.byReceiver.map((r) => [r.id, r.name]));
  return redistributionPreviewSchema.parse({
    clients: plan.clients.slice(0, previewClientLimit).map((c) => ({
      company: { id: c.id, name: c.name },
      to: c.toUserId === null ? null : { id: c.toUserId, name: names.get(c.toUserId) ?? "" },
      openDeals: c.openDeals,
      openTasks: c.openTasks,
      amounts: c.amounts,
    })),
    totals: plan.totals,
    byReceiver: plan.byReceiver.map((r) => ({ user: { id: r.id, name: r.name }, clients: r.clients, deals: r.deals, tasks: r.tasks, amounts: r.amounts })),
    skipped: plan.skipped.map((s) => ({ user: { id: s.id, name: s.name }, reason: s.reason })),
  });
};

/** `canUndo`: not undone yet, still within the window, and the viewer is one who may. */
export const presentRedistribution = (row: RedistributionRow, now: Date): Redistribution =>
  redistributionSchema.parse({
    id: row.id,
    from: { id: row.fromUserId, name: row.fromName },
    actor: { id: row.actorId, name: row.actorName },
    mode: row.mode,
    reason: row.reason,
    clients: row.clients,
    deals: row.deals,
    tasks: row.tasks,
    at: row.at.toISOString(),
    undoUntil: row.undoUntil.toISOString(),
    undoneAt: row.undoneAt ? row.undoneAt.toISOString() : null,
    canUndo: row.undoneAt === null && now.getTime() < row.undoUntil.getTime() && row.viewerMayUndo,
  });

export const presentRedistributionUndo = (row: RedistributionRow, now: Date, outcome: UndoOutcome): RedistributionUndo =>
  redistributionUndoSchema.parse({
    ...presentRedistribution(row, now),
    restored: outcome.restored,
    skipped: {
      clients: outcome.skipped.clients,
      deals: outcome.skipped.deals,
      tasks: outcome.skipped.tasks,
      items: outcome.skipped.items.map((i) => ({
        entity: i.entity,
        id: i.id,
        label: i.label,
        company: { id: i.companyId, name: i.companyName },
        heldBy: { id: i.holderId, name: i.holderName },
        why: i.closed ? "closed" : "changed_hands",
      })),
    },
  });
