import type { CreateActivity } from "@conveyor/contracts";
import { activityBase } from "@conveyor/domain";
import { companyStatusSchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { notFound } from "../http/app-error";
import { insertActivity } from "../repositories/activity.repository";
import { findCompanyForUpdate, touchLastActivity } from "../repositories/company.repository";
import { activitiesByIds, recordTimelineEvent, type ActivityWithAuthor } from "../repositories/timeline.repository";
import type { Viewer } from "../scope";
import { touchLeads } from "./touch-leads";

/**
 * Records a call, meeting, email, proposal or note on a client. Its base (new or current,
 * M5.1) is fixed now from the client's status; the client's last-activity time moves on.
 */
export const logActivity = async (
  context: AppContext,
  viewer: Viewer,
  companyId: string,
  input: CreateActivity,
): Promise<ActivityWithAuthor> => {
  const now = context.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  return context.database.db.transaction(async (tx) => {
    const company = await findCompanyForUpdate(tx, viewer, companyId);
    if (!company) throw notFound("The client");
    const row = await insertActivity(tx, viewer, {
      companyId,
      type: input.type,
      occurredAt,
      durationMinutes: input.durationMinutes ?? null,
      outcome: input.outcome ?? null,
      body: input.body ?? null,
      amountMinor: input.type === "proposal" ? (input.amountMinor ?? null) : null,
      base: activityBase(companyStatusSchema.parse(company.status)),
      authorId: viewer.userId,
      createdAt: now,
    });
    await touchLastActivity(tx, viewer, companyId, occurredAt);
    await touchLeads(tx, { organizationId: viewer.organizationId, companyId, activityType: input.type, at: occurredAt, byUserId: viewer.userId });
    await recordTimelineEvent(tx, viewer, { companyId, kind: "activity", at: occurredAt, actorId: viewer.userId, activityId: row.id });
    const [written] = await activitiesByIds(tx, viewer, [row.id]);
    if (!written) throw notFound("The activity");
    return written;
  });
};
