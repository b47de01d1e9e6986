import { businessMinutesBetween, isFirstTouch } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { loadIntakeContext } from "../repositories/lead-intake.repository";
import { organizationWorkCalendar } from "../kpi/org-calendar";

/**
 * M5.5: only a real first touch — a logged call, email or meeting — stops a lead's SLA timer. The client's
 * waiting leads become touched, with the business minutes from arrival to the touch (speed to lead); an
 * unassigned lead goes to whoever touched it. Runs in the activity's transaction.
 */
export const touchLeads = async (
  tx: Executor,
  touch: { organizationId: string; companyId: string; activityType: string; at: Date; byUserId: string },
): Promise<number> => {
  if (!isFirstTouch(touch.activityType)) return 0;
  const org = touch.organizationId;
  const waiting = await tx.execute(sql`
    select id, received_at from leads
     where organization_id = ${org} and company_id = ${touch.companyId} and status in ('waiting', 'unassigned')
     for update`);
  if (waiting.rows.length === 0) return 0;
  const intake = await loadIntakeContext(tx, org);
  if (!intake) return 0;
  const calendar = organizationWorkCalendar(intake);
  for (const row of waiting.rows) {
    const receivedAt = row["received_at"] instanceof Date ? row["received_at"] : new Date(String(row["received_at"]));
    const minutes = Math.round(businessMinutesBetween(receivedAt, touch.at, calendar) * 100) / 100;
    await tx.execute(sql`
      update leads set status = 'touched', first_touch_at = ${touch.at}, first_touch_by_id = ${touch.byUserId},
             business_minutes_to_touch = ${minutes}, reassign_at = null,
             assignee_id = coalesce(assignee_id, ${touch.byUserId}), assigned_at = coalesce(assigned_at, ${touch.at})
       where organization_id = ${org} and id = ${String(row["id"])}`);
  }
  return waiting.rows.length;
};
