import { localDateOf, slaDeadlines } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import type { IntakeContext } from "../repositories/lead-intake.repository";
import type { LeadRow } from "../repositories/lead.repository";
import { organizationWorkCalendar } from "../kpi/org-calendar";

export type LeadMove = {
  organizationId: string;
  lead: LeadRow;
  toUserId: string;
  route: "manual" | "rule" | "round_robin" | "on_duty" | "head" | "existing_owner";
  ruleId: string | null;
  cause: "manual" | "sla_reassign";
  actorId: string | null;
  now: Date;
  intake: IntakeContext;
};

/**
 * Gives a lead to another seller (M5.5: by hand, or by the SLA when nobody touched it in time): new timers from
 * now, the giver remembered so the SLA never hands it back, the client and the lead's deal moved with it when the
 * lead made the client, a line in the client's history and a notice to both. Runs in the caller's transaction,
 * with the lead row locked.
 */
export const moveLead = async (tx: Executor, move: LeadMove): Promise<void> => {
  const { organizationId: org, lead, toUserId, now } = move;
  const calendar = organizationWorkCalendar(move.intake);
  const { remindAt, reassignAt } = slaDeadlines(now, move.intake, calendar);
  const fromUserId = lead.assigneeId;
  const bySla = move.cause === "sla_reassign";
  await tx.execute(sql`
    update leads set assignee_id = ${toUserId}, assigned_at = ${now}, status = 'waiting', route = ${move.route}, rule_id = ${move.ruleId},
           remind_at = ${remindAt}, reassign_at = ${reassignAt}, reminded_at = null,
           reassign_count = reassign_count + ${bySla ? 1 : 0},
           previous_assignee_ids = case when ${fromUserId}::uuid is null then previous_assignee_ids
                                        else array_append(previous_assignee_ids, ${fromUserId}::uuid) end
     where organization_id = ${org} and id = ${lead.id}`);
  await tx.execute(sql`
    insert into lead_assignments (organization_id, lead_id, from_user_id, to_user_id, route, cause, actor_id, at)
    values (${org}, ${lead.id}, ${fromUserId}, ${toUserId}, ${move.route}, ${move.cause}, ${move.actorId}, ${now})`);
  await tx.execute(sql`
    insert into lead_assign_counters (organization_id, user_id, day, assigned, last_assigned_at)
    values (${org}, ${toUserId}, ${localDateOf(now, move.intake.timeZone)}, 1, ${now})
    on conflict (organization_id, user_id, day) do update set assigned = lead_assign_counters.assigned + 1, last_assigned_at = excluded.last_assigned_at`);
  if (lead.dealId) {
    await tx.execute(sql`update deals set owner_id = ${toUserId}, updated_at = ${now}
                          where organization_id = ${org} and id = ${lead.dealId} and closed_at is null`);
  }
  // A client the lead made follows the lead; a known client stays with the owner it has.
  if (!lead.knownClient) {
    const moved = await tx.execute(sql`
      with old as (select owner_id from companies where organization_id = ${org} and id = ${lead.companyId} for no key update)
      update companies c set owner_id = ${toUserId}, updated_at = ${now}
        from old where c.organization_id = ${org} and c.id = ${lead.companyId} and c.owner_id <> ${toUserId}
      returning old.owner_id as from_owner`);
    const fromOwner = moved.rows[0]?.["from_owner"];
    if (typeof fromOwner === "string") {
      await tx.execute(sql`
        insert into timeline_events (organization_id, company_id, kind, at, actor_id, field, from_value, to_value, from_label, to_label, lead_id, reason)
        select ${org}, ${lead.companyId}, 'owner_changed', ${now}, ${move.actorId}, 'ownerId', ${fromOwner}, ${toUserId},
               (select name from users where id = ${fromOwner}), (select name from users where id = ${toUserId}), ${lead.id},
               ${bySla ? "lead_sla" : null}`);
      // The giver's open tasks on the client go with it.
      await tx.execute(sql`update tasks set assignee_id = ${toUserId}, updated_at = ${now}
                            where organization_id = ${org} and company_id = ${lead.companyId} and assignee_id = ${fromOwner} and done_at is null`);
    }
  }
  await tx.execute(sql`
    insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
    values (${org}, ${toUserId}, 'lead_assigned', ${lead.companyId}, ${lead.id}, ${now})`);
  if (fromUserId && fromUserId !== toUserId) {
    await tx.execute(sql`
      insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
      values (${org}, ${fromUserId}, 'lead_taken_away', ${lead.companyId}, ${lead.id}, ${now})`);
  }
};
