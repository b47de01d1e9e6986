import type { AddPaySchemeVersion, CreatePayScheme, PayScheme, SchemeAssignmentInput } from "@conveyor/contracts";
import { addPaySchemeVersionSchema, createPaySchemeSchema, salesRoleSchema, departmentKindSchema, levelSchema } from "@conveyor/contracts";
import { schemeFor, schemeProblems } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import {
  assignTargets,
  assignmentsOf,
  clearAssignments,
  existingMembers,
  existingProductGroups,
  insertScheme,
  insertVersion,
  lockScheme,
  renameScheme,
  schemesOf,
  versionsOf,
} from "../repositories/pay.repository";
import { paySellersInScope } from "../repositories/pay-facts.repository";
import type { Viewer } from "../scope";
import { definitionOf } from "./compute-payroll";
import { managesPay, monthKeyOf, mustManagePay, payPeriodFor, payPeriodKindOf } from "./pay-context";

/*
 * [pay] M1.6: schemes as data — created, renamed, given a new version from a month on, and assigned to levels,
 * jobs, department kinds or people. Heads of sales and admins read and change them all; a seller reads only the
 * scheme that pays them, a team lead those that pay their team.
 */

type Definition = ReturnType<typeof createPaySchemeSchema.parse>["definition"];

const present = async (ex: Executor, organizationId: string, schemeId?: string): Promise<PayScheme[]> => {
  const schemes = await schemesOf(ex, organizationId, schemeId);
  const versions = await versionsOf(ex, organizationId, schemes.map((s) => s.id));
  const assignments = await assignmentsOf(ex, organizationId);
  const kind = await payPeriodKindOf(ex, organizationId);
  return schemes.map((s) => ({
    id: s.id,
    name: s.name,
    presetKey: s.presetKey,
    createdAt: s.createdAt.toISOString(),
    versions: versions
      .filter((v) => v.schemeId === s.id)
      .map((v) => ({ version: v.version, effectiveFrom: monthKeyOf(v.effectiveFrom, kind), definition: definitionOf(v.definition), createdBy: { id: v.createdById, name: v.createdByName }, createdAt: v.createdAt.toISOString() })),
    assignments: assignments.filter((a) => a.schemeId === s.id).map((a) => ({ targetKind: parseKind(a.targetKind), targetValue: a.targetValue, targetName: a.targetName })),
  }));
};

const parseKind = (kind: string): SchemeAssignmentInput["targetKind"] =>
  kind === "person" || kind === "sales_role" || kind === "department_kind" || kind === "level" ? kind : "person";

/** 400 naming the field when the definition is unsound or names product groups not of the organization. */
export const checkDefinition = async (ex: Executor, organizationId: string, definition: Definition, at = "definition"): Promise<void> => {
  const problems = schemeProblems(definition).map((p) => ({ field: `${at}.${p.field}`, code: p.code, message: p.code.replaceAll("_", " ") }));
  const groupIds = [
    ...Object.keys(definition.marginPercentByProductGroup).map((id) => ({ id, field: `${at}.marginPercentByProductGroup.${id}` })),
    ...definition.variable.flatMap((part, i) => (part.kind === "percent" ? Object.keys(part.ratesByProductGroup).map((id) => ({ id, field: `${at}.variable.${i}.ratesByProductGroup.${id}` })) : [])),
  ];
  const known = await existingProductGroups(ex, organizationId, groupIds.map((g) => g.id));
  for (const g of groupIds) if (!known.has(g.id)) problems.push({ field: g.field, code: "unknown_product_group", message: "Not a product group of your organization" });
  if (problems.length > 0) throw new AppError("validation_failed", "The scheme is not valid", { errors: problems });
};

/** 400 naming the field for a target that does not exist (a person of another organization is unknown). */
export const checkAssignments = async (ex: Executor, organizationId: string, assignments: readonly SchemeAssignmentInput[]): Promise<void> => {
  const people = await existingMembers(ex, organizationId, assignments.filter((a) => a.targetKind === "person" && /^[0-9a-f-]{36}$/i.test(a.targetValue)).map((a) => a.targetValue));
  const errors = assignments.flatMap((a, i) => {
    const ok =
      a.targetKind === "person"
        ? people.has(a.targetValue)
        : a.targetKind === "level"
          ? levelSchema.safeParse(a.targetValue).success
          : a.targetKind === "sales_role"
            ? salesRoleSchema.safeParse(a.targetValue).success
            : departmentKindSchema.safeParse(a.targetValue).success;
    return ok ? [] : [{ field: `assignments.${i}.targetValue`, code: "unknown_target", message: "No such person, level, job or department kind" }];
  });
  if (errors.length > 0) throw new AppError("validation_failed", "Unknown assignment target", { errors });
};

/** The schemes a viewer may read: all for heads; otherwise those paying someone in their pay scope. */
const visibleSchemeIds = async (ex: Executor, viewer: Viewer): Promise<Set<string> | null> => {
  if (managesPay(viewer)) return null;
  const sellers = await paySellersInScope(ex, viewer);
  const assignments = (await assignmentsOf(ex, viewer.organizationId)).map((a) => ({ schemeId: a.schemeId, targetKind: parseKind(a.targetKind), targetValue: a.targetValue }));
  const ids = sellers.map((seller) => schemeFor({ userId: seller.id, salesRole: seller.salesRole, departmentKind: seller.departmentKind, level: seller.level }, assignments));
  return new Set(ids.filter((id): id is string => id !== undefined));
};

export const listPaySchemes = async (context: AppContext, viewer: Viewer): Promise<{ items: PayScheme[] }> => {
  const { db } = context.database;
  const visible = await visibleSchemeIds(db, viewer);
  const all = await present(db, viewer.organizationId);
  return { items: visible ? all.filter((s) => visible.has(s.id)) : all };
};

export const getPayScheme = async (context: AppContext, viewer: Viewer, id: string): Promise<PayScheme> => {
  const visible = await visibleSchemeIds(context.database.db, viewer);
  const [scheme] = visible && !visible.has(id) ? [] : await present(context.database.db, viewer.organizationId, id);
  if (!scheme) throw notFound("The pay scheme");
  return scheme;
};

export const createPayScheme = async (context: AppContext, viewer: Viewer, raw: CreatePayScheme, presetKey: string | null = null): Promise<PayScheme> => {
  mustManagePay(viewer);
  const input = createPaySchemeSchema.parse(raw);
  const at = context.now();
  return context.database.db.transaction(async (tx) => {
    await checkDefinition(tx, viewer.organizationId, input.definition);
    await checkAssignments(tx, viewer.organizationId, input.assignments);
    const id = await insertScheme(tx, viewer.organizationId, { name: input.name, presetKey, createdById: viewer.userId, at });
    const from = await payPeriodFor(tx, viewer.organizationId, input.effectiveFrom);
    await insertVersion(tx, viewer.organizationId, { schemeId: id, effectiveFrom: from.start, definition: input.definition, createdById: viewer.userId, at });
    await assignTargets(tx, viewer.organizationId, id, input.assignments);
    const [scheme] = await present(tx, viewer.organizationId, id);
    if (!scheme) throw notFound("The pay scheme");
    return scheme;
  });
};

export const renamePayScheme = async (context: AppContext, viewer: Viewer, id: string, name: string): Promise<PayScheme> => {
  mustManagePay(viewer);
  return context.database.db.transaction(async (tx) => {
    if (!(await renameScheme(tx, viewer.organizationId, id, name))) throw notFound("The pay scheme");
    const [scheme] = await present(tx, viewer.organizationId, id);
    if (!scheme) throw notFound("The pay scheme");
    return scheme;
  });
};

/** A new version from a month on; earlier months keep the version they had (a closed month keeps its lines). */
export const addPaySchemeVersion = async (context: AppContext, viewer: Viewer, id: string, raw: AddPaySchemeVersion): Promise<PayScheme> => {
  mustManagePay(viewer);
  const input = addPaySchemeVersionSchema.parse(raw);
  return context.database.db.transaction(async (tx) => {
    if (!(await lockScheme(tx, viewer.organizationId, id))) throw notFound("The pay scheme");
    await checkDefinition(tx, viewer.organizationId, input.definition);
    const from = await payPeriodFor(tx, viewer.organizationId, input.effectiveFrom);
    await insertVersion(tx, viewer.organizationId, { schemeId: id, effectiveFrom: from.start, definition: input.definition, createdById: viewer.userId, at: context.now() });
    const [scheme] = await present(tx, viewer.organizationId, id);
    if (!scheme) throw notFound("The pay scheme");
    return scheme;
  });
};

/** Replaces who the scheme applies to; a target held by another scheme moves here. */
export const replacePaySchemeAssignments = async (context: AppContext, viewer: Viewer, id: string, assignments: readonly SchemeAssignmentInput[]): Promise<PayScheme> => {
  mustManagePay(viewer);
  return context.database.db.transaction(async (tx) => {
    if (!(await lockScheme(tx, viewer.organizationId, id))) throw notFound("The pay scheme");
    await checkAssignments(tx, viewer.organizationId, assignments);
    await clearAssignments(tx, viewer.organizationId, id);
    await assignTargets(tx, viewer.organizationId, id, assignments);
    const [scheme] = await present(tx, viewer.organizationId, id);
    if (!scheme) throw notFound("The pay scheme");
    return scheme;
  });
};
