import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import { redistributions } from "../db/schema";
import { uuids } from "./redistribution.repository";

/*
 * The writes of a redistribution (M5.5) and of its undo. Each is one statement over the whole batch, and none
 * joins the batch to a table: the rows are picked by `id = any(array)` on an index and each one's receiver is
 * looked up in a jsonb object passed as one parameter. So the cost grows with the batch, never with its
 * square — even when the planner has no statistics yet for rows written a moment ago.
 */

export type NewRedistribution = Pick<
  typeof redistributions.$inferInsert,
  "organizationId" | "fromUserId" | "actorId" | "mode" | "reason" | "at" | "undoUntil"
>;

export const insertRedistribution = async (ex: Executor, values: NewRedistribution): Promise<string> => {
  const rows = await ex.insert(redistributions).values(values).returning({ id: redistributions.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into redistributions returned no row");
  return id;
};

export const setRedistributionCounts = async (
  ex: Executor,
  organizationId: string,
  id: string,
  counts: { clients: number; deals: number; tasks: number },
): Promise<void> => {
  await ex
    .update(redistributions)
    .set(counts)
    .where(and(eq(redistributions.organizationId, organizationId), eq(redistributions.id, id)));
};

export type MoveBatch = {
  organizationId: string;
  redistributionId: string;
  fromUserId: string;
  actorId: string;
  reason: string;
  now: Date;
  /** Each client with its receiver. */
  placements: readonly { companyId: string; toUserId: string }[];
};

/** The batch as the statements read it: the client ids, and `{clientId: receiverId}` as jsonb. */
const batchParams = (batch: MoveBatch): { ids: SQL; receiverOf: (column: SQL) => SQL } => {
  const map = JSON.stringify(Object.fromEntries(batch.placements.map((p) => [p.companyId, p.toUserId])));
  return {
    ids: uuids(batch.placements.map((p) => p.companyId)),
    receiverOf: (column) => sql`(${map}::jsonb ->> ${column}::text)::uuid`,
  };
};

/**
 * The clients change owner (those the person still owns); one `redistribution_items` row and one
 * `owner_changed` timeline line (the names as they are now, the actor and the reason) per client; one
 * `clients_received` notice per receiver, naming the first of their new clients by name — a notice per client
 * would bury a receiver of thousands. Returns how many clients moved.
 */
export const moveClients = async (ex: Executor, batch: MoveBatch): Promise<number> => {
  if (batch.placements.length === 0) return 0;
  const { organizationId: org, redistributionId, fromUserId, actorId, reason, now } = batch;
  const { ids, receiverOf } = batchParams(batch);
  const result = await ex.execute<{ moved: number }>(sql`
    with moved as (
      update companies c set owner_id = ${receiverOf(sql`c.id`)}, updated_at = ${now}
      where c.organization_id = ${org} and c.id = any(${ids}) and c.owner_id = ${fromUserId}
      returning c.id, c.name, c.owner_id as to_user_id
    ), items as (
      insert into redistribution_items (organization_id, redistribution_id, entity, entity_id, company_id, from_user_id, to_user_id)
      select ${org}, ${redistributionId}, 'company', m.id, m.id, ${fromUserId}, m.to_user_id from moved m
    ), events as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, field, from_value, to_value, from_label, to_label, reason)
      select ${org}, m.id, 'owner_changed', ${now}, ${actorId}, 'ownerId', ${fromUserId}, m.to_user_id::text,
        (select name from users where id = ${fromUserId}), (select name from users where id = m.to_user_id), ${reason}
      from moved m
      order by lower(m.name), m.id
    ), notices as (
      insert into notifications (organization_id, user_id, kind, company_id, created_at)
      select distinct on (m.to_user_id) ${org}, m.to_user_id, 'clients_received', m.id, ${now}
      from moved m
      order by m.to_user_id, lower(m.name), m.id
    )
    select count(*)::integer as moved from moved`);
  return Number(result.rows[0]?.moved ?? 0);
};

/** The person's deals in an open stage on the moved clients follow them; won and lost deals keep their seller. */
export const moveOpenDeals = async (ex: Executor, batch: MoveBatch): Promise<number> => {
  if (batch.placements.length === 0) return 0;
  const { organizationId: org, redistributionId, fromUserId, now } = batch;
  const { ids, receiverOf } = batchParams(batch);
  const result = await ex.execute<{ moved: number }>(sql`
    with moved as (
      update deals d set owner_id = ${receiverOf(sql`d.company_id`)}, updated_at = ${now}
      where d.organization_id = ${org} and d.owner_id = ${fromUserId} and d.company_id = any(${ids})
        and d.stage_id = any(array(select s.id from pipeline_stages s where s.organization_id = ${org} and s.kind = 'open'))
      returning d.id, d.company_id, d.owner_id as to_user_id
    ), items as (
      insert into redistribution_items (organization_id, redistribution_id, entity, entity_id, company_id, from_user_id, to_user_id)
      select ${org}, ${redistributionId}, 'deal', m.id, m.company_id, ${fromUserId}, m.to_user_id from moved m
    )
    select count(*)::integer as moved from moved`);
  return Number(result.rows[0]?.moved ?? 0);
};

/** The person's open tasks on the moved clients go to the receiver; done tasks keep their assignee. */
export const moveOpenTasks = async (ex: Executor, batch: MoveBatch): Promise<number> => {
  if (batch.placements.length === 0) return 0;
  const { organizationId: org, redistributionId, fromUserId, now } = batch;
  const { ids, receiverOf } = batchParams(batch);
  const result = await ex.execute<{ moved: number }>(sql`
    with moved as (
      update tasks t set assignee_id = ${receiverOf(sql`t.company_id`)}, updated_at = ${now}
      where t.organization_id = ${org} and t.assignee_id = ${fromUserId} and t.done_at is null and t.company_id = any(${ids})
      returning t.id, t.company_id, t.assignee_id as to_user_id
    ), items as (
      insert into redistribution_items (organization_id, redistribution_id, entity, entity_id, company_id, from_user_id, to_user_id)
      select ${org}, ${redistributionId}, 'task', m.id, m.company_id, ${fromUserId}, m.to_user_id from moved m
    )
    select count(*)::integer as moved from moved`);
  return Number(result.rows[0]?.moved ?? 0);
};

// ---------------------------------------------------------------- undo

export type RedistributionItem = { entity: "company" | "deal" | "task"; entityId: string; fromUserId: string; toUserId: string };

const entityOf = (value: string): RedistributionItem["entity"] => (value === "deal" ? "deal" : value === "task" ? "task" : "company");

/** What a redistribution moved (a read of its own rows by the batch index). */
export const redistributionItemsOf = async (ex: Executor, organizationId: string, redistributionId: string): Promise<RedistributionItem[]> => {
  const result = await ex.execute<{ entity: string; entity_id: string; from_user_id: string; to_user_id: string }>(sql`
    select i.entity, i.entity_id, i.from_user_id, i.to_user_id from redistribution_items i
    where i.organization_id = ${organizationId} and i.redistribution_id = ${redistributionId}
    order by i.entity, i.entity_id`);
  return result.rows.map((r) => ({ entity: entityOf(r.entity), entityId: r.entity_id, fromUserId: r.from_user_id, toUserId: r.to_user_id }));
};

export type UndoBatch = {
  organizationId: string;
  actorId: string;
  reason: string;
  now: Date;
  /** The person the redistribution took from: everything goes back to them. */
  fromUserId: string;
  items: readonly RedistributionItem[];
};

/** The entity's items as `{id: receiverId}` (who it was given to), with their ids. */
const givenTo = (items: readonly RedistributionItem[], entity: RedistributionItem["entity"]): { ids: SQL; receiverOf: (column: SQL) => SQL; count: number } => {
  const own = items.filter((i) => i.entity === entity);
  const map = JSON.stringify(Object.fromEntries(own.map((i) => [i.entityId, i.toUserId])));
  return { ids: uuids(own.map((i) => i.entityId)), receiverOf: (column) => sql`(${map}::jsonb ->> ${column}::text)::uuid`, count: own.length };
};

/**
 * Puts back what still has the owner or assignee the redistribution gave it (deals still open, tasks still not
 * done); what changed hands or closed since is left alone. Each client put back gets an `owner_changed` line.
 * Returns the ids put back, per entity.
 */
export const undoMoves = async (ex: Executor, batch: UndoBatch): Promise<Record<RedistributionItem["entity"], Set<string>>> => {
  const { organizationId: org, actorId, reason, now, fromUserId } = batch;
  const back = { company: new Set<string>(), deal: new Set<string>(), task: new Set<string>() };
  const clients = givenTo(batch.items, "company");
  if (clients.count > 0) {
    const result = await ex.execute<{ id: string }>(sql`
      with back as (
        update companies c set owner_id = ${fromUserId}, updated_at = ${now}
        where c.organization_id = ${org} and c.id = any(${clients.ids}) and c.owner_id = ${clients.receiverOf(sql`c.id`)}
        returning c.id, c.name, ${clients.receiverOf(sql`c.id`)} as holder_id
      ), events as (
        insert into timeline_events (organization_id, company_id, kind, at, actor_id, field, from_value, to_value, from_label, to_label, reason)
        select ${org}, b.id, 'owner_changed', ${now}, ${actorId}, 'ownerId', b.holder_id::text, ${fromUserId},
          (select name from users where id = b.holder_id), (select name from users where id = ${fromUserId}), ${reason}
        from back b
        order by lower(b.name), b.id
      )
      select id from back`);
    for (const row of result.rows) back.company.add(row.id);
  }
  const deals = givenTo(batch.items, "deal");
  if (deals.count > 0) {
    const result = await ex.execute<{ id: string }>(sql`
      update deals d set owner_id = ${fromUserId}, updated_at = ${now}
      where d.organization_id = ${org} and d.id = any(${deals.ids}) and d.owner_id = ${deals.receiverOf(sql`d.id`)}
        and d.stage_id = any(array(select s.id from pipeline_stages s where s.organization_id = ${org} and s.kind = 'open'))
      returning d.id`);
    for (const row of result.rows) back.deal.add(row.id);
  }
  const tasks = givenTo(batch.items, "task");
  if (tasks.count > 0) {
    const result = await ex.execute<{ id: string }>(sql`
      update tasks t set assignee_id = ${fromUserId}, updated_at = ${now}
      where t.organization_id = ${org} and t.id = any(${tasks.ids}) and t.assignee_id = ${tasks.receiverOf(sql`t.id`)} and t.done_at is null
      returning t.id`);
    for (const row of result.rows) back.task.add(row.id);
  }
  return back;
};

export type LeftAloneItem = {
  entity: RedistributionItem["entity"];
  id: string;
  label: string;
  companyId: string;
  companyName: string;
  holderId: string;
  holderName: string;
  /** closed: a deal won or lost, a task done (by whoever holds it). */
  closed: boolean;
};

/** Up to `limit` of the given items as they are now: their name, client, holder, and whether they closed. */
export const describeItems = async (ex: Executor, organizationId: string, items: readonly RedistributionItem[], limit: number): Promise<LeftAloneItem[]> => {
  const picked = items.slice(0, limit);
  const ofKind = (entity: RedistributionItem["entity"]) => uuids(picked.filter((i) => i.entity === entity).map((i) => i.entityId));
  if (picked.length === 0) return [];
  const result = await ex.execute<{
    entity: string;
    id: string;
    label: string;
    company_id: string;
    company_name: string;
    holder_id: string;
    holder_name: string;
    closed: boolean;
  }>(sql`
    select 'company' as entity, c.id, c.name as label, c.id as company_id, c.name as company_name, c.owner_id as holder_id, u.name as holder_name, false as closed
    from companies c join users u on u.id = c.owner_id
    where c.organization_id = ${organizationId} and c.id = any(${ofKind("company")})
    union all
    select 'deal', d.id, d.title, c.id, c.name, d.owner_id, u.name, s.kind <> 'open'
    from deals d join companies c on c.id = d.company_id join users u on u.id = d.owner_id join pipeline_stages s on s.id = d.stage_id
    where d.organization_id = ${organizationId} and d.id = any(${ofKind("deal")})
    union all
    select 'task', t.id, t.title, c.id, c.name, t.assignee_id, u.name, t.done_at is not null
    from tasks t join companies c on c.id = t.company_id join users u on u.id = t.assignee_id
    where t.organization_id = ${organizationId} and t.id = any(${ofKind("task")})`);
  const order = new Map(picked.map((item, index) => [item.entityId, index]));
  return result.rows
    .map((r) => ({
      entity: entityOf(r.entity),
      id: r.id,
      label: r.label,
      companyId: r.company_id,
      companyName: r.company_name,
      holderId: r.holder_id,
      holderName: r.holder_name,
      closed: r.closed === true,
    }))
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
};

export const markUndone = async (ex: Executor, organizationId: string, id: string, by: string, at: Date): Promise<void> => {
  await ex
    .update(redistributions)
    .set({ undoneAt: at, undoneById: by })
    .where(and(eq(redistributions.organizationId, organizationId), eq(redistributions.id, id)));
};
