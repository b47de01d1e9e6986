import { z } from "zod";
import { idSchema, isoDateTimeSchema, localeSchema } from "./common";
import { personRefSchema } from "./conveyor";
import { levelSchema } from "./crm";

/*
 * [pay] (M1.6, M3.2, M5.10, M5.14): compensation schemes as versioned data, the seeds' presets, the monthly
 * payroll preview with every line's sources, what-if, manual adjustments, month close, the accountant's
 * export, contests and the payroll vs gross-profit warning. Names follow domain/src/pay.
 */

const minorSchema = z.number().int();
const percentSchema = z.number().min(0).max(1000);
/** A pay month: "YYYY-MM". */
export const payMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Expected a month as YYYY-MM");
export type PayMonth = z.infer<typeof payMonthSchema>;
/** A Gregorian month, or a Jalali month for an organization in Iran whose plans are by Jalali month. */
export const payPeriodKindSchema = z.enum(["month", "jalali_month"]);
export type PayPeriodKindValue = z.infer<typeof payPeriodKindSchema>;
/** A pay period: its key in the organization's calendar ("2026-11", "1405-12"), its first and last days, its neighbours. */
export const payPeriodInfoSchema = z.object({
  kind: payPeriodKindSchema,
  key: payMonthSchema,
  start: z.iso.date(),
  end: z.iso.date(),
  previous: payMonthSchema,
  next: payMonthSchema,
});
export type PayPeriodInfo = z.infer<typeof payPeriodInfoSchema>;
export const payPeriodQuerySchema = z.strictObject({ month: payMonthSchema.optional() });

export const coefficientCurveSchema = z.strictObject({
  thresholdPercent: percentSchema,
  points: z.array(z.strictObject({ completionPercent: percentSchema, coefficient: z.number().min(0).max(100) })).min(1).max(20),
  capCoefficient: z.number().min(0).max(100).nullable(),
});
export type CoefficientCurveInput = z.infer<typeof coefficientCurveSchema>;

export const clientScopeValues = ["all", "first_deals", "repeat"] as const;
export const variablePartSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("percent"),
    basis: z.enum(["money", "margin"]),
    ratePercent: percentSchema,
    ratesByProductGroup: z.record(idSchema, percentSchema).default({}),
    clientScope: z.enum(clientScopeValues).default("all"),
    curve: coefficientCurveSchema.nullable().default(null),
  }),
  z.strictObject({ kind: z.literal("on_target"), onTargetMinor: minorSchema.nonnegative(), curve: coefficientCurveSchema }),
]);

export const kpiBonusMetricValues = ["activity_norm", "review_coverage", "conversion", "clients_contacted"] as const;
export const kpiBonusMetricSchema = z.enum(kpiBonusMetricValues);

export const paySchemeDefinitionSchema = z.strictObject({
  baseSalaryMinor: minorSchema.nonnegative(),
  variable: z.array(variablePartSchema).max(10).default([]),
  kpiBonus: z
    .strictObject({
      poolMinor: minorSchema.nonnegative(),
      items: z.array(z.strictObject({ metric: kpiBonusMetricSchema, target: z.number().min(0), weight: z.number().min(0) })).max(10),
    })
    .nullable()
    .default(null),
  perAcceptedLeadMinor: minorSchema.nonnegative().default(0),
  firstDealMinor: minorSchema.nonnegative().default(0),
  retentionPerClientMinor: minorSchema.nonnegative().default(0),
  clawbackOnRefunds: z.boolean().default(true),
  marginPercentByProductGroup: z.record(idSchema, percentSchema).default({}),
  defaultMarginPercent: percentSchema.default(100),
});
export type PaySchemeDefinitionInput = z.input<typeof paySchemeDefinitionSchema>;
export type PaySchemeDefinitionData = z.output<typeof paySchemeDefinitionSchema>;

export const schemeTargetKindValues = ["person", "sales_role", "department_kind", "level"] as const;
export const schemeTargetKindSchema = z.enum(schemeTargetKindValues);
export const schemeAssignmentInputSchema = z.strictObject({ targetKind: schemeTargetKindSchema, targetValue: z.string().min(1).max(100) });
export type SchemeAssignmentInput = z.infer<typeof schemeAssignmentInputSchema>;

export const paySchemeVersionSchema = z.object({
  version: z.number().int().positive(),
  effectiveFrom: payMonthSchema,
  definition: paySchemeDefinitionSchema,
  createdBy: personRefSchema,
  createdAt: isoDateTimeSchema,
});

export const paySchemeSchema = z.object({
  id: idSchema,
  name: z.string(),
  presetKey: z.string().nullable(),
  versions: z.array(paySchemeVersionSchema),
  assignments: z.array(z.object({ targetKind: schemeTargetKindSchema, targetValue: z.string(), targetName: z.string().nullable() })),
  createdAt: isoDateTimeSchema,
});
export type PayScheme = z.infer<typeof paySchemeSchema>;
export const paySchemeListSchema = z.object({ items: z.array(paySchemeSchema) });

export const createPaySchemeSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  effectiveFrom: payMonthSchema,
  definition: paySchemeDefinitionSchema,
  assignments: z.array(schemeAssignmentInputSchema).max(100).default([]),
});
export type CreatePayScheme = z.input<typeof createPaySchemeSchema>;
export const updatePaySchemeSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const addPaySchemeVersionSchema = z.strictObject({ effectiveFrom: payMonthSchema, definition: paySchemeDefinitionSchema });
export type AddPaySchemeVersion = z.input<typeof addPaySchemeVersionSchema>;
export const replaceAssignmentsSchema = z.strictObject({ assignments: z.array(schemeAssignmentInputSchema).max(100) });

// ---------------------------------------------------------------- presets

export const payPresetKeyValues = ["half_and_half", "new_business_client_pair", "conveyor"] as const;
export const payPresetKeySchema = z.enum(payPresetKeyValues);
export type PayPresetKey = z.infer<typeof payPresetKeySchema>;
export const presetParametersSchema = z.strictObject({
  baseIncomeMinor: minorSchema.positive().optional(),
  clientBaseMinor: minorSchema.positive().optional(),
  newBusinessBaseReductionPercent: z.number().min(40).max(50).optional(),
  clientRatePercent: percentSchema.optional(),
  newBusinessRatePercent: percentSchema.optional(),
});
export const payPresetSchema = z.object({
  key: payPresetKeySchema,
  method: z.string(),
  schemes: z.array(z.object({ key: z.string(), assignment: schemeAssignmentInputSchema.nullable(), definition: paySchemeDefinitionSchema })),
});
export type PayPreset = z.infer<typeof payPresetSchema>;
export const payPresetListSchema = z.object({ items: z.array(payPresetSchema) });
export const presetKeyParamsSchema = z.strictObject({ key: payPresetKeySchema });
export const applyPresetSchema = z.strictObject({
  effectiveFrom: payMonthSchema,
  parameters: presetParametersSchema.default({}),
  /** Scheme key → name, in the head's language; the keys' English names otherwise. */
  names: z.record(z.string(), z.string().trim().min(1).max(200)).default({}),
  /** Assign each scheme as the preset suggests (levels, department kinds). */
  assign: z.boolean().default(true),
});
export type ApplyPreset = z.input<typeof applyPresetSchema>;

// ---------------------------------------------------------------- the payroll

export const payrollLineKindValues = ["base", "variable", "clawback", "kpi_bonus", "accepted_leads", "first_deals", "retention", "adjustment", "late_clawback", "late_payment"] as const;
export const payrollLineKindSchema = z.enum(payrollLineKindValues);

export const payrollLineSchema = z.object({
  kind: payrollLineKindSchema,
  amountMinor: minorSchema,
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  refs: z.object({
    paymentIds: z.array(z.string()),
    dealIds: z.array(z.string()),
    companyIds: z.array(z.string()),
    handoverIds: z.array(z.string()),
    absenceIds: z.array(z.string()),
    adjustmentIds: z.array(z.string()),
    activityCounts: z.record(z.string(), z.number()),
  }),
  contributions: z
    .array(z.object({ paymentId: z.string(), dealId: z.string(), amountMinor: minorSchema, ratePercent: z.number(), marginPercent: z.number().nullable(), contributionMinor: minorSchema }))
    .optional(),
});
export type PayrollLine = z.infer<typeof payrollLineSchema>;

/** The records behind a line, named for the screen's links. */
export const payrollSourcesSchema = z.object({
  payments: z.array(z.object({ id: idSchema, dealId: idSchema, companyId: idSchema, companyName: z.string(), dealTitle: z.string(), amountMinor: minorSchema, paidOn: z.iso.date() })),
  deals: z.array(z.object({ id: idSchema, title: z.string(), companyId: idSchema })),
  handovers: z.array(z.object({ id: idSchema, companyId: idSchema, companyName: z.string(), at: isoDateTimeSchema })),
});

export const sellerPayrollSchema = z.object({
  seller: personRefSchema,
  level: levelSchema.nullable(),
  month: payMonthSchema,
  periodKind: payPeriodKindSchema,
  status: z.enum(["open", "closed"]),
  currency: z.string(),
  scheme: z.object({ id: idSchema, name: z.string(), version: z.number().int() }).nullable(),
  lines: z.array(payrollLineSchema),
  totalMinor: minorSchema,
  factMinor: minorSchema,
  planMinor: minorSchema.nullable(),
  completionPercent: z.number().nullable(),
  sources: payrollSourcesSchema,
});
export type SellerPayroll = z.infer<typeof sellerPayrollSchema>;

export const payrollShareSchema = z.object({
  payrollMinor: minorSchema,
  grossProfitMinor: minorSchema,
  limitPercent: z.number().nullable(),
  limitMinor: minorSchema.nullable(),
  sharePercent: z.number().nullable(),
  exceeded: z.boolean(),
});

export const departmentPayrollSchema = z.object({
  month: payMonthSchema,
  periodKind: payPeriodKindSchema,
  start: z.iso.date(),
  end: z.iso.date(),
  status: z.enum(["open", "closed"]),
  closedAt: isoDateTimeSchema.nullable(),
  currency: z.string(),
  sellers: z.array(
    z.object({
      seller: personRefSchema,
      level: levelSchema.nullable(),
      scheme: z.object({ id: idSchema, name: z.string(), version: z.number().int() }).nullable(),
      totalMinor: minorSchema,
      baseMinor: minorSchema,
      variableMinor: minorSchema,
      factMinor: minorSchema,
      planMinor: minorSchema.nullable(),
      completionPercent: z.number().nullable(),
      /**
       * What each level is paid for besides money (M1.3, M1.4): clients the seller handed L1 → L2, first deals whose
       * acceptance act was signed, clients who paid again on a repeat deal — in the period, whatever the scheme.
       */
      results: z.object({ acceptedLeads: z.number().int(), firstDeals: z.number().int(), repeatClients: z.number().int() }),
    }),
  ),
  totalMinor: minorSchema,
  /** Shown to heads and admins only (null for a team lead or seller). */
  share: payrollShareSchema.nullable(),
});
export type DepartmentPayroll = z.infer<typeof departmentPayrollSchema>;

export const payrollQuerySchema = z.strictObject({ month: payMonthSchema });
export const sellerParamsSchema = z.strictObject({ sellerId: idSchema });

export const whatIfSchema = z.strictObject({
  sellerId: idSchema.optional(),
  month: payMonthSchema,
  deals: z
    .array(
      z.union([
        z.strictObject({ dealId: idSchema, amountMinor: minorSchema.positive().optional() }),
        z.strictObject({ amountMinor: minorSchema.positive(), productGroupId: idSchema.nullable().default(null), firstDeal: z.boolean().default(true) }),
      ]),
    )
    .min(1)
    .max(50),
});
export type WhatIfInput = z.input<typeof whatIfSchema>;
export const whatIfResultSchema = z.object({
  current: sellerPayrollSchema,
  hypothetical: z.object({ lines: z.array(payrollLineSchema), totalMinor: minorSchema, factMinor: minorSchema, completionPercent: z.number().nullable() }),
  differenceMinor: minorSchema,
});
export type WhatIfResult = z.infer<typeof whatIfResultSchema>;

// ---------------------------------------------------------------- adjustments, periods, settings

export const createPayAdjustmentSchema = z.strictObject({
  sellerId: idSchema,
  month: payMonthSchema,
  amountMinor: minorSchema.refine((n) => n !== 0, "Must not be zero"),
  reason: z.string().trim().min(3).max(1000),
});
export const payAdjustmentSchema = z.object({
  id: idSchema,
  seller: personRefSchema,
  month: payMonthSchema,
  amountMinor: minorSchema,
  reason: z.string(),
  createdBy: personRefSchema,
  createdAt: isoDateTimeSchema,
});
export type PayAdjustment = z.infer<typeof payAdjustmentSchema>;
export const payAdjustmentListSchema = z.object({ items: z.array(payAdjustmentSchema) });
export const payAdjustmentQuerySchema = z.strictObject({ month: payMonthSchema, sellerId: idSchema.optional() });

export const payPeriodSchema = z.object({ month: payMonthSchema, closedAt: isoDateTimeSchema, closedBy: personRefSchema, sellers: z.number().int(), totalMinor: minorSchema });
export type PayPeriod = z.infer<typeof payPeriodSchema>;
export const payPeriodListSchema = z.object({ items: z.array(payPeriodSchema) });
export const monthParamsSchema = z.strictObject({ month: payMonthSchema });

export const paySettingsSchema = z.object({
  payrollShareLimitPercent: z.number().nullable(),
  defaultMarginPercent: z.number(),
  marginPercentByProductGroup: z.record(z.string(), z.number()),
});
export type PaySettings = z.infer<typeof paySettingsSchema>;
export const savePaySettingsSchema = z.strictObject({
  payrollShareLimitPercent: z.number().min(0).max(100).nullable().optional(),
  defaultMarginPercent: z.number().min(0).max(100).optional(),
  marginPercentByProductGroup: z.record(idSchema, z.number().min(0).max(100)).optional(),
});

export const payExportQuerySchema = z.strictObject({ month: payMonthSchema, layout: z.enum(["accountant", "1c"]).default("accountant"), locale: localeSchema.default("en") });

// ---------------------------------------------------------------- contests (M5.10)

export const contestMetricValues = ["revenue", "new_clients", "meetings", "conversion"] as const;
export const contestMetricSchema = z.enum(contestMetricValues);
export const contestSchema = z.object({
  id: idSchema,
  name: z.string(),
  metric: contestMetricSchema,
  level: levelSchema.nullable(),
  month: payMonthSchema,
  prize: z.string(),
  winner: personRefSchema.nullable(),
  prizeRecordedAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
});
export type Contest = z.infer<typeof contestSchema>;
export const contestListSchema = z.object({ items: z.array(contestSchema) });
export const contestQuerySchema = z.strictObject({ month: payMonthSchema.optional() });
export const createContestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  metric: contestMetricSchema,
  level: levelSchema.nullable().default(null),
  month: payMonthSchema,
  prize: z.string().trim().min(1).max(500),
});
export const updateContestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  prize: z.string().trim().min(1).max(500).optional(),
  /** Records the prize as given to this seller (null clears it). */
  winnerUserId: idSchema.nullable().optional(),
});
export const leaderboardSchema = z.object({
  contest: contestSchema,
  currency: z.string(),
  rows: z.array(z.object({ seller: personRefSchema, level: levelSchema.nullable(), value: z.number().nullable(), rank: z.number().int().nullable() })),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;
export const liveLeaderboardsSchema = z.object({ month: payMonthSchema, items: z.array(leaderboardSchema) });
export type LiveLeaderboards = z.infer<typeof liveLeaderboardsSchema>;
