import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { loadIntakeContext } from "../repositories/lead-intake.repository";
import { findLead, findLeadForUpdate, type LeadRow } from "../repositories/lead.repository";
import type { Viewer } from "../scope";
import { assertAssignable } from "./company-input";
import { moveLead } from "./move-lead";

/**
 * A head of sales (or a team lead, within their team) gives a lead to a seller by hand — an unassigned one from
 * the queue, or one taken from a seller: the seller's timers start again and both hear of it (M5.5).
 */
export const assignLeadByHand = async (context: AppContext, viewer: Viewer, leadId: string, userId: string): Promise<LeadRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const visible = await findLead(tx, viewer, leadId);
    if (!visible) throw notFound("The lead");
    await assertAssignable(tx, viewer, userId, "userId");
    const lead = await findLeadForUpdate(tx, viewer.organizationId, leadId);
    if (!lead) throw notFound("The lead");
    if (lead.status === "touched") {
      throw new AppError("validation_failed", "The lead was already touched: hand the client over instead", {
        errors: [{ field: "userId", code: "lead_touched", message: "A touched lead is the client's now; change the client's owner" }],
      });
    }
    const intake = await loadIntakeContext(tx, viewer.organizationId);
    if (!intake) throw notFound("The organization");
    if (lead.assigneeId !== userId) {
      await moveLead(tx, { organizationId: viewer.organizationId, lead, toUserId: userId, route: "manual", ruleId: null, cause: "manual", actorId: viewer.userId, now, intake });
    }
    const written = await findLead(tx, viewer, leadId);
    if (!written) throw notFound("The lead");
    return written;
  });
};
