import type { AppContext } from "../context";
import { AppError, forbidden, notFound } from "../http/app-error";
import {
  describeItems,
  markUndone,
  redistributionItemsOf,
  undoMoves,
  type LeftAloneItem,
  type RedistributionItem,
} from "../repositories/redistribution-moves.repository";
import { findRedistribution } from "../repositories/redistribution.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

/** How many of what was left alone an undo lists (it counts them all). */
export const leftAloneListLimit = 200;

type PerEntity = { clients: number; deals: number; tasks: number };

export type UndoOutcome = {
  restored: PerEntity;
  /** What changed hands (or closed) since the redistribution, left as it is. */
  skipped: PerEntity & { items: LeftAloneItem[] };
};

const perEntity = (items: readonly RedistributionItem[]): PerEntity => ({
  clients: items.filter((i) => i.entity === "company").length,
  deals: items.filter((i) => i.entity === "deal").length,
  tasks: items.filter((i) => i.entity === "task").length,
});

/**
 * M5.5: takes a redistribution back within its undo window. Each client, open deal and open task that still has
 * the owner or assignee the redistribution gave it goes back to the person it came from, with an `owner_changed`
 * line per client ("Undo: <reason>"); whatever someone changed since is left alone and reported. The
 * redistribution's row is locked, so two undos of it cannot both run. 404 for one the viewer may not see,
 * 409 `undo_expired` once undone or after the window.
 */
export const undoRedistribution = async (context: AppContext, viewer: Viewer, id: string): Promise<UndoOutcome> => {
  const now = context.now();
  const { organizationId } = viewer;
  return context.database.db.transaction(async (tx) => {
    const row = await findRedistribution(tx, viewer, id, now, { lock: true });
    if (!row) throw notFound("The redistribution");
    if (row.undoneAt !== null) throw new AppError("undo_expired", "This redistribution was already undone");
    if (now.getTime() >= row.undoUntil.getTime()) throw new AppError("undo_expired", "The time to undo this redistribution has passed");
    if (!row.viewerMayUndo) throw forbidden("A team lead undoes only redistributions within their own team");
    const items = await redistributionItemsOf(tx, organizationId, id);
    const back = await undoMoves(tx, { organizationId, actorId: viewer.userId, reason: `Undo: ${row.reason}`, now, fromUserId: row.fromUserId, items });
    await markUndone(tx, organizationId, id, viewer.userId, now);
    await auditAs(tx, viewer, "owner_changed", now, { kind: "redistribution", id }, { via: "undo_redistribution", to: row.fromUserId, restored: Object.values(back).reduce((n, set) => n + set.size, 0) });
    const restored = items.filter((i) => back[i.entity].has(i.entityId));
    const left = items.filter((i) => !back[i.entity].has(i.entityId));
    return {
      restored: perEntity(restored),
      skipped: { ...perEntity(left), items: await describeItems(tx, organizationId, left, leftAloneListLimit) },
    };
  });
};
