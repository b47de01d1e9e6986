import type { ConveyorSettings, HandoverRule, SaveHandoverRule, UpdateConveyorSettings, UpdateHandoverRule } from "@conveyor/contracts";
import { departmentModeSchema, handoverRuleSchema, saveHandoverRuleSchema, structureVariantSchema, updateHandoverRuleSchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { readConveyorSettings, saveConveyorSettings, saveStructure, type ConveyorSettingsRow } from "../repositories/conveyor-settings.repository";
import {
  deleteHandoverRuleRow,
  findHandoverRule,
  insertHandoverRule,
  listHandoverRules,
  updateHandoverRuleRow,
  type HandoverRuleRow,
} from "../repositories/handover.repository";
import { findStage } from "../repositories/pipeline.repository";
import { productOrGroupExists } from "../repositories/structure.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { ruleLevels, ruleParams } from "./hand-over-client";

export const presentConveyorSettings = (row: ConveyorSettingsRow): ConveyorSettings => ({
  departmentMode: departmentModeSchema.parse(row.departmentMode),
  structureVariant: structureVariantSchema.parse(row.structureVariant),
  giverAccessDays: row.giverAccessDays,
  receiverCap: row.receiverCap,
  stuckAfterDays: row.stuckAfterDays,
  permanent: {
    totalAmountMinor: row.permanentTotalMinor,
    monthlyMinimumMinor: row.permanentMonthlyMinor,
    months: row.permanentMonths,
    serviceLevel: row.permanentServiceLevel,
  },
  sweepAt: row.sweepAt,
  lastSweepOn: row.lastSweepOn,
  currency: row.currency,
});

export const updateConveyorSettings = async (context: AppContext, viewer: Viewer, input: UpdateConveyorSettings): Promise<ConveyorSettings> => {
  const now = context.now();
  await context.database.db.transaction(async (tx) => {
    await saveStructure(tx, viewer.organizationId, { departmentMode: input.departmentMode, structureVariant: input.structureVariant }, now);
    const patch: Parameters<typeof saveConveyorSettings>[2] = {};
    if (input.giverAccessDays !== undefined) patch.giverAccessDays = input.giverAccessDays;
    if (input.receiverCap !== undefined) patch.receiverCap = input.receiverCap;
    if (input.stuckAfterDays !== undefined) patch.stuckAfterDays = input.stuckAfterDays;
    if (input.sweepAt !== undefined) patch.sweepAt = input.sweepAt;
    if (input.permanent?.totalAmountMinor !== undefined) patch.permanentTotalMinor = input.permanent.totalAmountMinor;
    if (input.permanent?.monthlyMinimumMinor !== undefined) patch.permanentMonthlyMinor = input.permanent.monthlyMinimumMinor;
    if (input.permanent?.months !== undefined) patch.permanentMonths = input.permanent.months;
    if (input.permanent?.serviceLevel !== undefined) patch.permanentServiceLevel = input.permanent.serviceLevel;
    if (Object.keys(patch).length > 0) await saveConveyorSettings(tx, viewer.organizationId, patch, now);
    await auditAs(tx, viewer, "settings_changed", now, { kind: "conveyor_settings", id: viewer.organizationId }, { changed: Object.keys(input) });
  });
  return presentConveyorSettings(await readConveyorSettings(context.database.db, viewer.organizationId));
};

export const presentHandoverRule = (row: HandoverRuleRow): HandoverRule | null => {
  const rule = ruleParams(row);
  if (!rule) return null;
  const { fromLevel, toLevel } = ruleLevels(rule.kind);
  return handoverRuleSchema.parse({
    id: row.id,
    name: row.name,
    fromLevel,
    toLevel,
    enabled: row.enabled,
    rule,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
};

const assertRuleTargets = async (ex: Executor, viewer: Viewer, rule: SaveHandoverRule["rule"]) => {
  if (rule.kind === "stage" && !(await findStage(ex, viewer, rule.stageId))) {
    throw new AppError("validation_failed", "No such stage", { errors: [{ field: "rule.stageId", code: "unknown_stage", message: "No such stage" }] });
  }
  if (rule.kind !== "product") return;
  const productIds = rule.productIds ?? [];
  const groupIds = rule.productGroupIds ?? [];
  if (productIds.length + groupIds.length === 0) {
    throw new AppError("validation_failed", "Name at least one product or product group", {
      errors: [{ field: "rule.productIds", code: "too_small", message: "Name at least one product or product group" }],
    });
  }
  for (const [list, kind, field] of [
    [productIds, "product", "rule.productIds"],
    [groupIds, "product_group", "rule.productGroupIds"],
  ] as const) {
    for (const [index, id] of list.entries()) {
      if (!(await productOrGroupExists(ex, viewer.organizationId, kind, id))) {
        throw new AppError("validation_failed", "No such product or product group", {
          errors: [{ field: `${field}.${index}`, code: "unknown_product", message: "No such product or product group" }],
        });
      }
    }
  }
};

const readRule = async (ex: Executor, viewer: Viewer, id: string): Promise<HandoverRule> => {
  const row = await findHandoverRule(ex, viewer.organizationId, id);
  const rule = row ? presentHandoverRule(row) : null;
  if (!rule) throw notFound("The rule");
  return rule;
};

export const listRules = async (context: AppContext, viewer: Viewer): Promise<HandoverRule[]> =>
  (await listHandoverRules(context.database.db, viewer.organizationId)).flatMap((row) => presentHandoverRule(row) ?? []);

export const createHandoverRule = async (context: AppContext, viewer: Viewer, input: SaveHandoverRule): Promise<HandoverRule> => {
  const values = saveHandoverRuleSchema.parse(input);
  return context.database.db.transaction(async (tx) => {
    await assertRuleTargets(tx, viewer, values.rule);
    const { kind, ...params } = values.rule;
    const levels = ruleLevels(kind);
    const now = context.now();
    const id = await insertHandoverRule(tx, {
      organizationId: viewer.organizationId,
      name: values.name,
      kind,
      params,
      enabled: values.enabled,
      ...levels,
      createdAt: now,
      updatedAt: now,
    });
    return readRule(tx, viewer, id);
  });
};

export const updateHandoverRule = async (context: AppContext, viewer: Viewer, id: string, input: UpdateHandoverRule): Promise<HandoverRule> => {
  const values = updateHandoverRuleSchema.parse(input);
  return context.database.db.transaction(async (tx) => {
    await readRule(tx, viewer, id);
    const patch: Parameters<typeof updateHandoverRuleRow>[3] = { updatedAt: context.now() };
    if (values.name !== undefined) patch.name = values.name;
    if (values.enabled !== undefined) patch.enabled = values.enabled;
    if (values.rule !== undefined) {
      await assertRuleTargets(tx, viewer, values.rule);
      const { kind, ...params } = values.rule;
      Object.assign(patch, { kind, params, ...ruleLevels(kind) });
    }
    await updateHandoverRuleRow(tx, viewer.organizationId, id, patch);
    return readRule(tx, viewer, id);
  });
};

/** Returns whether the rule was deleted, or only switched off because handovers cite it. */
export const deleteHandoverRule = async (context: AppContext, viewer: Viewer, id: string): Promise<"deleted" | "disabled"> =>
  context.database.db.transaction(async (tx) => {
    await readRule(tx, viewer, id);
    const outcome = await deleteHandoverRuleRow(tx, viewer.organizationId, id);
    await auditAs(tx, viewer, "deleted", context.now(), { kind: "handover_rule", id }, { outcome });
    return outcome;
  });
