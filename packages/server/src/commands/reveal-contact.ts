import type { Reveal, RevealRequest } from "@conveyor/contracts";
import { dayBounds, revealsLeft, seesContactsInFull } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import { AppError, notFound } from "../http/app-error";
import { findContact } from "../repositories/contact.repository";
import { countRevealsSince, insertReveal, loadExportSettings, organizationTimeZone } from "../repositories/export-control.repository";
import { findLead } from "../repositories/lead.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";

/*
 * [anti-leak] M1.5 (5): the real phones or emails of a contact or lead the viewer can see, for a role that sees
 * them masked — logged (reveal_log and the audit log) and capped per person per organization day. Past the cap:
 * 429 `reveal_limit_reached`, with the seconds until the next day. Roles that see contacts in full get the values
 * without a count.
 */
export const revealContact = async (context: AppContext, viewer: Viewer, input: RevealRequest, ip?: string): Promise<Reveal> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const settings = await loadExportSettings(tx, viewer.organizationId);
    let values: string[];
    let companyId: string | null;
    let targetId: string;
    if (input.contactId !== undefined) {
      const contact = await findContact(tx, viewer, input.contactId);
      if (!contact) throw notFound("The contact");
      values = input.field === "phones" ? contact.phones : contact.emails;
      companyId = contact.companyId;
      targetId = contact.id;
    } else {
      const lead = input.leadId === undefined ? undefined : await findLead(tx, viewer, input.leadId);
      if (!lead) throw notFound("The lead");
      const value = input.field === "phones" ? lead.phone : lead.email;
      values = value ? [value] : [];
      companyId = lead.companyId;
      targetId = lead.id;
    }
    if (seesContactsInFull(viewer.role, settings.revealRoles)) return { values, remainingToday: settings.revealDailyCap };

    // One person's reveals take turns, so two at once cannot both take the last one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reveal:${viewer.userId}`}, 0))`);
    const { start, end } = dayBounds(now, await organizationTimeZone(tx, viewer.organizationId));
    const used = await countRevealsSince(tx, viewer, start);
    if (revealsLeft(used, settings.revealDailyCap) === 0) {
      throw new AppError("reveal_limit_reached", `You have used today's ${settings.revealDailyCap} reveals; more tomorrow`, {
        retryAfterSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)),
      });
    }
    const kind = input.contactId !== undefined ? "contact" : "lead";
    await insertReveal(tx, viewer, { targetKind: kind, targetId, companyId, field: input.field, at: now });
    await appendAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "reveal",
      targetKind: kind,
      targetId,
      details: { field: input.field, companyId },
      ...(ip !== undefined && { ip }),
      at: now,
    });
    return { values, remainingToday: revealsLeft(used + 1, settings.revealDailyCap) };
  });
};
