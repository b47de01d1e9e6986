import { z } from "zod";
import { idSchema, isoDateTimeSchema, pageOf, pageQuerySchema } from "./common";
import { levelSchema } from "./crm";
import { currencySchema } from "./money";

/** M1.1: everyone does everything, or the three-level conveyor. */
export const departmentModes = ["one_level", "three_level"] as const;
export const departmentModeSchema = z.enum(departmentModes);
export type DepartmentMode = z.infer<typeof departmentModeSchema>;

/** M5.8: the structure shapes reporting lines and which matrix attachments grant visibility. */
export const structureVariants = ["linear_functional", "matrix_geography", "matrix_product", "matrix_customer_type"] as const;
export const structureVariantSchema = z.enum(structureVariants);
export type StructureVariant = z.infer<typeof structureVariantSchema>;

/** M4.3: hunters, farmers, and the roles between them. */
export const hunterRoles = ["tele_sales", "sales_manager", "field_rep"] as const;
export const farmerRoles = ["account_manager", "key_account_manager", "partner_account_manager"] as const;
export const crossRoles = ["technical_support", "product_manager", "territory_manager", "regional_manager"] as const;
export const salesRoles = [...hunterRoles, ...farmerRoles, ...crossRoles] as const;
export const salesRoleSchema = z.enum(salesRoles);
export type SalesRole = z.infer<typeof salesRoleSchema>;

/** M3.1: one department, or new business and the client department apart, or a development team. */
export const departmentKinds = ["general", "new_business", "client", "development"] as const;
export const departmentKindSchema = z.enum(departmentKinds);
export type DepartmentKind = z.infer<typeof departmentKindSchema>;

/** M4.4: what a matrix manager is attached to. `team`: they also direct that team (its second manager). */
export const matrixKinds = ["product", "product_group", "region", "audience", "team"] as const;
export const matrixKindSchema = z.enum(matrixKinds);
export type MatrixKind = z.infer<typeof matrixKindSchema>;

const name = z.string().trim().min(1).max(200);
const levelOrNull = levelSchema.nullable();

// ---------------------------------------------------------------- settings

export const permanentClientSettingsSchema = z.object({
  /** M4.2: total purchases ≥ this (organization currency, minor units); null = not used. */
  totalAmountMinor: z.number().int().nonnegative().nullable(),
  /** M4.2: the minimum monthly purchase over `months` months ≥ this; null = not used. */
  monthlyMinimumMinor: z.number().int().nonnegative().nullable(),
  months: z.number().int().min(1).max(24),
  /** What a permanent client is promised (shown wherever the client is). */
  serviceLevel: z.string().trim().min(1).max(100),
});
export type PermanentClientSettings = z.infer<typeof permanentClientSettingsSchema>;

export const conveyorSettingsSchema = z.object({
  departmentMode: departmentModeSchema,
  structureVariant: structureVariantSchema,
  /** Days the giver keeps read access to a client they handed over. */
  giverAccessDays: z.number().int().min(0).max(365),
  /** Default cap of clients a receiving seller may hold at their level; null = no cap. */
  receiverCap: z.number().int().min(1).max(1_000_000).nullable(),
  stuckAfterDays: z.number().int().min(1).max(3650),
  permanent: permanentClientSettingsSchema,
  /** Local time of the nightly sweep. */
  sweepAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  lastSweepOn: z.string().nullable(),
  currency: currencySchema,
});
export type ConveyorSettings = z.infer<typeof conveyorSettingsSchema>;

export const updateConveyorSettingsSchema = z.strictObject({
  departmentMode: departmentModeSchema.optional(),
  structureVariant: structureVariantSchema.optional(),
  giverAccessDays: z.number().int().min(0).max(365).optional(),
  receiverCap: z.number().int().min(1).max(1_000_000).nullable().optional(),
  stuckAfterDays: z.number().int().min(1).max(3650).optional(),
  permanent: permanentClientSettingsSchema.partial().strict().optional(),
  sweepAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
});
export type UpdateConveyorSettings = z.infer<typeof updateConveyorSettingsSchema>;

// ---------------------------------------------------------------- structure

export const personRefSchema = z.object({ id: idSchema, name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const departmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: departmentKindSchema,
  head: personRefSchema.nullable(),
  teamCount: z.number().int().nonnegative(),
  createdAt: isoDateTimeSchema,
});
export type Department = z.infer<typeof departmentSchema>;

export const saveDepartmentSchema = z.strictObject({
  name,
  kind: departmentKindSchema.default("general"),
  headUserId: idSchema.nullable().optional(),
});
export type SaveDepartment = z.input<typeof saveDepartmentSchema>;
export const updateDepartmentSchema = z.strictObject({
  name: name.optional(),
  kind: departmentKindSchema.optional(),
  headUserId: idSchema.nullable().optional(),
});
export type UpdateDepartment = z.infer<typeof updateDepartmentSchema>;

export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  level: levelOrNull,
  departmentId: idSchema.nullable(),
  lead: personRefSchema.nullable(),
  members: z.array(personRefSchema),
  createdAt: isoDateTimeSchema,
});
export type Team = z.infer<typeof teamSchema>;

export const saveTeamSchema = z.strictObject({
  name,
  level: levelOrNull.optional(),
  departmentId: idSchema.nullable().optional(),
  leadUserId: idSchema.nullable().optional(),
  memberIds: z.array(idSchema).max(500).optional(),
});
export type SaveTeam = z.infer<typeof saveTeamSchema>;
export const updateTeamSchema = saveTeamSchema.partial().strict();
export type UpdateTeam = z.infer<typeof updateTeamSchema>;

export const matrixAssignmentSchema = z.strictObject({ kind: matrixKindSchema, value: z.string().trim().min(1).max(200) });
export type MatrixAssignment = z.infer<typeof matrixAssignmentSchema>;

/** A person's place on the conveyor: level, job (M4.3), cap, and matrix attachments (M4.4). */
export const conveyorProfileSchema = z.object({
  userId: idSchema,
  name: z.string(),
  role: z.string(),
  status: z.string(),
  level: levelOrNull,
  salesRole: salesRoleSchema.nullable(),
  clientCap: z.number().int().nullable(),
  teamIds: z.array(idSchema),
  matrix: z.array(z.object({ kind: matrixKindSchema, value: z.string(), label: z.string() })),
  /** Clients they own at their level now (the handover balance reads this). */
  clients: z.number().int().nonnegative(),
});
export type ConveyorProfile = z.infer<typeof conveyorProfileSchema>;

export const updateConveyorProfileSchema = z.strictObject({
  level: levelOrNull.optional(),
  salesRole: salesRoleSchema.nullable().optional(),
  clientCap: z.number().int().min(1).max(1_000_000).nullable().optional(),
  matrix: z.array(matrixAssignmentSchema).max(200).optional(),
});
export type UpdateConveyorProfile = z.infer<typeof updateConveyorProfileSchema>;

/** The org chart (M5.8): functional lines, plus the matrix's second managers. */
export const orgChartMemberSchema = z.object({
  id: idSchema,
  name: z.string(),
  level: levelOrNull,
  salesRole: salesRoleSchema.nullable(),
  /** Matrix managers directing this person besides their team lead (M4.4: two managers). */
  secondManagers: z.array(z.object({ id: idSchema, name: z.string(), salesRole: salesRoleSchema.nullable() })),
});
export const orgChartSchema = z.object({
  departmentMode: departmentModeSchema,
  structureVariant: structureVariantSchema,
  headsOfSales: z.array(personRefSchema),
  departments: z.array(
    z.object({
      id: idSchema.nullable(),
      name: z.string().nullable(),
      kind: departmentKindSchema,
      head: personRefSchema.nullable(),
      teams: z.array(
        z.object({ id: idSchema, name: z.string(), level: levelOrNull, lead: personRefSchema.nullable(), members: z.array(orgChartMemberSchema) }),
      ),
    }),
  ),
  /** Sellers in no team. */
  unassigned: z.array(orgChartMemberSchema),
  matrixManagers: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      salesRole: salesRoleSchema.nullable(),
      assignments: z.array(z.object({ kind: matrixKindSchema, value: z.string(), label: z.string() })),
      /** Whether the structure variant makes these attachments grant visibility. */
      active: z.boolean(),
    }),
  ),
});
export type OrgChart = z.infer<typeof orgChartSchema>;

// ---------------------------------------------------------------- advisors

const levelCountsSchema = z.object({ L1: z.number().int(), L2: z.number().int(), L3: z.number().int() });
export type LevelCountsDto = z.infer<typeof levelCountsSchema>;

/** M1.2 and M1.3: the recommended 60:20:20 split next to the actual one. */
export const staffingAdviceSchema = z.object({
  departmentMode: departmentModeSchema,
  sellers: z.number().int().nonnegative(),
  actual: levelCountsSchema,
  recommended: levelCountsSchema,
  gap: levelCountsSchema,
  balanced: z.boolean(),
  /** Active sellers with no level yet. */
  withoutLevel: z.number().int().nonnegative(),
  /** Newcomers (joined in the last 90 days) not on L1: M1.3 says L1 suits them. */
  newcomersOutsideL1: z.array(personRefSchema),
});
export type StaffingAdvice = z.infer<typeof staffingAdviceSchema>;

export const restructureTriggerKeys = [
  "sales_growth",
  "strong_sellers",
  "client_base_growth",
  "theft_risk",
  "leak_risk",
  "newcomers",
  "large_deals",
] as const;
export const restructureAdviceSchema = z.object({
  departmentMode: departmentModeSchema,
  activeSellers: z.number().int().nonnegative(),
  asOf: z.string(),
  triggers: z.array(
    z.object({ key: z.enum(restructureTriggerKeys), met: z.boolean(), figures: z.record(z.string(), z.union([z.string(), z.number()])) }),
  ),
  metCount: z.number().int().nonnegative(),
  verdict: z.enum(["justified", "measure_first", "not_yet"]),
});
export type RestructureAdvice = z.infer<typeof restructureAdviceSchema>;

// ---------------------------------------------------------------- handover rules

/**
 * M1.4 and M4.1. `hot`: L1 → L2 when the client turns hot. `stage`: L1 → L2 when one of its deals
 * reaches the stage (or a later one). `acceptance_act`: L2 → L3 when the first won deal's act is
 * signed. The hunter → farmer criteria (L2 → L3): orders, volume, product, monthly minimum.
 */
export const handoverRuleKinds = ["hot", "stage", "acceptance_act", "orders", "volume", "product", "monthly_minimum"] as const;
export const handoverRuleKindSchema = z.enum(handoverRuleKinds);
export type HandoverRuleKind = z.infer<typeof handoverRuleKindSchema>;

const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const handoverRuleParamsSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("hot") }),
  z.strictObject({ kind: z.literal("stage"), stageId: idSchema }),
  z.strictObject({ kind: z.literal("acceptance_act") }),
  z.strictObject({ kind: z.literal("orders"), count: z.number().int().min(1).max(1000) }),
  z.strictObject({ kind: z.literal("volume"), amountMinor: amount, currency: currencySchema }),
  z.strictObject({
    kind: z.literal("product"),
    productIds: z.array(idSchema).max(200).default([]),
    productGroupIds: z.array(idSchema).max(200).default([]),
  }),
  z.strictObject({
    kind: z.literal("monthly_minimum"),
    months: z.number().int().min(1).max(24),
    amountMinor: amount,
    currency: currencySchema,
  }),
]);
export type HandoverRuleParams = z.infer<typeof handoverRuleParamsSchema>;

export const handoverRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  fromLevel: levelSchema,
  toLevel: levelSchema,
  enabled: z.boolean(),
  rule: handoverRuleParamsSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type HandoverRule = z.infer<typeof handoverRuleSchema>;

export const saveHandoverRuleSchema = z.strictObject({
  name,
  enabled: z.boolean().default(false),
  rule: handoverRuleParamsSchema,
});
export type SaveHandoverRule = z.input<typeof saveHandoverRuleSchema>;
export const updateHandoverRuleSchema = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  rule: handoverRuleParamsSchema.optional(),
});
export type UpdateHandoverRule = z.input<typeof updateHandoverRuleSchema>;

/** What a rule (new, changed or saved) would move if it were switched on now. */
export const previewHandoverRuleSchema = z.strictObject({ rule: handoverRuleParamsSchema });
export type PreviewHandoverRule = z.input<typeof previewHandoverRuleSchema>;
export const handoverPreviewSchema = z.object({
  fromLevel: levelSchema,
  toLevel: levelSchema,
  /** Clients examined (at the rule's level). */
  examined: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  clients: z.array(
    z.object({
      companyId: idSchema,
      name: z.string(),
      owner: personRefSchema,
      figures: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
  /** Only the first clients are listed. */
  truncated: z.boolean(),
});
export type HandoverPreview = z.infer<typeof handoverPreviewSchema>;

// ---------------------------------------------------------------- handovers

export const handoverTriggers = ["manual", "stage_changed", "temperature_changed", "order", "payment", "acceptance_act", "sweep"] as const;
export const handoverTriggerSchema = z.enum(handoverTriggers);
export type HandoverTrigger = z.infer<typeof handoverTriggerSchema>;

export const handoverSchema = z.object({
  id: idSchema,
  company: personRefSchema,
  fromLevel: levelSchema,
  toLevel: levelSchema,
  from: personRefSchema,
  to: personRefSchema,
  actor: personRefSchema.nullable(),
  /** `manual` or the rule's kind. */
  reason: z.union([z.literal("manual"), handoverRuleKindSchema]),
  ruleId: idSchema.nullable(),
  ruleName: z.string().nullable(),
  trigger: handoverTriggerSchema,
  figures: z.record(z.string(), z.union([z.string(), z.number()])),
  comment: z.string().nullable(),
  movedTasks: z.number().int().nonnegative(),
  giverAccessUntil: isoDateTimeSchema.nullable(),
  /** Days the client spent at the level it left. */
  daysAtLevel: z.number().nullable(),
  at: isoDateTimeSchema,
});
export type Handover = z.infer<typeof handoverSchema>;
export const handoverPageSchema = pageOf(handoverSchema);
export type HandoverPage = z.infer<typeof handoverPageSchema>;

export const listHandoversQuerySchema = pageQuerySchema.extend({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  userId: idSchema.optional(),
  companyId: idSchema.optional(),
  toLevel: levelSchema.optional(),
});
export type ListHandoversQuery = z.infer<typeof listHandoversQuerySchema>;

/** A hand-over by a person: the seller qualifies a client (L1 → L2 "hot"), a lead picks the receiver. */
export const handOverClientSchema = z.strictObject({
  /** Only team leads, heads of sales and admins may pick the receiver; otherwise it is balanced. */
  toUserId: idSchema.optional(),
  comment: z.string().trim().max(2000).optional(),
});
export type HandOverClient = z.infer<typeof handOverClientSchema>;

export const handoverOptionsSchema = z.object({
  companyId: idSchema,
  fromLevel: levelSchema.nullable(),
  toLevel: levelSchema.nullable(),
  /** Why a hand-over is not possible now (one level, last level, no receiver). */
  blockedBy: z.enum(["one_level", "no_level", "last_level", "no_receiver"]).nullable(),
  suggested: personRefSchema.nullable(),
  candidates: z.array(z.object({ id: idSchema, name: z.string(), clients: z.number().int(), cap: z.number().int().nullable() })),
  canPickReceiver: z.boolean(),
});
export type HandoverOptions = z.infer<typeof handoverOptionsSchema>;

export const levelReportSchema = z.object({
  asOf: isoDateTimeSchema,
  atLevel: levelCountsSchema,
  /** From the handovers in the period: how long clients stayed at each level before moving on. */
  timeAtLevel: z.array(z.object({ level: levelSchema, handedOver: z.number().int(), averageDays: z.number().nullable(), medianDays: z.number().nullable() })),
  stuckAfterDays: z.number().int(),
  stuck: z.array(
    z.object({ companyId: idSchema, name: z.string(), level: levelSchema, owner: personRefSchema, days: z.number().int(), enteredAt: isoDateTimeSchema }),
  ),
  stuckTotal: z.number().int().nonnegative(),
  byPerson: z.array(z.object({ id: idSchema, name: z.string(), given: z.number().int(), received: z.number().int() })),
});
export type LevelReport = z.infer<typeof levelReportSchema>;
export const levelReportQuerySchema = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });
export type LevelReportQuery = z.infer<typeof levelReportQuerySchema>;

export const sweepResultSchema = z.object({
  handedOver: z.number().int().nonnegative(),
  permanentMarked: z.number().int().nonnegative(),
  accessExpired: z.number().int().nonnegative(),
  /** Clients a rule selected but no receiver at the next level had room for. */
  waitingForReceiver: z.number().int().nonnegative(),
});
export type SweepResult = z.infer<typeof sweepResultSchema>;

// ---------------------------------------------------------------- notifications

export const notificationKinds = [
  "handover_received",
  "handover_given",
  "permanent_client",
  "lead_assigned",
  "lead_reminder",
  "lead_taken_away",
  "lead_escalated",
  "lead_unassigned",
  "prospects_low",
  "clients_received",
  "evening_sweep",
  "review_due",
  "export_requested",
  "export_decided",
  "bulk_read_alert",
] as const;
export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(notificationKinds),
  company: personRefSchema.nullable(),
  handover: z.object({ id: idSchema, fromLevel: levelSchema, toLevel: levelSchema, from: personRefSchema, to: personRefSchema }).nullable(),
  /** For lead notices: the lead, its client's name and source. */
  lead: z.object({ id: idSchema, source: z.string() }).nullable(),
  /** [daily-review] notices: the seller they are about and their figures (the evening sweep's counts). */
  review: z.object({ seller: personRefSchema, figures: z.record(z.string(), z.number()) }).nullable().optional(),
  createdAt: isoDateTimeSchema,
  readAt: isoDateTimeSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int().nonnegative() });
export type NotificationList = z.infer<typeof notificationListSchema>;

// ---------------------------------------------------------------- lists

export const departmentListSchema = z.object({ items: z.array(departmentSchema) });
export const teamListSchema = z.object({ items: z.array(teamSchema) });
export const conveyorProfileListSchema = z.object({ items: z.array(conveyorProfileSchema) });
export const handoverRuleListSchema = z.object({ items: z.array(handoverRuleSchema) });
