import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";
import { redistributionItems, redistributions, users } from "../db/schema";
import type { Viewer } from "../scope";
import { overseenUserIds, seesEverything } from "./visibility";

/*
 * What a redistribution (M5.5) reads: the people, the person's clients with what follows each, and past
 * redistributions. Every read is a statement on one indexed table (or a join on a primary key) whatever the
 * size of the book: a planner that has no statistics yet for a table just filled cannot turn it into a
 * nested loop over thousands of rows.
 */

export const uuids = (values: readonly string[]): SQL => sql`${sql.param([...values])}::uuid[]`;

// ---------------------------------------------------------------- people

export type MemberStanding = { id: string; name: string; active: boolean };

/** The given people who are members of the organization, active or not. */
export const membersAmong = async (ex: Executor, organizationId: string, userIds: readonly string[]): Promise<MemberStanding[]> => {
  if (userIds.length === 0) return [];
  const result = await ex.execute<{ id: string; name: string; status: string }>(sql`
    select u.id, u.name, m.status from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId} and m.user_id = any(${uuids(userIds)})`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, active: r.status === "active" }));
};

/** Which of the given people the viewer oversees (a team lead: their team and themselves; heads: everyone). */
export const overseenAmong = async (ex: Executor, viewer: Viewer, userIds: readonly string[]): Promise<Set<string>> => {
  if (seesEverything(viewer)) return new Set(userIds);
  if (userIds.length === 0) return new Set();
  const result = await ex.execute<{ id: string }>(sql`
    select id from unnest(${uuids(userIds)}) as given(id) where id in ${overseenUserIds(viewer)}`);
  return new Set(result.rows.map((r) => r.id));
};

/** A team of the organization with its lead and its members (active or not), or undefined. */
export const teamWithMembers = async (
  ex: Executor,
  organizationId: string,
  teamId: string,
): Promise<{ id: string; leadUserId: string | null; memberIds: string[] } | undefined> => {
  const result = await ex.execute<{ id: string; lead_user_id: string | null; member_ids: string[] | null }>(sql`
    select t.id, t.lead_user_id,
      array(select tm.user_id from team_members tm where tm.organization_id = t.organization_id and tm.team_id = t.id order by tm.user_id) as member_ids
    from teams t where t.organization_id = ${organizationId} and t.id = ${teamId}`);
  const row = result.rows[0];
  return row ? { id: row.id, leadUserId: row.lead_user_id, memberIds: row.member_ids ?? [] } : undefined;
};

/**
 * Holds the person's membership row until the transaction ends: two redistributions of the same person
 * take turns, so the second plans on what the first left.
 */
export const lockGiver = async (ex: Executor, organizationId: string, fromUserId: string): Promise<void> => {
  await ex.execute(sql`select user_id from memberships where organization_id = ${organizationId} and user_id = ${fromUserId} for no key update`);
};

// ---------------------------------------------------------------- the clients to move

/** Money of open deals in one currency, in minor units. */
export type Amount = { currency: string; amountMinor: number };

export type ClientToMove = {
  id: string;
  name: string;
  region: string | null;
  audience: string | null;
  channel: string | null;
  temperature: "cold" | "warm" | "hot";
  level: string | null;
  /** The from-person's deals on the client in an open stage (not won, not lost). */
  openDeals: number;
  /** Their amounts, per currency. */
  amounts: Amount[];
  /** The from-person's tasks on the client not done. */
  openTasks: number;
};

const temperatureOf = (value: string): ClientToMove["temperature"] => {
  switch (value) {
    case "warm":
    case "hot":
      return value;
    default:
      return "cold";
  }
};

/** The person's open stages, as an array computed once per statement. */
const openStages = (organizationId: string): SQL =>
  sql`array(select s.id from pipeline_stages s where s.organization_id = ${organizationId} and s.kind = 'open')`;

/**
 * The clients a person owns (those of the given ids when given), by name, with the open deals (and their money) and open tasks
 * that would follow each. Three statements, each on one table's index — the clients by owner, the person's open
 * deals by owner and stage, their open tasks by assignee — joined here by client id.
 */
export const clientsToMove = async (
  ex: Executor,
  organizationId: string,
  fromUserId: string,
  companyIds: readonly string[] | undefined,
): Promise<ClientToMove[]> => {
  const conditions = [sql`c.organization_id = ${organizationId}`, sql`c.owner_id = ${fromUserId}`];
  if (companyIds !== undefined) conditions.push(sql`c.id = any(${uuids(companyIds)})`);
  const clients = await ex.execute<{ id: string; name: string; region: string | null; audience: string | null; channel: string | null; temperature: string; level: string | null }>(sql`
    select c.id, c.name, c.region, c.audience, c.channel, c.temperature, c.level from companies c
    where ${sql.join(conditions, sql` and `)}
    order by lower(c.name), c.id`);
  if (clients.rows.length === 0) return [];
  const deals = await ex.execute<{ company_id: string; currency: string; deals: number; amount: string | number }>(sql`
    select d.company_id, d.currency, count(*)::integer as deals, coalesce(sum(d.amount_minor), 0) as amount from deals d
    where d.organization_id = ${organizationId} and d.owner_id = ${fromUserId} and d.stage_id = any(${openStages(organizationId)})
    group by d.company_id, d.currency`);
  const tasks = await ex.execute<{ company_id: string; tasks: number }>(sql`
    select t.company_id, count(*)::integer as tasks from tasks t
    where t.organization_id = ${organizationId} and t.assignee_id = ${fromUserId} and t.done_at is null and t.company_id is not null
    group by t.company_id`);
  const dealsOf = new Map<string, { count: number; amounts: Amount[] }>();
  for (const row of deals.rows) {
    const entry = dealsOf.get(row.company_id) ?? { count: 0, amounts: [] };
    entry.count += Number(row.deals);
    entry.amounts.push({ currency: row.currency, amountMinor: Number(row.amount) });
    dealsOf.set(row.company_id, entry);
  }
  const tasksOf = new Map(tasks.rows.map((r) => [r.company_id, Number(r.tasks)]));
  return clients.rows.map((r) => ({
    id: r.id,
    name: r.name,
    region: r.region,
    audience: r.audience,
    channel: r.channel,
    temperature: temperatureOf(r.temperature),
    level: r.level,
    openDeals: dealsOf.get(r.id)?.count ?? 0,
    amounts: (dealsOf.get(r.id)?.amounts ?? []).sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    openTasks: tasksOf.get(r.id) ?? 0,
  }));
};

/** The products each of a person's clients has (company_products), with their groups: what routing rules read. */
export const productsOfClients = async (
  ex: Executor,
  organizationId: string,
  fromUserId: string,
): Promise<Map<string, { productId: string; productGroupId: string | null }[]>> => {
  const result = await ex.execute<{ company_id: string; product_id: string; group_id: string | null }>(sql`
    select cp.company_id, cp.product_id, p.group_id from company_products cp
    join products p on p.id = cp.product_id and p.organization_id = cp.organization_id
    where cp.organization_id = ${organizationId}
      and cp.company_id = any(array(select c.id from companies c where c.organization_id = ${organizationId} and c.owner_id = ${fromUserId}))
    order by cp.company_id, cp.product_id`);
  const byClient = new Map<string, { productId: string; productGroupId: string | null }[]>();
  for (const row of result.rows) {
    const list = byClient.get(row.company_id) ?? [];
    list.push({ productId: row.product_id, productGroupId: row.group_id });
    byClient.set(row.company_id, list);
  }
  return byClient;
};

// ---------------------------------------------------------------- reading

export type RedistributionRow = {
  id: string;
  fromUserId: string;
  fromName: string;
  actorId: string;
  actorName: string;
  mode: "rules" | "manual";
  reason: string;
  clients: number;
  deals: number;
  tasks: number;
  at: Date;
  undoUntil: Date;
  undoneAt: Date | null;
  /** Whether the viewer may undo it (a team lead: the person and every receiver are theirs); the window is the caller's. */
  viewerMayUndo: boolean;
};

const giver = alias(users, "giver");
const actor = alias(users, "actor");

/** Heads and admins see every redistribution; team leads those they made and those of their team's people. */
const visibleRedistributions = (viewer: Viewer): SQL => {
  const inOrganization = eq(redistributions.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  return (
    and(inOrganization, or(eq(redistributions.actorId, viewer.userId), sql`${redistributions.fromUserId} in ${overseenUserIds(viewer)}`)) ??
    inOrganization
  );
};

/**
 * A team lead undoes only what stays within their team: the person it came from and every receiver.
 * Evaluated only for rows still undoable, so an old redistribution's thousands of items are not read.
 */
const viewerMayUndo = (viewer: Viewer, now: Date): SQL<boolean> => {
  if (seesEverything(viewer)) return sql<boolean>`true`;
  return sql<boolean>`(${redistributions.undoneAt} is null and ${redistributions.undoUntil} > ${now}
    and ${redistributions.fromUserId} in ${overseenUserIds(viewer)}
    and not exists (select 1 from ${redistributionItems} i
      where i.organization_id = ${redistributions.organizationId} and i.redistribution_id = ${redistributions.id}
        and not (i.to_user_id = any(array${overseenUserIds(viewer)}))))`;
};

const modeOf = (value: string): RedistributionRow["mode"] => (value === "rules" ? "rules" : "manual");

const readRedistributions = async (ex: Executor, viewer: Viewer, now: Date, condition: SQL | undefined, limit: number, lock = false): Promise<RedistributionRow[]> => {
  const query = ex
    .select({
      id: redistributions.id,
      fromUserId: redistributions.fromUserId,
      fromName: giver.name,
      actorId: redistributions.actorId,
      actorName: actor.name,
      mode: redistributions.mode,
      reason: redistributions.reason,
      clients: redistributions.clients,
      deals: redistributions.deals,
      tasks: redistributions.tasks,
      at: redistributions.at,
      undoUntil: redistributions.undoUntil,
      undoneAt: redistributions.undoneAt,
      viewerMayUndo: viewerMayUndo(viewer, now),
    })
    .from(redistributions)
    .innerJoin(giver, eq(giver.id, redistributions.fromUserId))
    .innerJoin(actor, eq(actor.id, redistributions.actorId))
    .where(and(visibleRedistributions(viewer), condition))
    .orderBy(desc(redistributions.at), desc(redistributions.id))
    .limit(limit);
  const rows = lock ? await query.for("update", { of: redistributions }) : await query;
  return rows.map((r) => ({ ...r, mode: modeOf(r.mode), viewerMayUndo: r.viewerMayUndo === true }));
};

/** The newest redistributions the viewer may see. */
export const listRedistributions = (ex: Executor, viewer: Viewer, now: Date, limit = 100): Promise<RedistributionRow[]> =>
  readRedistributions(ex, viewer, now, undefined, limit);

/** One redistribution the viewer may see; `lock` holds its row until the transaction ends (an undo). */
export const findRedistribution = async (
  ex: Executor,
  viewer: Viewer,
  id: string,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<RedistributionRow | undefined> =>
  (await readRedistributions(ex, viewer, now, eq(redistributions.id, id), 1, options.lock ?? false))[0];
