import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "./common";
import { countrySchema } from "./organization";

/*
 * Plans, working-day calendars, the KPI dashboard, the funnel and the forecast (M2.3, M2.4,
 * M5.1, M5.2, M5.9, M5.11, M5.15).
 */

const localDate = z.iso.date();

/** A plan's period: a Gregorian month "2026-12", or for Iran a Jalali month "1405-09". */
export const planPeriodKinds = ["month", "jalali_month"] as const;
export const planPeriodKindSchema = z.enum(planPeriodKinds);
export type PlanPeriodKind = z.infer<typeof planPeriodKindSchema>;
export const periodKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Expected a month as YYYY-MM");

export const planScopeKinds = ["seller", "team", "level", "channel", "product_group", "department"] as const;
export const planScopeKindSchema = z.enum(planScopeKinds);
export type PlanScopeKind = z.infer<typeof planScopeKindSchema>;

/** What a plan counts: money received, deals won, new clients, and the activity norms (M5.9). */
export const planMetrics = ["revenue", "deals_won", "new_clients", "calls", "meetings"] as const;
export const planMetricSchema = z.enum(planMetrics);
export type PlanMetric = z.infer<typeof planMetricSchema>;

export const periodQuerySchema = z.strictObject({
  periodKind: planPeriodKindSchema.default("month"),
  /** Defaults to the period holding today in the organization's time zone. */
  period: periodKeySchema.optional(),
});

export const periodSchema = z.object({
  kind: planPeriodKindSchema,
  key: periodKeySchema,
  start: localDate,
  end: localDate,
  today: localDate,
  workingDays: z.number().int(),
  workingDaysElapsed: z.number().int(),
  workingDaysRemaining: z.number().int(),
  /**
   * "official": the country's production calendar covers the period; "partial" or "missing": part or none of it
   * does and the weekly pattern fills in (a warning); "pattern_only": a country without holiday data.
   */
  calendarCoverage: z.enum(["official", "partial", "missing", "pattern_only"]),
});
export type Period = z.infer<typeof periodSchema>;

export const planSchema = z.object({
  id: idSchema,
  scopeKind: planScopeKindSchema,
  scopeId: z.string(),
  scopeName: z.string(),
  metric: planMetricSchema,
  /** Money in minor units for revenue; a count otherwise. */
  target: z.number().int().nonnegative(),
  /** What the period has brought so far; null where the rollups do not count that metric for that scope. */
  fact: z.number().int().nullable(),
  /** M5.2 for this plan. */
  completionToDate: z.number().nullable(),
  updatedAt: isoDateTimeSchema,
});
export type Plan = z.infer<typeof planSchema>;

export const planListSchema = z.object({ period: periodSchema, currency: z.string(), items: z.array(planSchema) });
export type PlanList = z.infer<typeof planListSchema>;

export const planItemInputSchema = z.strictObject({
  scopeKind: planScopeKindSchema,
  /** A user or team id, a level (L1/L2/L3), a channel, a product group id; '' for the department. */
  scopeId: z.string().max(200),
  metric: planMetricSchema,
  /** null removes the plan. */
  target: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
});
export type PlanItemInput = z.infer<typeof planItemInputSchema>;

export const savePlansSchema = z.strictObject({
  periodKind: planPeriodKindSchema.default("month"),
  period: periodKeySchema,
  items: z.array(planItemInputSchema).min(1).max(2000),
});
export type SavePlans = z.infer<typeof savePlansSchema>;

export const planSplitMethods = ["even", "weight", "last_quarter"] as const;

export const splitPlanSchema = z.strictObject({
  periodKind: planPeriodKindSchema.default("month"),
  period: periodKeySchema,
  metric: planMetricSchema,
  total: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.enum(planSplitMethods),
  /** The sellers to split across; default: every active seller on the conveyor the viewer plans for. */
  userIds: z.array(idSchema).max(1000).optional(),
  weights: z.record(z.string(), z.number().nonnegative().max(1000)).optional(),
  /** Pro-rate each share by the working days the seller is present (absences). */
  prorateAbsences: z.boolean().default(true),
  /** false: a preview, nothing saved. */
  apply: z.boolean().default(false),
});
export type SplitPlan = z.infer<typeof splitPlanSchema>;

export const planSplitResultSchema = z.object({
  applied: z.boolean(),
  items: z.array(
    z.object({
      userId: idSchema,
      name: z.string(),
      target: z.number().int(),
      share: z.number(),
      presentWorkingDays: z.number().int(),
      basis: z.number(),
    }),
  ),
});
export type PlanSplitResult = z.infer<typeof planSplitResultSchema>;

export const copyPlansSchema = z.strictObject({
  periodKind: planPeriodKindSchema.default("month"),
  from: periodKeySchema,
  to: periodKeySchema,
  /** false keeps the target period's plans where both have one. */
  overwrite: z.boolean().default(false),
});
export const copyPlansResultSchema = z.object({ copied: z.number().int(), kept: z.number().int() });

// ── Working-day calendar ──────────────────────────────────────────────────────

export const calendarDayKinds = ["working", "shortened", "weekend", "holiday"] as const;
export const calendarOverrideKinds = ["working", "day_off", "shortened"] as const;

export const calendarQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const calendarSchema = z.object({
  country: countrySchema,
  thursdayOff: z.boolean(),
  year: z.number().int(),
  coverage: z.enum(["official", "partial", "missing", "pattern_only"]),
  source: z.string().nullable(),
  /** Years around this one without official data: shown as a warning, never silently "every weekday works". */
  missingYears: z.array(z.number().int()),
  workingDays: z.number().int(),
  months: z.array(
    z.object({
      month: z.number().int().min(1).max(12),
      workingDays: z.number().int(),
      days: z.array(z.object({ date: localDate, kind: z.enum(calendarDayKinds), name: z.string().nullable(), overridden: z.boolean() })),
    }),
  ),
});
export type WorkingCalendar = z.infer<typeof calendarSchema>;

export const calendarDayParamsSchema = z.strictObject({ date: localDate });
export const setCalendarDaySchema = z.strictObject({ kind: z.enum(calendarOverrideKinds), note: z.string().trim().max(200).optional() });

// ── Dashboard ──────────────────────────────────────────────────────────────────

export const kpiScopeSchema = z
  .string()
  .regex(/^(department|seller:[0-9a-f-]{36}|team:[0-9a-f-]{36}|level:L[123])$/, "Expected department, seller:<id>, team:<id> or level:L1|L2|L3");

export const dashboardQuerySchema = periodQuerySchema.extend({
  /** Whose figures: default the department for heads, the team for team leads, oneself for sellers. */
  scope: kpiScopeSchema.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const planLineSchema = z.object({
  metric: planMetricSchema,
  plan: z.number().int().nullable(),
  fact: z.number().int(),
  planToDate: z.number().nullable(),
  /** M5.2: fact / (plan / working days × elapsed) × 100; null without a plan. */
  completionToDate: z.number().nullable(),
  completion: z.number().nullable(),
  runRatePerDay: z.number().nullable(),
  projection: z.number(),
  status: z.enum(["none", "behind", "on_track"]),
});
export type PlanLine = z.infer<typeof planLineSchema>;

const moneyCount = z.object({ count: z.number().int(), amountMinor: z.number().int() });

export const kpiFiguresSchema = z.object({
  callsNew: z.number().int(),
  callsCurrent: z.number().int(),
  meetingsNew: z.number().int(),
  meetingsCurrent: z.number().int(),
  emails: z.number().int(),
  proposals: z.number().int(),
  revenueMinor: z.number().int(),
  refundsMinor: z.number().int(),
  payments: z.number().int(),
  payingClients: z.number().int(),
  /** M5.1 average client turnover: revenue / paying clients. */
  averageClientTurnoverMinor: z.number().int().nullable(),
  /** M2.3 average check: revenue / payments. */
  averageCheckMinor: z.number().int().nullable(),
  dealsWon: z.number().int(),
  wonAmountMinor: z.number().int(),
  newClients: z.number().int(),
  /** M2.3 refusals: deals lost. */
  dealsLost: z.number().int(),
  averageDaysToClose: z.number().nullable(),
  proposalsPerClient: z.number().nullable(),
});
export type KpiFigures = z.infer<typeof kpiFiguresSchema>;

export const sellerRowSchema = z.object({
  userId: idSchema,
  name: z.string(),
  level: z.string().nullable(),
  rank: z.number().int(),
  revenueMinor: z.number().int(),
  revenuePlanMinor: z.number().int().nullable(),
  completionToDate: z.number().nullable(),
  calls: z.number().int(),
  meetings: z.number().int(),
  dealsWon: z.number().int(),
  hotClients: z.number().int(),
});
export type SellerRow = z.infer<typeof sellerRowSchema>;

export const kpiWidgets = [
  "plan",
  "activity_new",
  "activity_current",
  "money",
  "closed_deals",
  "pipeline_money",
  "revenue_by_day",
  "sellers",
  "effectiveness",
] as const;
export const kpiWidgetSchema = z.enum(kpiWidgets);
export type KpiWidget = z.infer<typeof kpiWidgetSchema>;

export const dashboardSchema = z.object({
  period: periodSchema,
  scope: z.object({ kind: z.enum(["department", "seller", "team", "level"]), id: z.string(), name: z.string() }),
  currency: z.string(),
  widgets: z.array(kpiWidgetSchema),
  tvRefreshSeconds: z.number().int(),
  plan: z.array(planLineSchema),
  figures: kpiFiguresSchema,
  /** M2.3 money in hot, warm and potential (cold) clients: their open deals. */
  pipeline: z.object({ hot: moneyCount, warm: moneyCount, potential: moneyCount, hotClients: z.number().int() }),
  revenueByDay: z.array(z.object({ date: localDate, revenueMinor: z.number().int() })),
  /** Scoped: a seller gets only their own row, with their rank among all sellers. */
  sellers: z.array(sellerRowSchema),
  rank: z.object({ position: z.number().int(), of: z.number().int() }).nullable(),
  effectiveness: z.object({
    sellers: z.number().int(),
    meetings: z.number().int(),
    meetingsPerSeller: z.number(),
    winsPerMeeting: z.number(),
    dealsWon: z.number().int(),
    weakest: z.enum(["sellers", "meetings_per_seller", "wins_per_meeting"]).nullable(),
    /** Against the department (or, for the department, its previous period). */
    reference: z.object({ meetingsPerSeller: z.number(), winsPerMeeting: z.number(), sellers: z.number().int() }),
  }),
  generatedAt: isoDateTimeSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const kpiSettingsSchema = z.object({ widgets: z.array(kpiWidgetSchema), tvRefreshSeconds: z.number().int() });
export const updateKpiSettingsSchema = z.strictObject({
  widgets: z.array(kpiWidgetSchema).min(1).max(kpiWidgets.length).refine((w) => new Set(w).size === w.length, "Each widget once").optional(),
  tvRefreshSeconds: z.number().int().min(10).max(3600).optional(),
});

// ── Drill-down: the records behind a number ────────────────────────────────────

export const drillMetrics = ["revenue", "deals_won", "deals_lost", "new_clients", "calls", "meetings", "proposals"] as const;
export const drillQuerySchema = dashboardQuerySchema.extend({
  metric: z.enum(drillMetrics),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export const drillRowSchema = z.object({
  id: idSchema,
  date: localDate,
  companyId: idSchema,
  companyName: z.string(),
  userName: z.string(),
  title: z.string(),
  amountMinor: z.number().int().nullable(),
});
export const drillPageSchema = z.object({ items: z.array(drillRowSchema), nextCursor: z.string().nullable() });
export type DrillRow = z.infer<typeof drillRowSchema>;

// ── Funnel ─────────────────────────────────────────────────────────────────────

export const funnelQuerySchema = dashboardQuerySchema.extend({
  pipelineId: idSchema.optional(),
  /** Only the deals of clients of this channel (M5.15 "per channel"). */
  channel: z.string().trim().min(1).max(200).optional(),
});
export const funnelSchema = z.object({
  period: periodSchema,
  pipeline: z.object({ id: idSchema, name: z.string() }),
  /** The channel the funnel is limited to; null for all. */
  channel: z.string().nullable(),
  stages: z.array(
    z.object({
      stageId: idSchema,
      name: z.string(),
      kind: z.enum(["open", "won"]),
      entered: z.number().int(),
      lostAfter: z.number().int(),
      /** Of the deals that left the stage in the period, the share that moved on (not lost); null for won. */
      conversion: z.number().nullable(),
      /** The department's conversion at this stage over the same period: the norm. */
      norm: z.number().nullable(),
      averageDaysInStage: z.number().nullable(),
    }),
  ),
  /** The product of the stages' conversions: a deal's chance from the first stage to won at the period's rates. */
  conversion: z.number().nullable(),
  weakestStageId: idSchema.nullable(),
  lostReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type Funnel = z.infer<typeof funnelSchema>;

// ── Forecast ───────────────────────────────────────────────────────────────────

export const forecastQuerySchema = z.strictObject({
  scope: kpiScopeSchema.optional(),
  by: z.enum(["week", "month"]).default("month"),
  /** How many buckets ahead, the current one included. */
  count: z.coerce.number().int().min(1).max(26).default(3),
  /** What `groups` splits the weighted money by: the client's type, conveyor level or segment (audience). */
  split: z.enum(["client_type", "level", "segment"]).default("client_type"),
});
export const clientTypes = ["new", "current", "permanent"] as const;
export const forecastGroupSchema = z.object({
  /** The type, level or segment; '' for the "none" and "other" groups. */
  key: z.string(),
  kind: z.enum(["value", "none", "other"]),
});
export const forecastSchema = z.object({
  currency: z.string(),
  by: z.enum(["week", "month"]),
  split: z.enum(["client_type", "level", "segment"]),
  /** The groups of the split, largest first; each bucket's `byGroup` follows this order. */
  groups: z.array(forecastGroupSchema),
  buckets: z.array(
    z.object({
      start: localDate,
      end: localDate,
      /** Open deals × stage probability, by client type. */
      weighted: z.record(z.enum(clientTypes), z.number().int()),
      /** Open deals × stage probability per group of the split. */
      byGroup: z.array(z.number().int()),
      openMinor: z.number().int(),
      deals: z.number().int(),
      /** Current and permanent clients' average monthly payments, pro-rated to the bucket. */
      repeatMinor: z.number().int(),
      totalMinor: z.number().int(),
      /** Money received in the bucket so far (the current one) or in full (a past one). */
      actualMinor: z.number().int(),
    }),
  ),
  /** Closed months: what the forecast said at the month's start against what came. */
  history: z.array(z.object({ month: localDate, forecastMinor: z.number().int(), actualMinor: z.number().int() })),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const kpiCheckSchema = z.object({
  rollups: z.array(z.object({ name: z.string(), rows: z.number().int(), mismatches: z.number().int() })),
  exact: z.boolean(),
  rebuilt: z.boolean(),
});
