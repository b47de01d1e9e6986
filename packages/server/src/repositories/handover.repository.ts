import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { HandoverRuleParams } from "@conveyor/contracts";
import type { OrderFact, PaymentFact, PurchaseHistory } from "@conveyor/domain";
import type { Executor } from "../db/database";
import { companies, companyShares, dealItems, deals, handoverRules, handovers, memberships, notifications, orders, payments, pipelineStages, products, tasks, users } from "../db/schema";
import type { Viewer } from "../scope";
import { overseenUserIds, seesEverything } from "./visibility";

// ---------------------------------------------------------------- rules

export type HandoverRuleRow = typeof handoverRules.$inferSelect;

export const listHandoverRules = (ex: Executor, organizationId: string, onlyEnabled = false): Promise<HandoverRuleRow[]> =>
  ex
    .select()
    .from(handoverRules)
    .where(and(eq(handoverRules.organizationId, organizationId), onlyEnabled ? eq(handoverRules.enabled, true) : undefined))
    .orderBy(asc(handoverRules.fromLevel), asc(handoverRules.createdAt));

export const findHandoverRule = async (ex: Executor, organizationId: string, id: string): Promise<HandoverRuleRow | undefined> => {
  const rows = await ex
    .select()
    .from(handoverRules)
    .where(and(eq(handoverRules.organizationId, organizationId), eq(handoverRules.id, id)));
  return rows[0];
};

export const insertHandoverRule = async (ex: Executor, values: typeof handoverRules.$inferInsert): Promise<string> => {
  const rows = await ex.insert(handoverRules).values(values).returning({ id: handoverRules.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into handover_rules returned no row");
  return id;
};

export const updateHandoverRuleRow = async (
  ex: Executor,
  organizationId: string,
  id: string,
  patch: Partial<typeof handoverRules.$inferInsert>,
): Promise<void> => {
  await ex
    .update(handoverRules)
    .set(patch)
    .where(and(eq(handoverRules.organizationId, organizationId), eq(handoverRules.id, id)));
};

/** A rule that already moved clients stays for the history: it is switched off, not deleted. */
export const deleteHandoverRuleRow = async (ex: Executor, organizationId: string, id: string): Promise<"deleted" | "disabled"> => {
  const used = await ex
    .select({ id: handovers.id })
    .from(handovers)
    .where(and(eq(handovers.organizationId, organizationId), eq(handovers.ruleId, id)))
    .limit(1);
  if (used.length > 0) {
    await updateHandoverRuleRow(ex, organizationId, id, { enabled: false });
    return "disabled";
  }
  await ex.delete(handoverRules).where(and(eq(handoverRules.organizationId, organizationId), eq(handoverRules.id, id)));
  return "deleted";
};

// ---------------------------------------------------------------- the client and its history

export type ConveyorClient = {
  id: string;
  name: string;
  ownerId: string;
  level: string | null;
  levelEnteredAt: Date | null;
  temperature: string;
  status: string;
  createdAt: Date;
};

const clientColumns = {
  id: companies.id,
  name: companies.name,
  ownerId: companies.ownerId,
  level: companies.level,
  levelEnteredAt: companies.levelEnteredAt,
  temperature: companies.temperature,
  status: companies.status,
  createdAt: companies.createdAt,
};

/**
 * Locks the client for a handover: two events for one client (a payment and a stage change at
 * the same moment) serialize here, and the second sees the level the first left.
 */
export const lockConveyorClient = async (ex: Executor, organizationId: string, companyId: string): Promise<ConveyorClient | undefined> => {
  const rows = await ex
    .select(clientColumns)
    .from(companies)
    .where(and(eq(companies.organizationId, organizationId), eq(companies.id, companyId)))
    // Not FOR UPDATE: the event's own inserts (a payment, an order) hold KEY SHARE on this row through
    // their foreign keys, and FOR UPDATE against another event's KEY SHARE deadlocks the two.
    .for("no key update");
  return rows[0];
};

export const conveyorClients = (ex: Executor, organizationId: string, ids: readonly string[]): Promise<ConveyorClient[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : ex
        .select(clientColumns)
        .from(companies)
        .where(and(eq(companies.organizationId, organizationId), inArray(companies.id, [...ids])));

/** Orders and payments of the given clients, as the M4.1/M4.2 rules read them. */
export const purchaseHistories = async (ex: Executor, organizationId: string, companyIds: readonly string[]): Promise<Map<string, PurchaseHistory>> => {
  const result = new Map<string, { orders: OrderFact[]; payments: PaymentFact[] }>();
  if (companyIds.length === 0) return result;
  for (const id of companyIds) result.set(id, { orders: [], payments: [] });
  const orderRows = await ex
    .select({
      id: orders.id,
      companyId: orders.companyId,
      dealId: orders.dealId,
      orderedOn: orders.orderedOn,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      productId: orders.productId,
      productGroupId: products.groupId,
    })
    .from(orders)
    .leftJoin(products, eq(products.id, orders.productId))
    .where(and(eq(orders.organizationId, organizationId), inArray(orders.companyId, [...companyIds])));
  // An order without a product of its own stands for its deal's lines (M4.1 "bought a given product"):
  // one fact per line, so the product criterion sees each product; the count criteria see the order once.
  const dealsWithoutProduct = [...new Set(orderRows.filter((o) => o.productId === null).map((o) => o.dealId))];
  const lines =
    dealsWithoutProduct.length === 0
      ? []
      : await ex
          .select({ dealId: dealItems.dealId, productId: dealItems.productId, productGroupId: products.groupId })
          .from(dealItems)
          .innerJoin(products, eq(products.id, dealItems.productId))
          .where(and(eq(dealItems.organizationId, organizationId), inArray(dealItems.dealId, dealsWithoutProduct)));
  for (const { companyId, dealId, ...order } of orderRows) {
    const ofDeal = order.productId === null ? lines.filter((l) => l.dealId === dealId) : [];
    result.get(companyId)?.orders.push({
      ...order,
      productGroupId: order.productGroupId ?? null,
      ...(ofDeal.length > 0 ? { lineProducts: ofDeal.map((l) => ({ productId: l.productId, productGroupId: l.productGroupId })) } : {}),
    });
  }
  const paymentRows = await ex
    .select({ orderId: payments.orderId, companyId: payments.companyId, paidOn: payments.paidOn, amountMinor: payments.amountMinor, currency: payments.currency })
    .from(payments)
    .where(and(eq(payments.organizationId, organizationId), inArray(payments.companyId, [...companyIds])));
  for (const { companyId, ...payment } of paymentRows) result.get(companyId)?.payments.push(payment);
  return result;
};

/** The L1 → L2 "stage" rule: the client's furthest open or won deal in the rule's pipeline at or past the stage. */
export const dealAtOrPastStage = async (
  ex: Executor,
  organizationId: string,
  companyId: string,
  stageId: string,
): Promise<{ title: string; stage: string } | undefined> => {
  const target = alias(pipelineStages, "target");
  const rows = await ex
    .select({ title: deals.title, stage: pipelineStages.name })
    .from(deals)
    .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
    .innerJoin(target, and(eq(target.id, stageId), eq(target.pipelineId, deals.pipelineId)))
    .where(
      and(
        eq(deals.organizationId, organizationId),
        eq(deals.companyId, companyId),
        sql`${pipelineStages.kind} <> 'lost'`,
        sql`${pipelineStages.position} >= ${target.position}`,
      ),
    )
    .orderBy(desc(pipelineStages.position))
    .limit(1);
  return rows[0];
};

/** M1.4: the first won deal whose acceptance act is signed (on or before today). */
export const signedAcceptanceAct = async (
  ex: Executor,
  organizationId: string,
  companyId: string,
  today: string,
): Promise<{ title: string; signedOn: string } | undefined> => {
  const rows = await ex
    .select({ title: deals.title, signedOn: deals.acceptanceSignedOn })
    .from(deals)
    .innerJoin(pipelineStages, eq(pipelineStages.id, deals.stageId))
    .where(
      and(
        eq(deals.organizationId, organizationId),
        eq(deals.companyId, companyId),
        eq(pipelineStages.kind, "won"),
        sql`${deals.acceptanceSignedOn} is not null and ${deals.acceptanceSignedOn} <= ${today}`,
      ),
    )
    .orderBy(asc(deals.acceptanceSignedOn))
    .limit(1);
  const row = rows[0];
  return row?.signedOn ? { title: row.title, signedOn: row.signedOn } : undefined;
};

// ---------------------------------------------------------------- receivers

export type ReceiverRow = { id: string; name: string; load: number; cap: number | null };

/**
 * The active sellers of a level with how many clients they own at that level now: the
 * balance of M1.4's handover reads this. Caps: the person's own, else the organization's.
 * The load comes from the segment rollup (exact, kept by the triggers on companies, even
 * within this transaction), not from counting thousands of clients per seller.
 */
export const receiversAtLevel = async (ex: Executor, organizationId: string, level: string, defaultCap: number | null): Promise<ReceiverRow[]> => {
  const result = await ex.execute<{ id: string; name: string; load: number; cap: number | null }>(sql`
    select u.id, u.name, coalesce(m.client_cap, ${defaultCap}::integer) as cap,
      coalesce((select f.count from company_facet_counts f
        where f.organization_id = m.organization_id and f.owner_id = m.user_id and f.field = 'level' and f.value = ${level}), 0) as load
    from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${organizationId} and m.status = 'active' and m.level = ${level}
    order by u.id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, load: Number(r.load), cap: r.cap === null ? null : Number(r.cap) }));
};

export const activeMemberName = async (ex: Executor, organizationId: string, userId: string): Promise<string | undefined> => {
  const rows = await ex
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId), eq(memberships.status, "active")));
  return rows[0]?.name;
};

// ---------------------------------------------------------------- the handover's writes

/** Open tasks of the giver on this client go to the receiver; returns how many moved. */
export const moveOpenTasks = async (ex: Executor, organizationId: string, companyId: string, fromUserId: string, toUserId: string, now: Date): Promise<number> => {
  const rows = await ex
    .update(tasks)
    .set({ assigneeId: toUserId, updatedAt: now })
    .where(
      and(
        eq(tasks.organizationId, organizationId),
        eq(tasks.companyId, companyId),
        eq(tasks.assigneeId, fromUserId),
        sql`${tasks.doneAt} is null`,
      ),
    )
    .returning({ id: tasks.id });
  return rows.length;
};

/** The giver's open deals on the client follow it to the receiver (won and lost deals keep their seller). */
export const moveOpenDeals = async (ex: Executor, organizationId: string, companyId: string, fromUserId: string, toUserId: string, now: Date): Promise<number> => {
  const rows = await ex
    .update(deals)
    .set({ ownerId: toUserId, updatedAt: now })
    .where(
      and(
        eq(deals.organizationId, organizationId),
        eq(deals.companyId, companyId),
        eq(deals.ownerId, fromUserId),
        sql`${deals.closedAt} is null`,
      ),
    )
    .returning({ id: deals.id });
  return rows.length;
};

export const grantGiverAccess = async (ex: Executor, organizationId: string, companyId: string, userId: string, until: Date, now: Date): Promise<void> => {
  await ex
    .insert(companyShares)
    .values({ organizationId, companyId, userId, expiresAt: until, createdAt: now })
    .onConflictDoUpdate({
      target: [companyShares.organizationId, companyShares.companyId, companyShares.userId],
      // A permanent share stays permanent; a grace period is extended, never shortened.
      set: { expiresAt: sql`case when ${companyShares.expiresAt} is null then null else greatest(${companyShares.expiresAt}, excluded.expires_at) end` },
    });
};

/** Shares whose grace period ended: the giver loses access (the nightly sweep). */
export const deleteExpiredShares = async (ex: Executor, organizationId: string, now: Date): Promise<number> => {
  const rows = await ex
    .delete(companyShares)
    .where(and(eq(companyShares.organizationId, organizationId), sql`${companyShares.expiresAt} is not null and ${companyShares.expiresAt} <= ${now}`))
    .returning({ companyId: companyShares.companyId });
  return rows.length;
};

export const insertHandover = async (ex: Executor, values: typeof handovers.$inferInsert): Promise<string> => {
  const rows = await ex.insert(handovers).values(values).returning({ id: handovers.id });
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into handovers returned no row");
  return id;
};

export const insertNotifications = async (ex: Executor, values: (typeof notifications.$inferInsert)[]): Promise<void> => {
  if (values.length > 0) await ex.insert(notifications).values(values);
};

// ---------------------------------------------------------------- reading handovers


export type HandoverRow = {
  id: string;
  companyId: string;
  companyName: string;
  fromLevel: string;
  toLevel: string;
  fromUserId: string;
  fromName: string;
  toUserId: string;
  toName: string;
  actorId: string | null;
  actorName: string | null;
  reason: string;
  ruleId: string | null;
  ruleName: string | null;
  trigger: string;
  figures: Record<string, string | number>;
  comment: string | null;
  movedTasks: number;
  giverAccessUntil: Date | null;
  secondsAtLevel: number | null;
  at: Date;
};

/** Sellers see the handovers they gave or received; team leads their team's; heads all (M1.4 report). */
export const visibleHandovers = (viewer: Viewer): SQL => {
  const inOrganization = eq(handovers.organizationId, viewer.organizationId);
  if (seesEverything(viewer)) return inOrganization;
  const people =
    viewer.role === "team_lead"
      ? sql`(${handovers.fromUserId} in ${overseenUserIds(viewer)} or ${handovers.toUserId} in ${overseenUserIds(viewer)})`
      : sql`(${handovers.fromUserId} = ${viewer.userId} or ${handovers.toUserId} = ${viewer.userId})`;
  return and(inOrganization, people) ?? inOrganization;
};

export type HandoverFilter = {
  from?: Date | undefined;
  to?: Date | undefined;
  userId?: string | undefined;
  companyId?: string | undefined;
  toLevel?: string | undefined;
  id?: string | undefined;
};

const filterConditions = (viewer: Viewer, filter: HandoverFilter): SQL[] => {
  const conditions: SQL[] = [visibleHandovers(viewer)];
  if (filter.id) conditions.push(eq(handovers.id, filter.id));
  if (filter.from) conditions.push(sql`${handovers.at} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${handovers.at} < ${filter.to}`);
  if (filter.userId) conditions.push(sql`(${handovers.fromUserId} = ${filter.userId} or ${handovers.toUserId} = ${filter.userId})`);
  if (filter.companyId) conditions.push(eq(handovers.companyId, filter.companyId));
  if (filter.toLevel) conditions.push(eq(handovers.toLevel, filter.toLevel));
  return conditions;
};

/**
 * A page of handovers, newest first. The page is cut from `handovers` alone (its `at` index)
 * before the names are joined: joined first, the planner hashed all 200k clients for 50 rows.
 */
export const listHandovers = async (
  ex: Executor,
  viewer: Viewer,
  filter: HandoverFilter,
  page: { limit: number; after?: { at: string; id: string } | undefined },
): Promise<HandoverRow[]> => {
  const conditions = filterConditions(viewer, filter);
  if (page.after) conditions.push(sql`(${handovers.at}, ${handovers.id}) < (${page.after.at}::timestamptz, ${page.after.id}::uuid)`);
  const rows = await ex
    .select()
    .from(handovers)
    .where(and(...conditions))
    .orderBy(desc(handovers.at), desc(handovers.id))
    .limit(page.limit);
  if (rows.length === 0) return [];
  const companyIds = [...new Set(rows.map((r) => r.companyId))];
  const userIds = [...new Set(rows.flatMap((r) => [r.fromUserId, r.toUserId, ...(r.actorId ? [r.actorId] : [])]))];
  const ruleIds = [...new Set(rows.flatMap((r) => (r.ruleId ? [r.ruleId] : [])))];
  const [companyNames, userNames, ruleNames] = await Promise.all([
    ex
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(and(eq(companies.organizationId, viewer.organizationId), inArray(companies.id, companyIds))),
    ex.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)),
    ruleIds.length === 0
      ? Promise.resolve([])
      : ex
          .select({ id: handoverRules.id, name: handoverRules.name })
          .from(handoverRules)
          .where(and(eq(handoverRules.organizationId, viewer.organizationId), inArray(handoverRules.id, ruleIds))),
  ]);
  const nameOf = (list: { id: string; name: string }[]) => new Map(list.map((r) => [r.id, r.name]));
  const companyName = nameOf(companyNames);
  const userName = nameOf(userNames);
  const ruleName = nameOf(ruleNames);
  return rows.map((r) => ({
    id: r.id,
    companyId: r.companyId,
    companyName: companyName.get(r.companyId) ?? "",
    fromLevel: r.fromLevel,
    toLevel: r.toLevel,
    fromUserId: r.fromUserId,
    fromName: userName.get(r.fromUserId) ?? "",
    toUserId: r.toUserId,
    toName: userName.get(r.toUserId) ?? "",
    actorId: r.actorId,
    actorName: r.actorId ? (userName.get(r.actorId) ?? null) : null,
    reason: r.reason,
    ruleId: r.ruleId,
    ruleName: r.ruleId ? (ruleName.get(r.ruleId) ?? null) : null,
    trigger: r.trigger,
    figures: r.figures,
    comment: r.comment,
    movedTasks: r.movedTasks,
    giverAccessUntil: r.giverAccessUntil,
    secondsAtLevel: r.secondsAtLevel,
    at: r.at,
  }));
};

export const countHandovers = async (ex: Executor, viewer: Viewer, filter: HandoverFilter): Promise<number> => {
  const conditions = filterConditions(viewer, filter);
  const rows = await ex
    .select({ n: sql<number>`count(*)::integer`.mapWith(Number) })
    .from(handovers)
    .where(and(...conditions));
  return rows[0]?.n ?? 0;
};

// ---------------------------------------------------------------- the sweep's and the preview's candidates

/**
 * The clients a rule may move, found by SQL over the whole organization: exact for the
 * temperature, stage and act rules, a superset for the purchase criteria (refunds and month
 * windows are then decided by the domain rule on each client's history).
 */
export const ruleCandidates = async (ex: Executor, organizationId: string, rule: HandoverRuleParams, today: string): Promise<string[]> => {
  const atLevel = (level: string) => sql`c.organization_id = ${organizationId} and c.level = ${level}`;
  let query: SQL;
  switch (rule.kind) {
    case "hot":
      query = sql`select c.id from companies c where ${atLevel("L1")} and c.temperature = 'hot'`;
      break;
    case "stage":
      query = sql`select c.id from companies c where ${atLevel("L1")} and exists (
        select 1 from deals d
        join pipeline_stages s on s.id = d.stage_id
        join pipeline_stages t on t.id = ${rule.stageId} and t.pipeline_id = d.pipeline_id
        where d.organization_id = c.organization_id and d.company_id = c.id and s.kind <> 'lost' and s.position >= t.position)`;
      break;
    case "acceptance_act":
      query = sql`select c.id from companies c where ${atLevel("L2")} and exists (
        select 1 from deals d join pipeline_stages s on s.id = d.stage_id
        where d.organization_id = c.organization_id and d.company_id = c.id and s.kind = 'won'
          and d.acceptance_signed_on is not null and d.acceptance_signed_on <= ${today}::date)`;
      break;
    case "orders":
      query = sql`select c.id from companies c where ${atLevel("L2")} and c.id in (
        select o.company_id from orders o where o.organization_id = ${organizationId} and o.ordered_on <= ${today}::date
        group by o.company_id having count(*) >= ${rule.count})`;
      break;
    case "volume":
      query = sql`select c.id from companies c where ${atLevel("L2")} and c.id in (
        select p.company_id from payments p where p.organization_id = ${organizationId} and p.currency = ${rule.currency} and p.paid_on <= ${today}::date
        group by p.company_id having sum(p.amount_minor) >= ${rule.amountMinor})`;
      break;
    case "product": {
      const ids = rule.productIds.length > 0 ? sql`pr.id = any(${uuidList(rule.productIds)})` : sql`false`;
      const groups = rule.productGroupIds.length > 0 ? sql`pr.group_id = any(${uuidList(rule.productGroupIds)})` : sql`false`;
      // An order of the product, or an order of a deal that has the product among its lines.
      query = sql`select c.id from companies c where ${atLevel("L2")} and c.id in (
        select o.company_id from orders o
        left join deal_items di on di.organization_id = o.organization_id and di.deal_id = o.deal_id and o.product_id is null
        left join products pr on pr.id = coalesce(o.product_id, di.product_id)
        where o.organization_id = ${organizationId} and o.ordered_on <= ${today}::date
          and (${ids} or ${groups}))`;
      break;
    }
    case "monthly_minimum":
      query = sql`select c.id from companies c where ${atLevel("L2")} and c.id in (${monthlyBuyers(organizationId, rule.currency, rule.months, today)})`;
      break;
  }
  const result = await ex.execute<{ id: string }>(query);
  return result.rows.map((r) => r.id);
};

const uuidList = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::uuid[]`;

/** Clients with money in at least `months` distinct months of the last `months` + 1 (both M4.1 windows). */
const monthlyBuyers = (organizationId: string, currency: string, months: number, today: string): SQL =>
  sql`select p.company_id from payments p
      where p.organization_id = ${organizationId} and p.currency = ${currency}
        and p.paid_on >= (date_trunc('month', ${today}::date) - make_interval(months => ${months}))::date and p.paid_on <= ${today}::date
      group by p.company_id having count(distinct date_trunc('month', p.paid_on)) >= ${months}`;

/** M4.2 candidates: not yet permanent, with enough money in total or in enough months. */
export const permanentCandidates = async (
  ex: Executor,
  settings: { organizationId: string; currency: string; permanentTotalMinor: number | null; permanentMonthlyMinor: number | null; permanentMonths: number },
  today: string,
): Promise<string[]> => {
  const parts: SQL[] = [];
  if (settings.permanentTotalMinor !== null) {
    parts.push(sql`select p.company_id from payments p where p.organization_id = ${settings.organizationId} and p.currency = ${settings.currency}
      and p.paid_on <= ${today}::date group by p.company_id having sum(p.amount_minor) >= ${settings.permanentTotalMinor}`);
  }
  if (settings.permanentMonthlyMinor !== null) parts.push(monthlyBuyers(settings.organizationId, settings.currency, settings.permanentMonths, today));
  if (parts.length === 0) return [];
  const result = await ex.execute<{ id: string }>(sql`select c.id from companies c
    where c.organization_id = ${settings.organizationId} and c.status <> 'permanent' and c.id in (${sql.join(parts, sql` union `)})`);
  return result.rows.map((r) => r.id);
};

export const countAtLevel = async (ex: Executor, organizationId: string): Promise<Record<string, number>> => {
  // The segment rollup keeps the count per owner and level exact; summing it avoids reading every client.
  const result = await ex.execute<{ level: string; n: number }>(sql`
    select value as level, sum(count)::integer as n from company_facet_counts
    where organization_id = ${organizationId} and field = 'level' and value in ('L1', 'L2', 'L3') group by value`);
  return Object.fromEntries(result.rows.map((r) => [r.level, Number(r.n)]));
};
