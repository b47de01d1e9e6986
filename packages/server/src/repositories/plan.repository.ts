import { and, eq, sql, type SQL } from "drizzle-orm";
import { planMetricSchema, planScopeKindSchema, type PlanMetric, type PlanPeriodKind, type PlanScopeKind } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { plans } from "../db/schema";

/* Plans (M2.3, M5.9): one row per organization, period, scope and metric. */

export type PlanRow = {
  id: string;
  scopeKind: PlanScopeKind;
  scopeId: string;
  metric: PlanMetric;
  target: number;
  updatedAt: Date;
};

export type PlanPeriodKey = { periodKind: PlanPeriodKind; periodStart: string; periodEnd: string };

export const plansOfPeriod = async (ex: Executor, organizationId: string, period: PlanPeriodKey): Promise<PlanRow[]> =>
  planRowsOf((await ex.execute<RawPlan>(plansOfPeriodQuery(organizationId, period))).rows);

/** The raw row of `plansOfPeriodQuery`, as a statement returns it or as JSON (a larger statement's column). */
export type RawPlan = { id: string; scope_kind: string; scope_id: string; metric: string; target: string | number; updated_at: string | Date };

/** The plans of one period, as a statement of its own or a part of a larger one (the dashboard's). */
export const plansOfPeriodQuery = (organizationId: string, period: PlanPeriodKey): SQL => sql`
    select id, scope_kind, scope_id, metric, target, updated_at from plans
    where organization_id = ${organizationId} and period_kind = ${period.periodKind} and period_start = ${period.periodStart}::date
    order by scope_kind, scope_id, metric`;

export const planRowsOf = (rows: readonly RawPlan[]): PlanRow[] =>
  rows.map((r) => ({
    id: r.id,
    scopeKind: planScopeKindSchema.parse(r.scope_kind),
    scopeId: r.scope_id,
    metric: planMetricSchema.parse(r.metric),
    target: Number(r.target),
    updatedAt: new Date(r.updated_at),
  }));

/** Sets targets; a null target removes the plan. One statement per kind of change. */
export const savePlanRows = async (
  ex: Executor,
  organizationId: string,
  period: PlanPeriodKey,
  items: ReadonlyArray<{ scopeKind: PlanScopeKind; scopeId: string; metric: PlanMetric; target: number | null }>,
  userId: string,
  now: Date,
): Promise<void> => {
  const upserts = items.filter((i) => i.target !== null);
  const removals = items.filter((i) => i.target === null);
  if (upserts.length > 0) {
    await ex
      .insert(plans)
      .values(
        upserts.map((i) => ({
          organizationId,
          periodKind: period.periodKind,
          periodStart: period.periodStart,
          periodEnd: period.periodEnd,
          scopeKind: i.scopeKind,
          scopeId: i.scopeId,
          metric: i.metric,
          target: i.target ?? 0,
          updatedById: userId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [plans.organizationId, plans.periodStart, plans.periodKind, plans.scopeKind, plans.scopeId, plans.metric],
        set: { target: sql`excluded.target`, periodEnd: sql`excluded.period_end`, updatedById: userId, updatedAt: now },
      });
  }
  for (const item of removals) {
    await ex
      .delete(plans)
      .where(
        and(
          eq(plans.organizationId, organizationId),
          eq(plans.periodKind, period.periodKind),
          eq(plans.periodStart, period.periodStart),
          eq(plans.scopeKind, item.scopeKind),
          eq(plans.scopeId, item.scopeId),
          eq(plans.metric, item.metric),
        ),
      );
  }
};

export const deletePlanRow = async (ex: Executor, organizationId: string, id: string): Promise<boolean> => {
  const rows = await ex.delete(plans).where(and(eq(plans.organizationId, organizationId), eq(plans.id, id))).returning({ id: plans.id });
  return rows.length > 0;
};

export const findPlanRow = async (ex: Executor, organizationId: string, id: string): Promise<(PlanRow & { periodStart: string }) | undefined> => {
  const rows = await ex
    .select({ id: plans.id, scopeKind: plans.scopeKind, scopeId: plans.scopeId, metric: plans.metric, target: plans.target, updatedAt: plans.updatedAt, periodStart: plans.periodStart })
    .from(plans)
    .where(and(eq(plans.organizationId, organizationId), eq(plans.id, id)));
  const row = rows[0];
  return row ? { ...row, scopeKind: row.scopeKind as PlanScopeKind, metric: row.metric as PlanMetric } : undefined;
};

/** Revenue per company channel or per product group in [from, to]: the fact of channel and product-group plans. */
export const revenueByDimension = async (
  ex: Executor,
  organizationId: string,
  dimension: "channel" | "product_group",
  from: string,
  to: string,
): Promise<Map<string, number>> => {
  const result =
    dimension === "channel"
      ? await ex.execute<{ key: string | null; amount: string | number }>(sql`
          select c.channel as key, sum(p.amount_minor) as amount from payments p join companies c on c.id = p.company_id
          where p.organization_id = ${organizationId} and p.paid_on between ${from}::date and ${to}::date group by 1`)
      : await ex.execute<{ key: string | null; amount: string | number }>(sql`
          select pr.group_id::text as key, sum(p.amount_minor) as amount from payments p
          join orders o on o.id = p.order_id left join products pr on pr.id = o.product_id
          where p.organization_id = ${organizationId} and p.paid_on between ${from}::date and ${to}::date group by 1`);
  return new Map(result.rows.filter((r) => r.key !== null).map((r) => [r.key ?? "", Number(r.amount)]));
};
