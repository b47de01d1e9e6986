import type { PlanList, PlanMetric, PlanPeriodKind, PlanScopeKind, PlanSplitResult, SavePlans, SplitPlan } from "@conveyor/contracts";
import { addDays, planCompletionToDate, splitPlan } from "@conveyor/domain";
import type { AppContext } from "../context";
import { AppError, forbidden, notFound } from "../http/app-error";
import { loadOrgCalendar, periodRange, resolvePeriod, shiftPeriodKey, workingDaysIn, type OrgCalendar } from "../kpi/org-calendar";
import { isSeller, ledTeams, visibleSellerIds } from "../kpi/kpi-scope";
import { factOf } from "./read-dashboard";
import { listAbsences } from "../repositories/absence.repository";
import { kpiMembers, type KpiMember, type KpiTeam } from "../repositories/kpi-people.repository";
import { addCounters, countersByUser, emptyCounters, sellerDays, type DayCounters } from "../repositories/kpi-rollup.repository";
import { deletePlanRow, findPlanRow, plansOfPeriod, revenueByDimension, savePlanRows, type PlanRow } from "../repositories/plan.repository";
import { listProductGroups } from "../repositories/product.repository";
import { seesEverything } from "../repositories/visibility";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";

/*
 * Plans (M2.3, M5.9): set by the head of sales per seller, team, level, channel, product group or
 * the department; split a department plan across sellers; copy a month to the next. Team leads
 * read their teams' plans, sellers their own.
 */

const invalid = (field: string, message: string, code = "invalid") => new AppError("validation_failed", message, { errors: [{ field, code, message }] });

const mustPlan = (viewer: Viewer): void => {
  if (!seesEverything(viewer)) throw forbidden("Plans are set by the head of sales");
};

type Names = { members: KpiMember[]; teams: KpiTeam[]; groups: Map<string, string> };

const scopeName = (kind: PlanScopeKind, id: string, names: Names): string | null => {
  switch (kind) {
    case "seller":
      return names.members.find((m) => m.userId === id)?.name ?? null;
    case "team":
      return names.teams.find((t) => t.id === id)?.name ?? null;
    case "level":
      return ["L1", "L2", "L3"].includes(id) ? id : null;
    case "channel":
      return id.length > 0 ? id : null;
    case "product_group":
      return names.groups.get(id) ?? null;
    case "department":
      return id === "" ? "" : null;
  }
};

/** May the viewer read this plan: heads every one; a team lead their teams' and members'; a seller their own. */
const readable = (viewer: Viewer, plan: Pick<PlanRow, "scopeKind" | "scopeId">, names: Names): boolean => {
  if (seesEverything(viewer)) return true;
  if (plan.scopeKind === "seller") return visibleSellerIds(viewer, names.members, names.teams).has(plan.scopeId);
  if (plan.scopeKind === "team") return viewer.role === "team_lead" && ledTeams(viewer, names.teams).some((t) => t.id === plan.scopeId);
  return false;
};

const loadNames = async (context: AppContext, viewer: Viewer): Promise<Names> => {
  const { db } = context.database;
  const [people, groups] = await Promise.all([kpiMembers(db, viewer.organizationId), listProductGroups(db, viewer)]);
  return { ...people, groups: new Map(groups.map((g) => [g.id, g.name])) };
};

const periodOf = (cal: OrgCalendar, kind: PlanPeriodKind, key: string) => {
  const period = resolvePeriod(cal, kind, key);
  return { period, key: { periodKind: kind, periodStart: period.start, periodEnd: period.end } };
};

export const listPlans = async (context: AppContext, viewer: Viewer, query: { periodKind: PlanPeriodKind; period?: string | undefined }): Promise<PlanList> => {
  const { db } = context.database;
  const org = viewer.organizationId;
  const cal = await loadOrgCalendar(db, org, context.now());
  const period = resolvePeriod(cal, query.periodKind, query.period);
  const [names, rows, days] = await Promise.all([
    loadNames(context, viewer),
    plansOfPeriod(db, org, { periodKind: period.kind, periodStart: period.start, periodEnd: period.end }),
    sellerDays(db, org, period.start, period.end),
  ]);
  const byUser = countersByUser(days);
  const sum = (ids: Iterable<string>): DayCounters => {
    const total = emptyCounters();
    for (const id of ids) {
      const c = byUser.get(id);
      if (c) addCounters(total, c);
    }
    return total;
  };
  const visible = rows.filter((r) => readable(viewer, r, names));
  const needs = (kind: "channel" | "product_group") => visible.some((r) => r.scopeKind === kind && r.metric === "revenue");
  const [byChannel, byGroup] = await Promise.all([
    needs("channel") ? revenueByDimension(db, org, "channel", period.start, period.end) : Promise.resolve(new Map<string, number>()),
    needs("product_group") ? revenueByDimension(db, org, "product_group", period.start, period.end) : Promise.resolve(new Map<string, number>()),
  ]);
  const factFor = (row: PlanRow): number | null => {
    switch (row.scopeKind) {
      case "seller":
        return factOf(row.metric, sum([row.scopeId]));
      case "team":
        return factOf(row.metric, sum(names.teams.find((t) => t.id === row.scopeId)?.memberIds ?? []));
      case "level":
        return factOf(row.metric, sum(names.members.filter((m) => m.level === row.scopeId).map((m) => m.userId)));
      case "department":
        return factOf(row.metric, sum(byUser.keys()));
      case "channel":
        return row.metric === "revenue" ? (byChannel.get(row.scopeId) ?? 0) : null;
      case "product_group":
        return row.metric === "revenue" ? (byGroup.get(row.scopeId) ?? 0) : null;
    }
  };
  return {
    period,
    currency: cal.currency,
    items: visible.map((row) => {
      const fact = factFor(row);
      return {
        id: row.id,
        scopeKind: row.scopeKind,
        scopeId: row.scopeId,
        scopeName: scopeName(row.scopeKind, row.scopeId, names) ?? "",
        metric: row.metric,
        target: row.target,
        fact,
        completionToDate:
          fact === null ? null : planCompletionToDate({ plan: row.target, fact, workingDaysInPeriod: period.workingDays, workingDaysElapsed: period.workingDaysElapsed }),
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
  };
};

export const savePlans = async (context: AppContext, viewer: Viewer, input: SavePlans): Promise<PlanList> => {
  mustPlan(viewer);
  const { db } = context.database;
  const cal = await loadOrgCalendar(db, viewer.organizationId, context.now());
  const { key } = periodOf(cal, input.periodKind, input.period);
  const names = await loadNames(context, viewer);
  input.items.forEach((item, index) => {
    if (scopeName(item.scopeKind, item.scopeId, names) === null) throw invalid(`items.${index}.scopeId`, `No ${item.scopeKind} ${item.scopeId || "(empty)"} to plan for`, "unknown");
  });
  const seen = new Set<string>();
  input.items.forEach((item, index) => {
    const k = `${item.scopeKind}:${item.scopeId}:${item.metric}`;
    if (seen.has(k)) throw invalid(`items.${index}`, "The same plan is given twice", "duplicate");
    seen.add(k);
  });
  await db.transaction(async (tx) => savePlanRows(tx, viewer.organizationId, key, input.items, viewer.userId, context.now()));
  return listPlans(context, viewer, { periodKind: input.periodKind, period: input.period });
};

export const removePlan = async (context: AppContext, viewer: Viewer, id: string): Promise<void> => {
  mustPlan(viewer);
  const { db } = context.database;
  const row = await findPlanRow(db, viewer.organizationId, id);
  if (!row) throw notFound("The plan");
  const now = context.now();
  await db.transaction(async (tx) => {
    await deletePlanRow(tx, viewer.organizationId, id);
    await auditAs(tx, viewer, "deleted", now, { kind: "plan", id });
  });
};

/** Working days a person is present in [from, to]: the period's working days less those of their absences. */
const presentDays = (cal: OrgCalendar, from: string, to: string, absences: ReadonlyArray<{ startsOn: string; endsOn: string }>): number => {
  let absent = 0;
  const days = new Set<string>();
  for (const a of absences) {
    const start = a.startsOn < from ? from : a.startsOn;
    const end = a.endsOn > to ? to : a.endsOn;
    for (let d = start; d <= end; d = addDays(d, 1)) days.add(d);
  }
  for (const d of days) if (cal.calendar.isWorkingDay(d)) absent += 1;
  return Math.max(0, workingDaysIn(cal, from, to) - absent);
};

export const splitDepartmentPlan = async (context: AppContext, viewer: Viewer, input: SplitPlan): Promise<PlanSplitResult> => {
  mustPlan(viewer);
  const { db } = context.database;
  const org = viewer.organizationId;
  const cal = await loadOrgCalendar(db, org, context.now());
  const { period, key } = periodOf(cal, input.periodKind, input.period);
  const { members } = await kpiMembers(db, org);
  const chosen = input.userIds
    ? input.userIds.map((id, index) => {
        const member = members.find((m) => m.userId === id);
        if (!member) throw invalid(`userIds.${index}`, "No such member", "unknown");
        return member;
      })
    : members.filter((m) => isSeller(m) && m.role !== "admin" && m.role !== "head_of_sales");
  if (chosen.length === 0) throw invalid("userIds", "Nobody to split the plan across", "empty");

  const absences = await listAbsences(db, viewer, { from: period.start, to: period.end });
  // Last quarter: the three periods before this one.
  const quarterFrom = periodRange(input.periodKind, shiftPeriodKey(period.key, -3)).start;
  const quarterTo = addDays(period.start, -1);
  const lastQuarter = input.method === "last_quarter" ? await sellerDays(db, org, quarterFrom, quarterTo) : [];
  const quarterFact = countersByUser(lastQuarter);

  const sellers = chosen.map((m) => ({
    userId: m.userId,
    weight: input.weights?.[m.userId] ?? 1,
    lastQuarterFact: factOf(input.metric, quarterFact.get(m.userId) ?? emptyCounters()),
    presentWorkingDays: presentDays(cal, period.start, period.end, absences.filter((a) => a.userId === m.userId)),
  }));
  const shares = splitPlan({
    total: input.total,
    method: input.method,
    sellers,
    ...(input.prorateAbsences ? { workingDaysInPeriod: period.workingDays } : {}),
  });
  const items = shares.map((share, index) => {
    const seller = sellers[index];
    const member = chosen[index];
    const basis = input.method === "even" ? 1 : input.method === "weight" ? (seller?.weight ?? 1) : (seller?.lastQuarterFact ?? 0);
    return { userId: share.userId, name: member?.name ?? "", target: share.target, share: share.share, presentWorkingDays: seller?.presentWorkingDays ?? 0, basis };
  });
  if (input.apply) {
    await db.transaction(async (tx) => {
      await savePlanRows(
        tx,
        org,
        key,
        [
          { scopeKind: "department", scopeId: "", metric: input.metric, target: input.total },
          ...items.map((i) => ({ scopeKind: "seller" as const, scopeId: i.userId, metric: input.metric as PlanMetric, target: i.target })),
        ],
        viewer.userId,
        context.now(),
      );
    });
  }
  return { applied: input.apply, items };
};

export const copyPlans = async (
  context: AppContext,
  viewer: Viewer,
  input: { periodKind: PlanPeriodKind; from: string; to: string; overwrite: boolean },
): Promise<{ copied: number; kept: number }> => {
  mustPlan(viewer);
  if (input.from === input.to) throw invalid("to", "Copy to another period", "same");
  const { db } = context.database;
  const cal = await loadOrgCalendar(db, viewer.organizationId, context.now());
  const source = periodOf(cal, input.periodKind, input.from);
  const target = periodOf(cal, input.periodKind, input.to);
  return db.transaction(async (tx) => {
    const [from, existing] = await Promise.all([plansOfPeriod(tx, viewer.organizationId, source.key), plansOfPeriod(tx, viewer.organizationId, target.key)]);
    if (from.length === 0) throw invalid("from", "That period has no plans to copy", "empty");
    const taken = new Set(existing.map((p) => `${p.scopeKind}:${p.scopeId}:${p.metric}`));
    const items = from.filter((p) => input.overwrite || !taken.has(`${p.scopeKind}:${p.scopeId}:${p.metric}`));
    if (items.length > 0) {
      await savePlanRows(tx, viewer.organizationId, target.key, items.map((p) => ({ scopeKind: p.scopeKind, scopeId: p.scopeId, metric: p.metric, target: p.target })), viewer.userId, context.now());
    }
    return { copied: items.length, kept: from.length - items.length };
  });
};
