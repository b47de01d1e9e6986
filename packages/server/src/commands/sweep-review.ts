import type { ReviewSweepResult } from "@conveyor/contracts";
import { isReviewDue, localDateOf, localTimeOf, reviewSlotOf, type ReviewSlot } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { loadOrgCalendar } from "../kpi/org-calendar";
import { activeSellers, headsOf, uuidArray } from "../repositories/review-people.repository";
import { lastReviewBySeller } from "../repositories/review-queue.repository";
import { reviewMiddayAt, settingsForSellers } from "./review-context";

/*
 * The evening sweep and the cadence reminder (M2.5), in-app: at each team's sweep time (the organization's local
 * time) every seller with deals without a next task, overdue tasks or leads untouched past their SLA reminder
 * gets one `evening_sweep` notice, and so does their reviewer (the team lead, else the heads of sales), one per
 * seller; when a seller's review falls due by the team's cadence their reviewer gets a `review_due` notice.
 * The evening notice is once per person, seller and local day (`notifications_daily_key`); the reminder once per
 * reviewer, seller, local day and cadence slot (`review_reminders`: a twice-daily team's reviewer is reminded in the
 * morning and again in the afternoon), so running again writes nothing.
 */

type Figures = { dealsWithoutNextTask: number; overdueTasks: number; untouchedLeads: number };

const countsBy = async (ex: Executor, query: ReturnType<typeof sql>): Promise<Map<string, number>> => {
  const result = await ex.execute<{ user_id: string; n: number }>(query);
  return new Map(result.rows.map((r) => [r.user_id, Number(r.n)]));
};

/** The sweep's three figures for each of these sellers, read per owner / assignee index. */
const sweepFigures = async (ex: Executor, organizationId: string, sellerIds: readonly string[], now: Date): Promise<Map<string, Figures>> => {
  const ids = uuidArray(sellerIds);
  const at = now.toISOString();
  const [deals, tasks, leads] = await Promise.all([
    countsBy(ex, sql`
      select d.owner_id as user_id, count(*)::integer as n from deals d
      where d.organization_id = ${organizationId} and d.owner_id = any(${ids})
        and d.stage_id = any(array(select id from pipeline_stages where organization_id = ${organizationId} and kind = 'open'))
        and not exists (select 1 from tasks t where t.organization_id = ${organizationId} and t.deal_id = d.id and t.done_at is null)
      group by d.owner_id`),
    countsBy(ex, sql`
      select assignee_id as user_id, count(*)::integer as n from tasks
      where organization_id = ${organizationId} and assignee_id = any(${ids}) and done_at is null and due_at < ${at}::timestamptz
      group by assignee_id`),
    countsBy(ex, sql`
      select assignee_id as user_id, count(*)::integer as n from leads
      where organization_id = ${organizationId} and status = 'waiting' and assignee_id = any(${ids}) and remind_at < ${at}::timestamptz
      group by assignee_id`),
  ]);
  return new Map(
    sellerIds.map((id) => [id, { dealsWithoutNextTask: deals.get(id) ?? 0, overdueTasks: tasks.get(id) ?? 0, untouchedLeads: leads.get(id) ?? 0 }]),
  );
};

type Notice = { userId: string; kind: "evening_sweep" | "review_due"; subjectUserId: string; figures: Record<string, number> };
type Reminder = { userId: string; subjectUserId: string; slot: ReviewSlot };

/** Inserts the day's notices; those already written today are skipped. Returns how many were new. */
const insertDailyNotices = async (ex: Executor, organizationId: string, day: string, notices: readonly Notice[], now: Date): Promise<number> => {
  let inserted = 0;
  for (const n of notices) {
    const result = await ex.execute<{ id: string }>(sql`
      insert into notifications (organization_id, user_id, kind, subject_user_id, figures, on_day, created_at)
      values (${organizationId}, ${n.userId}, ${n.kind}, ${n.subjectUserId}, ${JSON.stringify(n.figures)}::jsonb, ${day}::date, ${now.toISOString()}::timestamptz)
      on conflict (organization_id, user_id, kind, subject_user_id, on_day) where on_day is not null do nothing
      returning id`);
    inserted += result.rows.length;
  }
  return inserted;
};

/**
 * Inserts the reminders of this slot not sent yet, each with its `review_due` notice (no `on_day`: the slot, not the
 * day, is the key). Returns how many were new.
 */
const insertSlotReminders = async (ex: Executor, organizationId: string, day: string, reminders: readonly Reminder[], now: Date): Promise<number> => {
  let inserted = 0;
  for (const r of reminders) {
    const result = await ex.execute<{ id: string }>(sql`
      with reminder as (
        insert into review_reminders (organization_id, reviewer_id, seller_id, on_day, slot, notification_id, created_at)
        values (${organizationId}, ${r.userId}, ${r.subjectUserId}, ${day}::date, ${r.slot}, gen_random_uuid(), ${now.toISOString()}::timestamptz)
        on conflict do nothing
        returning organization_id, reviewer_id, seller_id, notification_id
      )
      insert into notifications (id, organization_id, user_id, kind, subject_user_id, figures, created_at)
      select notification_id, organization_id, reviewer_id, 'review_due', seller_id, '{}'::jsonb, ${now.toISOString()}::timestamptz from reminder
      returning id`);
    inserted += result.rows.length;
  }
  return inserted;
};

/**
 * Runs the organization's evening sweep for every seller whose team's sweep time has passed today (all of them
 * with `force`), and the cadence reminders for sellers whose review is due once the working day has begun.
 */
export const sweepReview = async (context: AppContext, organizationId: string, options: { force?: boolean } = {}): Promise<ReviewSweepResult> => {
  const { db } = context.database;
  const now = context.now();
  const cal = await loadOrgCalendar(db, organizationId, now);
  const day = localDateOf(now, cal.timeZone);
  const time = localTimeOf(now, cal.timeZone);
  const sellers = await activeSellers(db, organizationId);
  if (sellers.length === 0) return { eveningNotices: 0, reviewDueNotices: 0 };
  const ids = sellers.map((s) => s.id);
  const [settings, heads, lastReviews, workStart] = await Promise.all([
    settingsForSellers(db, organizationId, ids),
    headsOf(db, organizationId),
    lastReviewBySeller(db, organizationId, ids),
    db.execute<{ work_start: string }>(sql`select work_start from organizations where id = ${organizationId}`),
  ]);
  const reviewersOf = (sellerId: string): string[] => {
    const lead = settings.get(sellerId)?.teamLeadId;
    return lead && lead !== sellerId ? [lead] : heads.filter((h) => h !== sellerId);
  };

  const dueForSweep = ids.filter((id) => options.force === true || time >= (settings.get(id)?.sweepAt ?? "18:00"));
  const figures = await sweepFigures(db, organizationId, dueForSweep, now);
  const evening: Notice[] = [];
  for (const [sellerId, f] of figures) {
    if (f.dealsWithoutNextTask + f.overdueTasks + f.untouchedLeads === 0) continue;
    for (const userId of [sellerId, ...reviewersOf(sellerId)]) evening.push({ userId, kind: "evening_sweep", subjectUserId: sellerId, figures: f });
  }

  const reminders: Reminder[] = [];
  const dayBegun = time >= (workStart.rows[0]?.work_start ?? "09:00");
  for (const sellerId of dayBegun ? ids : []) {
    const cadence = settings.get(sellerId)?.cadence ?? "daily";
    const last = lastReviews.get(sellerId);
    const due = isReviewDue({
      cadence,
      last: last ? { on: localDateOf(last, cal.timeZone), at: localTimeOf(last, cal.timeZone) } : null,
      today: day,
      timeNow: time,
      middayAt: reviewMiddayAt,
      isWorkingDay: cal.calendar.isWorkingDay,
    });
    if (!due) continue;
    const slot = reviewSlotOf(cadence, time, reviewMiddayAt);
    for (const userId of reviewersOf(sellerId)) reminders.push({ userId, subjectUserId: sellerId, slot });
  }

  return db.transaction(async (tx) => ({
    eveningNotices: await insertDailyNotices(tx, organizationId, day, evening, now),
    reviewDueNotices: await insertSlotReminders(tx, organizationId, day, reminders, now),
  }));
};

/** Every organization's id (the schedule goes through them one at a time). */
export const organizationsForReviewSweep = async (ex: Executor): Promise<string[]> => {
  const result = await ex.execute<{ id: string }>(sql`select id from organizations order by id`);
  return result.rows.map((r) => r.id);
};
