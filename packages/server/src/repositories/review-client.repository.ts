import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";

/*
 * [daily-review] one client's review screen (M2.1): its last interactions, the last task with a planned result,
 * its open deals and next task — each one indexed read by the client (activities_company_idx, tasks_company_idx,
 * deals_company_idx). The caller has checked the viewer sees the client.
 */

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

export type InteractionRow = { id: string; type: string; occurredAt: Date; outcome: string | null; body: string | null; authorId: string; authorName: string };

export const lastInteractions = async (ex: Executor, organizationId: string, companyId: string, limit: number): Promise<InteractionRow[]> => {
  const result = await ex.execute<{ id: string; type: string; occurred_at: Date | string; outcome: string | null; body: string | null; author_id: string; name: string }>(sql`
    select a.id, a.type, a.occurred_at, a.outcome, a.body, a.author_id, u.name from activities a join users u on u.id = a.author_id
    where a.organization_id = ${organizationId} and a.company_id = ${companyId}
    order by a.occurred_at desc, a.id desc limit ${limit}`);
  return result.rows.map((r) => ({ id: r.id, type: r.type, occurredAt: toDate(r.occurred_at), outcome: r.outcome, body: r.body, authorId: r.author_id, authorName: r.name }));
};

export type ClientTaskRow = { id: string; title: string; dueAt: Date; plannedResult: string | null; doneAt: Date | null; dealId: string | null };

const taskRow = (r: { id: string; title: string; due_at: Date | string; planned_result: string | null; done_at: Date | string | null; deal_id: string | null }): ClientTaskRow => ({
  id: r.id,
  title: r.title,
  dueAt: toDate(r.due_at),
  plannedResult: r.planned_result,
  doneAt: r.done_at === null ? null : toDate(r.done_at),
  dealId: r.deal_id,
});

/** The client's latest task with a planned result (done or not) whose time has come: "was it reached?". */
export const lastTaskWithPlannedResult = async (ex: Executor, organizationId: string, companyId: string, now: Date): Promise<ClientTaskRow | undefined> => {
  const result = await ex.execute<{ id: string; title: string; due_at: Date | string; planned_result: string | null; done_at: Date | string | null; deal_id: string | null }>(sql`
    select id, title, due_at, planned_result, done_at, deal_id from tasks
    where organization_id = ${organizationId} and company_id = ${companyId} and planned_result is not null
      and (done_at is not null or due_at <= ${now.toISOString()}::timestamptz)
    order by coalesce(done_at, due_at) desc, id desc limit 1`);
  const row = result.rows[0];
  return row ? taskRow(row) : undefined;
};

/** The client's earliest open task, anyone's. */
export const nextOpenTaskOfClient = async (ex: Executor, organizationId: string, companyId: string): Promise<ClientTaskRow | undefined> => {
  const result = await ex.execute<{ id: string; title: string; due_at: Date | string; planned_result: string | null; done_at: Date | string | null; deal_id: string | null }>(sql`
    select id, title, due_at, planned_result, done_at, deal_id from tasks
    where organization_id = ${organizationId} and company_id = ${companyId} and done_at is null order by due_at, id limit 1`);
  const row = result.rows[0];
  return row ? taskRow(row) : undefined;
};

/** A task of the client (to name as the "last task" of a review item). */
export const taskOfClient = async (ex: Executor, organizationId: string, companyId: string, taskId: string): Promise<boolean> => {
  const result = await ex.execute<{ id: string }>(sql`select id from tasks where organization_id = ${organizationId} and company_id = ${companyId} and id = ${taskId}`);
  return result.rows.length > 0;
};

/** The lost stage a deal's pipeline closes lost deals in (its first, by position). */
export const lostStageOfDeal = async (ex: Executor, organizationId: string, dealId: string): Promise<string | undefined> => {
  const result = await ex.execute<{ id: string }>(sql`
    select s.id from deals d join pipeline_stages s on s.pipeline_id = d.pipeline_id and s.organization_id = d.organization_id
    where d.organization_id = ${organizationId} and d.id = ${dealId} and s.kind = 'lost' and s.archived_at is null
    order by s.position limit 1`);
  return result.rows[0]?.id;
};
