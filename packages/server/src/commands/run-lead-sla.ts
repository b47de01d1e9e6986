import { slaStep } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { loadIntakeContext } from "../repositories/lead-intake.repository";
import { findLeadForUpdate } from "../repositories/lead.repository";
import { organizationWorkCalendar } from "../kpi/org-calendar";
import { chooseAssignee } from "./assign-lead";
import { moveLead } from "./move-lead";

export type SlaRun = { reminded: number; reassigned: number; escalated: number };

/** Waiting leads whose reminder or reassignment time has come, oldest deadline first. */
const dueLeads = async (ex: Executor, now: Date, limit: number): Promise<Array<{ organizationId: string; id: string }>> => {
  const result = await ex.execute(sql`
    (select organization_id, id from leads where status = 'waiting' and reassign_at <= ${now} order by reassign_at limit ${limit})
    union
    (select organization_id, id from leads where status = 'waiting' and reminded_at is null and remind_at <= ${now} order by remind_at limit ${limit})`);
  return result.rows.map((row) => ({ organizationId: String(row["organization_id"]), id: String(row["id"]) }));
};

/** The heads who hear of an escalated lead: every active head of sales, else the admins. */
const escalationReceivers = async (ex: Executor, organizationId: string): Promise<string[]> => {
  const result = await ex.execute(sql`
    select user_id from memberships where organization_id = ${organizationId} and status = 'active'
       and role = (case when exists (select 1 from memberships where organization_id = ${organizationId} and status = 'active' and role = 'head_of_sales')
                        then 'head_of_sales' else 'admin' end)`);
  return result.rows.map((row) => String(row["user_id"]));
};

/**
 * M5.5 speed to lead: for each waiting lead past its deadline, in business minutes — remind the seller; take the
 * lead to the next seller (never one it was taken from); after the set number of reassignments, escalate it to
 * the head of sales once. Each lead in its own transaction with its row locked, so a first touch logged at the
 * same moment wins or loses cleanly.
 */
export const runLeadSla = async (context: AppContext, options: { limit?: number } = {}): Promise<SlaRun> => {
  const { db } = context.database;
  const now = context.now();
  const run: SlaRun = { reminded: 0, reassigned: 0, escalated: 0 };
  for (const due of await dueLeads(db, now, options.limit ?? 500)) {
    await db.transaction(async (tx) => {
      const lead = await findLeadForUpdate(tx, due.organizationId, due.id);
      if (!lead || lead.status !== "waiting" || !lead.remindAt || !lead.reassignAt || !lead.assigneeId) return;
      const intake = await loadIntakeContext(tx, due.organizationId);
      if (!intake) return;
      const step = slaStep({ remindAt: lead.remindAt, reassignAt: lead.reassignAt, remindedAt: lead.remindedAt, reassignCount: lead.reassignCount, escalatedAt: lead.escalatedAt }, now, intake);
      const org = due.organizationId;
      switch (step.kind) {
        case "none":
          if (lead.reassignAt <= now) await tx.execute(sql`update leads set reassign_at = null where organization_id = ${org} and id = ${lead.id}`);
          return;
        case "remind":
          await tx.execute(sql`update leads set reminded_at = ${now} where organization_id = ${org} and id = ${lead.id}`);
          await tx.execute(sql`insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
                               values (${org}, ${lead.assigneeId}, 'lead_reminder', ${lead.companyId}, ${lead.id}, ${now})`);
          run.reminded += 1;
          return;
        case "reassign": {
          const exclude = [...lead.previousAssigneeIds, lead.assigneeId];
          const facts = { channel: lead.channel, audience: lead.audience, productId: null, productGroupId: null, region: lead.region, amountMinor: lead.amountMinor, temperature: lead.temperature === "hot" || lead.temperature === "warm" ? lead.temperature : "cold", sourceId: lead.sourceId } as const;
          const next = await chooseAssignee(tx, { organizationId: org, facts, client: null, now, calendar: organizationWorkCalendar(intake), exclude });
          if (next.userId && (next.route === "rule" || next.route === "round_robin" || next.route === "on_duty")) {
            await moveLead(tx, { organizationId: org, lead, toUserId: next.userId, route: next.route, ruleId: next.ruleId, cause: "sla_reassign", actorId: null, now, intake });
            run.reassigned += 1;
            return;
          }
          // Nobody else can take it: the head hears of it now rather than after more rounds.
          await escalate(tx, org, lead.id, lead.companyId, now);
          run.escalated += 1;
          return;
        }
        case "escalate":
          await escalate(tx, org, lead.id, lead.companyId, now);
          run.escalated += 1;
          return;
      }
    });
  }
  return run;
};

const escalate = async (tx: Executor, org: string, leadId: string, companyId: string, now: Date): Promise<void> => {
  await tx.execute(sql`update leads set escalated_at = ${now}, reassign_at = null where organization_id = ${org} and id = ${leadId}`);
  for (const userId of await escalationReceivers(tx, org)) {
    await tx.execute(sql`insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
                         values (${org}, ${userId}, 'lead_escalated', ${companyId}, ${leadId}, ${now})`);
  }
};
