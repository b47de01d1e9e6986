import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";

/** One row of a lead's assignment history, with the names a person reads. */
export type LeadAssignmentRow = {
  at: Date;
  fromUserId: string | null;
  fromName: string | null;
  toUserId: string | null;
  toName: string | null;
  route: string;
  cause: string;
  actorId: string | null;
  actorName: string | null;
};

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * Who held a lead, in order (M5.5): the intake's distribution, each reassignment by the SLA and each hand-over by a
 * person. The caller has already checked that the viewer may see the lead.
 */
export const listLeadAssignments = async (ex: Executor, organizationId: string, leadId: string): Promise<LeadAssignmentRow[]> => {
  const result = await ex.execute(sql`
    select a.at, a.from_user_id, f.name as from_name, a.to_user_id, t.name as to_name, a.route, a.cause, a.actor_id, x.name as actor_name
      from lead_assignments a
      left join users f on f.id = a.from_user_id
      left join users t on t.id = a.to_user_id
      left join users x on x.id = a.actor_id
     where a.organization_id = ${organizationId} and a.lead_id = ${leadId}
     order by a.at, a.id`);
  return result.rows.map((row) => ({
    at: row["at"] instanceof Date ? row["at"] : new Date(String(row["at"])),
    fromUserId: text(row["from_user_id"]),
    fromName: text(row["from_name"]),
    toUserId: text(row["to_user_id"]),
    toName: text(row["to_name"]),
    route: String(row["route"]),
    cause: String(row["cause"]),
    actorId: text(row["actor_id"]),
    actorName: text(row["actor_name"]),
  }));
};
