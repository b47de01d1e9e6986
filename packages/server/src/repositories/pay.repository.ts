import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";
import { uuidArray } from "./review-people.repository";
import { jsonColumn } from "../db/json-column";

/*
 * [pay] typed SQL for schemes, their versions and assignments, adjustments, closed months with their frozen
 * lines, and the organization's pay settings. Every query filters on the organization.
 */

export type SchemeRow = { id: string; name: string; presetKey: string | null; createdAt: Date };
export type VersionRow = { schemeId: string; version: number; effectiveFrom: string; definition: unknown; createdById: string; createdByName: string; createdAt: Date };
export type AssignmentRow = { schemeId: string; targetKind: string; targetValue: string; targetName: string | null };

export const schemesOf = async (ex: Executor, organizationId: string, schemeId?: string): Promise<SchemeRow[]> => {
  const one = schemeId ? sql`and id = ${schemeId}` : sql``;
  const result = await ex.execute<{ id: string; name: string; preset_key: string | null; created_at: Date | string }>(sql`
    select id, name, preset_key, created_at from pay_schemes where organization_id = ${organizationId} ${one} order by name, id`);
  return result.rows.map((r) => ({ id: r.id, name: r.name, presetKey: r.preset_key, createdAt: new Date(r.created_at) }));
};

export const versionsOf = async (ex: Executor, organizationId: string, schemeIds: readonly string[]): Promise<VersionRow[]> => {
  const result = await ex.execute<{ scheme_id: string; version: number; effective_from: string; definition: unknown; created_by_id: string; created_by_name: string; created_at: Date | string }>(sql`
    select v.scheme_id, v.version, v.effective_from::text as effective_from, v.definition, v.created_by_id, u.name as created_by_name, v.created_at
    from pay_scheme_versions v join users u on u.id = v.created_by_id
    where v.organization_id = ${organizationId} and v.scheme_id = any(${uuidArray(schemeIds)}) order by v.scheme_id, v.version`);
  return result.rows.map((r) => ({
    schemeId: r.scheme_id,
    version: Number(r.version),
    effectiveFrom: r.effective_from,
    definition: typeof r.definition === "string" ? JSON.parse(r.definition) : r.definition,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at),
  }));
};

export const assignmentsOf = async (ex: Executor, organizationId: string): Promise<AssignmentRow[]> => {
  const result = await ex.execute<{ scheme_id: string; target_kind: string; target_value: string; target_name: string | null }>(sql`
    select a.scheme_id, a.target_kind, a.target_value, u.name as target_name
    from pay_scheme_assignments a
    left join memberships m on a.target_kind = 'person' and m.organization_id = a.organization_id and m.user_id::text = a.target_value
    left join users u on u.id = m.user_id
    where a.organization_id = ${organizationId} order by a.target_kind, a.target_value`);
  return result.rows.map((r) => ({ schemeId: r.scheme_id, targetKind: r.target_kind, targetValue: r.target_value, targetName: r.target_name }));
};

export const insertScheme = async (ex: Executor, organizationId: string, input: { name: string; presetKey: string | null; createdById: string; at: Date }): Promise<string> => {
  const result = await ex.execute<{ id: string }>(sql`
    insert into pay_schemes (organization_id, name, preset_key, created_by_id, created_at)
    values (${organizationId}, ${input.name}, ${input.presetKey}, ${input.createdById}, ${input.at}) returning id`);
  const id = result.rows[0]?.id;
  if (!id) throw new Error("pay scheme not inserted");
  return id;
};

export const renameScheme = async (ex: Executor, organizationId: string, schemeId: string, name: string): Promise<boolean> => {
  const result = await ex.execute<{ id: string }>(sql`update pay_schemes set name = ${name} where organization_id = ${organizationId} and id = ${schemeId} returning id`);
  return result.rows.length > 0;
};

/** Locks the scheme row so two new versions of one scheme get distinct numbers. */
export const lockScheme = async (ex: Executor, organizationId: string, schemeId: string): Promise<boolean> => {
  const result = await ex.execute<{ id: string }>(sql`select id from pay_schemes where organization_id = ${organizationId} and id = ${schemeId} for update`);
  return result.rows.length > 0;
};

export const insertVersion = async (
  ex: Executor,
  organizationId: string,
  input: { schemeId: string; effectiveFrom: string; definition: unknown; createdById: string; at: Date },
): Promise<number> => {
  const result = await ex.execute<{ version: number }>(sql`
    insert into pay_scheme_versions (organization_id, scheme_id, version, effective_from, definition, created_by_id, created_at)
    select ${organizationId}, ${input.schemeId}, coalesce(max(version), 0) + 1, ${input.effectiveFrom}::date, ${JSON.stringify(input.definition)}::jsonb, ${input.createdById}, ${input.at}
    from pay_scheme_versions where organization_id = ${organizationId} and scheme_id = ${input.schemeId}
    returning version`);
  return Number(result.rows[0]?.version ?? 0);
};

/** Assigns each target to the scheme, moving it from whichever scheme held it. */
export const assignTargets = async (ex: Executor, organizationId: string, schemeId: string, targets: ReadonlyArray<{ targetKind: string; targetValue: string }>): Promise<void> => {
  for (const t of targets) {
    await ex.execute(sql`
      insert into pay_scheme_assignments (organization_id, scheme_id, target_kind, target_value)
      values (${organizationId}, ${schemeId}, ${t.targetKind}, ${t.targetValue})
      on conflict (organization_id, target_kind, target_value) do update set scheme_id = excluded.scheme_id`);
  }
};

export const clearAssignments = async (ex: Executor, organizationId: string, schemeId: string): Promise<void> => {
  await ex.execute(sql`delete from pay_scheme_assignments where organization_id = ${organizationId} and scheme_id = ${schemeId}`);
};

/** Active members with these ids (for person assignments and adjustments). */
export const existingMembers = async (ex: Executor, organizationId: string, userIds: readonly string[]): Promise<Set<string>> => {
  const result = await ex.execute<{ user_id: string }>(sql`
    select user_id from memberships where organization_id = ${organizationId} and user_id = any(${uuidArray(userIds)})`);
  return new Set(result.rows.map((r) => r.user_id));
};

// ---------------------------------------------------------------- adjustments

export type AdjustmentRow = { id: string; userId: string; userName: string; month: string; amountMinor: number; reason: string; createdById: string; createdByName: string; createdAt: Date };

export const adjustmentsOf = async (ex: Executor, organizationId: string, month: string, userIds: readonly string[]): Promise<AdjustmentRow[]> => {
  const result = await ex.execute<{ id: string; user_id: string; user_name: string; month: string; amount_minor: string | number; reason: string; created_by_id: string; created_by_name: string; created_at: Date | string }>(sql`
    select a.id, a.user_id, u.name as user_name, a.month::text as month, a.amount_minor, a.reason, a.created_by_id, cb.name as created_by_name, a.created_at
    from pay_adjustments a join users u on u.id = a.user_id join users cb on cb.id = a.created_by_id
    where a.organization_id = ${organizationId} and a.month = ${month}::date and a.user_id = any(${uuidArray(userIds)})
    order by a.created_at, a.id`);
  return result.rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    month: r.month,
    amountMinor: Number(r.amount_minor),
    reason: r.reason,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at),
  }));
};

export const insertAdjustment = async (
  ex: Executor,
  organizationId: string,
  input: { userId: string; month: string; amountMinor: number; reason: string; createdById: string; at: Date },
): Promise<string> => {
  const result = await ex.execute<{ id: string }>(sql`
    insert into pay_adjustments (organization_id, user_id, month, amount_minor, reason, created_by_id, created_at)
    values (${organizationId}, ${input.userId}, ${input.month}::date, ${input.amountMinor}, ${input.reason}, ${input.createdById}, ${input.at}) returning id`);
  const id = result.rows[0]?.id;
  if (!id) throw new Error("adjustment not inserted");
  return id;
};

// ---------------------------------------------------------------- closed months

export type PeriodRow = { month: string; closedAt: Date; closedById: string; closedByName: string; sellers: number; totalMinor: number };

export const closedPeriods = async (ex: Executor, organizationId: string): Promise<PeriodRow[]> => {
  const result = await ex.execute<{ month: string; closed_at: Date | string; closed_by_id: string; closed_by_name: string; sellers: number; total_minor: string | number | null }>(sql`
    select p.month::text as month, p.closed_at, p.closed_by_id, u.name as closed_by_name,
      (select count(*)::int from payroll_results r where r.organization_id = p.organization_id and r.month = p.month) as sellers,
      (select coalesce(sum(r.total_minor), 0)::bigint from payroll_results r where r.organization_id = p.organization_id and r.month = p.month) as total_minor
    from pay_periods p join users u on u.id = p.closed_by_id
    where p.organization_id = ${organizationId} order by p.month desc`);
  return result.rows.map((r) => ({ month: r.month, closedAt: new Date(r.closed_at), closedById: r.closed_by_id, closedByName: r.closed_by_name, sellers: Number(r.sellers), totalMinor: Number(r.total_minor ?? 0) }));
};

/** Takes the month for closing: false when it is closed already (the row exists). */
export const insertPeriod = async (ex: Executor, organizationId: string, period: { start: string; end: string }, closedById: string, at: Date): Promise<boolean> => {
  const result = await ex.execute<{ month: string }>(sql`
    insert into pay_periods (organization_id, month, ends_on, closed_at, closed_by_id) values (${organizationId}, ${period.start}::date, ${period.end}::date, ${at}, ${closedById})
    on conflict do nothing returning month::text`);
  return result.rows.length > 0;
};

export type ResultRow = { userId: string; month: string; schemeId: string | null; schemeVersion: number | null; definition: unknown; factMinor: number; planMinor: number | null; totalMinor: number };

export const insertResult = async (ex: Executor, organizationId: string, r: ResultRow): Promise<void> => {
  await ex.execute(sql`
    insert into payroll_results (organization_id, month, user_id, scheme_id, scheme_version, definition, fact_minor, plan_minor, total_minor)
    values (${organizationId}, ${r.month}::date, ${r.userId}, ${r.schemeId}, ${r.schemeVersion}, ${r.definition === null ? null : JSON.stringify(r.definition)}::jsonb, ${r.factMinor}, ${r.planMinor}, ${r.totalMinor})`);
};

export type StoredLine = { userId: string; position: number; kind: string; amountMinor: number; figures: unknown; refs: unknown; contributions: unknown };

export const insertLines = async (ex: Executor, organizationId: string, month: string, lines: readonly StoredLine[]): Promise<void> => {
  for (const l of lines) {
    await ex.execute(sql`
      insert into payroll_lines (organization_id, month, user_id, position, kind, amount_minor, figures, refs, contributions)
      values (${organizationId}, ${month}::date, ${l.userId}, ${l.position}, ${l.kind}, ${l.amountMinor}, ${JSON.stringify(l.figures)}::jsonb, ${JSON.stringify(l.refs)}::jsonb,
        ${l.contributions === undefined || l.contributions === null ? null : JSON.stringify(l.contributions)}::jsonb)`);
  }
};


export const resultsOf = async (ex: Executor, organizationId: string, months: readonly string[], userIds: readonly string[]): Promise<ResultRow[]> => {
  if (months.length === 0 || userIds.length === 0) return [];
  const result = await ex.execute<{ user_id: string; month: string; scheme_id: string | null; scheme_version: number | null; definition: unknown; fact_minor: string | number; plan_minor: string | number | null; total_minor: string | number }>(sql`
    select user_id, month::text as month, scheme_id, scheme_version, definition, fact_minor, plan_minor, total_minor from payroll_results
    where organization_id = ${organizationId} and month = any(array[${sql.join(months.map((m) => sql`${m}`), sql`, `)}]::date[]) and user_id = any(${uuidArray(userIds)})`);
  return result.rows.map((r) => ({
    userId: r.user_id,
    month: r.month,
    schemeId: r.scheme_id,
    schemeVersion: r.scheme_version === null ? null : Number(r.scheme_version),
    definition: jsonColumn(r.definition),
    factMinor: Number(r.fact_minor),
    planMinor: r.plan_minor === null ? null : Number(r.plan_minor),
    totalMinor: Number(r.total_minor),
  }));
};

export const storedLinesOf = async (ex: Executor, organizationId: string, month: string, userIds: readonly string[]): Promise<StoredLine[]> => {
  const result = await ex.execute<{ user_id: string; position: number; kind: string; amount_minor: string | number; figures: unknown; refs: unknown; contributions: unknown }>(sql`
    select user_id, position, kind, amount_minor, figures, refs, contributions from payroll_lines
    where organization_id = ${organizationId} and month = ${month}::date and user_id = any(${uuidArray(userIds)}) order by user_id, position`);
  return result.rows.map((r) => ({ userId: r.user_id, position: Number(r.position), kind: r.kind, amountMinor: Number(r.amount_minor), figures: jsonColumn(r.figures), refs: jsonColumn(r.refs), contributions: jsonColumn(r.contributions) }));
};

// ---------------------------------------------------------------- settings

export type PaySettingsRow = { payrollShareLimitPercent: number | null; defaultMarginPercent: number; marginPercentByProductGroup: Record<string, number> };
export const defaultPaySettings: PaySettingsRow = { payrollShareLimitPercent: null, defaultMarginPercent: 100, marginPercentByProductGroup: {} };

export const paySettingsOf = async (ex: Executor, organizationId: string): Promise<PaySettingsRow> => {
  const result = await ex.execute<{ payroll_share_limit_percent: string | number | null; default_margin_percent: string | number; margin_percent_by_product_group: unknown }>(sql`
    select payroll_share_limit_percent, default_margin_percent, margin_percent_by_product_group from pay_settings where organization_id = ${organizationId}`);
  const row = result.rows[0];
  if (!row) return defaultPaySettings;
  const margins = jsonColumn(row.margin_percent_by_product_group);
  const byGroup: Record<string, number> = {};
  if (typeof margins === "object" && margins !== null) for (const [k, v] of Object.entries(margins)) if (typeof v === "number") byGroup[k] = v;
  return {
    payrollShareLimitPercent: row.payroll_share_limit_percent === null ? null : Number(row.payroll_share_limit_percent),
    defaultMarginPercent: Number(row.default_margin_percent),
    marginPercentByProductGroup: byGroup,
  };
};

export const upsertPaySettings = async (ex: Executor, organizationId: string, s: PaySettingsRow, updatedById: string, at: Date): Promise<void> => {
  await ex.execute(sql`
    insert into pay_settings (organization_id, payroll_share_limit_percent, default_margin_percent, margin_percent_by_product_group, updated_by_id, updated_at)
    values (${organizationId}, ${s.payrollShareLimitPercent}, ${s.defaultMarginPercent}, ${JSON.stringify(s.marginPercentByProductGroup)}::jsonb, ${updatedById}, ${at})
    on conflict (organization_id) do update set payroll_share_limit_percent = excluded.payroll_share_limit_percent,
      default_margin_percent = excluded.default_margin_percent, margin_percent_by_product_group = excluded.margin_percent_by_product_group,
      updated_by_id = excluded.updated_by_id, updated_at = excluded.updated_at`);
};

/** Product groups of the organization among these ids. */
export const existingProductGroups = async (ex: Executor, organizationId: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const result = await ex.execute<{ id: string }>(sql`select id from product_groups where organization_id = ${organizationId} and id = any(${uuidArray(ids)})`);
  return new Set(result.rows.map((r) => r.id));
};
