import { z } from "zod";
import { idSchema, isoDateTimeSchema, pageOf, pageQuerySchema } from "./common";
import { levelSchema, temperatureSchema } from "./crm";
import { personRefSchema } from "./conveyor";

/** M5.5: where leads come from. */
export const leadSourceKinds = ["form", "webhook", "email", "manual", "import"] as const;
export const leadSourceKindSchema = z.enum(leadSourceKinds);
export type LeadSourceKind = z.infer<typeof leadSourceKindSchema>;

/** waiting: assigned, no first touch yet (the SLA runs); touched: a call, email or meeting was logged; unassigned: nobody could take it. */
export const leadStatuses = ["waiting", "touched", "unassigned"] as const;
export const leadStatusSchema = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof leadStatusSchema>;

/** The distribution step that chose the seller (M5.5, in this order). */
export const leadRoutes = ["existing_owner", "rule", "round_robin", "on_duty", "head", "manual", "unassigned"] as const;
export const leadRouteSchema = z.enum(leadRoutes);
export type LeadRoute = z.infer<typeof leadRouteSchema>;

export const absenceKinds = ["vacation", "sick_leave", "day_off", "other"] as const;
export const absenceKindSchema = z.enum(absenceKinds);
export type AbsenceKind = z.infer<typeof absenceKindSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const localDate = z.iso.date();

// ---------------------------------------------------------------- intake

export const utmSchema = z.strictObject({
  source: z.string().trim().max(200).optional(),
  medium: z.string().trim().max(200).optional(),
  campaign: z.string().trim().max(200).optional(),
  term: z.string().trim().max(200).optional(),
  content: z.string().trim().max(200).optional(),
});
export type Utm = z.infer<typeof utmSchema>;

/**
 * A lead as a source delivers it (`POST /api/v1/leads`, a form, a mailbox). At least one way to reach the
 * person — phone or email — or a name is required. `externalId` is the source's own id: a retry with the same
 * id (or the same `Idempotency-Key` header) finds the lead already made instead of making another.
 */
export const leadInputSchema = z
  .strictObject({
    sourceId: idSchema.optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    name: optionalText(200),
    companyName: optionalText(300),
    phone: optionalText(50),
    email: z.string().trim().max(320).email().nullish(),
    legalId: optionalText(50),
    message: optionalText(20_000),
    utm: utmSchema.optional(),
    referrer: optionalText(2000),
    pageUrl: optionalText(2000),
    channel: optionalText(100),
    productId: idSchema.nullish(),
    productInterest: optionalText(300),
    region: optionalText(200),
    audience: optionalText(200),
    temperature: temperatureSchema.optional(),
    amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
    /** Other fields of the form, by key. */
    extra: z.record(z.string().max(100), z.string().max(5000)).optional(),
  })
  .refine((lead) => !!(lead.phone || lead.email || lead.name || lead.companyName), {
    message: "Give a phone, an email or a name",
    path: ["phone"],
  });
export type LeadInput = z.infer<typeof leadInputSchema>;

export const leadSchema = z.object({
  id: idSchema,
  source: z.object({ id: idSchema, name: z.string(), kind: leadSourceKindSchema }),
  receivedAt: isoDateTimeSchema,
  name: z.string().nullable(),
  companyName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string().nullable(),
  utm: z.record(z.string(), z.string()),
  referrer: z.string().nullable(),
  pageUrl: z.string().nullable(),
  channel: z.string().nullable(),
  productInterest: z.string().nullable(),
  region: z.string().nullable(),
  audience: z.string().nullable(),
  temperature: temperatureSchema,
  amountMinor: z.number().int().nullable(),
  company: personRefSchema,
  dealId: idSchema.nullable(),
  knownClient: z.boolean(),
  status: leadStatusSchema,
  assignee: personRefSchema.nullable(),
  assignedAt: isoDateTimeSchema.nullable(),
  route: leadRouteSchema,
  ruleName: z.string().nullable(),
  remindAt: isoDateTimeSchema.nullable(),
  reassignAt: isoDateTimeSchema.nullable(),
  reassignCount: z.number().int().nonnegative(),
  escalatedAt: isoDateTimeSchema.nullable(),
  firstTouchAt: isoDateTimeSchema.nullable(),
  /** Business minutes from arrival to the first real touch. */
  businessMinutesToTouch: z.number().nullable(),
});
export type Lead = z.infer<typeof leadSchema>;

/** What an intake answers: 201 for a new lead, 200 when the same delivery was already taken. */
export const leadReceiptSchema = z.object({
  id: idSchema,
  duplicate: z.boolean(),
  companyId: idSchema,
  dealId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  route: leadRouteSchema,
  status: leadStatusSchema,
});
export type LeadReceipt = z.infer<typeof leadReceiptSchema>;

/** The head's live queue: unassigned, waiting (SLA running), escalated; touched for the record. */
export const leadQueues = ["unassigned", "waiting", "escalated", "touched", "all"] as const;
export const leadQueueSchema = z.enum(leadQueues);
export type LeadQueue = z.infer<typeof leadQueueSchema>;

export const listLeadsQuerySchema = pageQuerySchema.extend({
  queue: leadQueueSchema.default("all"),
  sourceId: idSchema.optional(),
  assignee: z.union([idSchema, z.literal("me")]).optional(),
});
export type ListLeadsQuery = z.infer<typeof listLeadsQuerySchema>;

/**
 * A lead's clocks in business minutes, counted by the server at the moment it answers (M5.5): the web does not hold
 * the organization's working calendar. Negative minutes are past the deadline; null when that timer does not run.
 */
export const leadClockSchema = z.object({
  /** Working time since the lead arrived; once touched, to its first touch. */
  ageMinutes: z.number(),
  toRemindMinutes: z.number().nullable(),
  toReassignMinutes: z.number().nullable(),
  /** Whether working time passes right now; outside the organization's hours every clock stands still. */
  running: z.boolean(),
  /** The SLA: business minutes a seller has for the first touch before the lead is taken from them. */
  slaMinutes: z.number().int(),
});
export type LeadClock = z.infer<typeof leadClockSchema>;

/** A lead as the queue and the lead card show it: with its clocks. */
export const clockedLeadSchema = leadSchema.extend({ clock: leadClockSchema });
export type ClockedLead = z.infer<typeof clockedLeadSchema>;

export const leadPageSchema = pageOf(clockedLeadSchema).extend({
  /** Counts per queue within the viewer's scope, for the tabs. */
  counts: z.object({ unassigned: z.number().int(), waiting: z.number().int(), escalated: z.number().int(), touched: z.number().int() }),
});
export type LeadPage = z.infer<typeof leadPageSchema>;

export const assignLeadSchema = z.strictObject({ userId: idSchema });
export type AssignLead = z.infer<typeof assignLeadSchema>;

/** Why a lead changed hands: the intake's distribution, the SLA (taking it from a late seller, escalating it), a person, a redistribution. */
export const leadAssignmentCauses = ["distribution", "sla_reassign", "sla_escalate", "manual", "redistribution"] as const;
export const leadAssignmentCauseSchema = z.enum(leadAssignmentCauses);
export type LeadAssignmentCause = z.infer<typeof leadAssignmentCauseSchema>;

/** One hand of a lead's history (M5.5): from whom to whom, by which step of distribution, why, and who did it. */
export const leadAssignmentSchema = z.object({
  at: isoDateTimeSchema,
  from: personRefSchema.nullable(),
  /** null: nobody could take it. */
  to: personRefSchema.nullable(),
  route: leadRouteSchema,
  cause: leadAssignmentCauseSchema,
  actor: personRefSchema.nullable(),
});
export type LeadAssignment = z.infer<typeof leadAssignmentSchema>;
export const leadAssignmentListSchema = z.object({ items: z.array(leadAssignmentSchema) });

// ---------------------------------------------------------------- sources

export const formFieldKeys = ["name", "companyName", "phone", "email", "message", "region", "productInterest", "legalId"] as const;
export const formFieldKeySchema = z.enum(formFieldKeys);

/** A label per language; the form shows the visitor's language, else the first one given. */
export const localizedTextSchema = z.strictObject({
  ru: z.string().trim().max(500).optional(),
  en: z.string().trim().max(500).optional(),
  fa: z.string().trim().max(500).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const formFieldSchema = z.strictObject({
  /** A standard field, or a custom key (`extra.<key>` on the lead). */
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/),
  /** Empty: the standard field's own label in the visitor's language. */
  label: localizedTextSchema.default({}),
  type: z.enum(["text", "email", "tel", "textarea"]).default("text"),
  required: z.boolean().default(false),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const formConfigSchema = z.strictObject({
  title: localizedTextSchema,
  fields: z.array(formFieldSchema).min(1).max(30),
  /** Shown beside a checkbox the visitor must tick; empty = no consent box. */
  consentText: localizedTextSchema.default({}),
  /** Empty: a standard thank-you in the visitor's language. */
  thankYou: localizedTextSchema.default({}),
  /** Origins allowed to post from an embedded snippet; empty = any. */
  allowedOrigins: z.array(z.string().url().max(300)).max(50).default([]),
});
export type FormConfig = z.infer<typeof formConfigSchema>;

export const emailConfigSchema = z.strictObject({
  host: text(253),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: text(320),
  /** Write-only: never sent back; omitted on update keeps the stored one. */
  password: z.string().max(500).optional(),
  mailbox: z.string().trim().min(1).max(200).default("INBOX"),
  allowSelfSigned: z.boolean().default(false),
  pollSeconds: z.number().int().min(15).max(3600).default(60),
});
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const saveLeadSourceSchema = z.strictObject({
  name: text(200),
  kind: leadSourceKindSchema,
  channel: optionalText(100),
  enabled: z.boolean().optional(),
  defaultTemperature: temperatureSchema.optional(),
  form: formConfigSchema.optional(),
  email: emailConfigSchema.optional(),
});
export type SaveLeadSource = z.infer<typeof saveLeadSourceSchema>;
/** PATCH of a source: any field of the save; the kind cannot change, an omitted `email.password` keeps the stored one. */
export const updateLeadSourceSchema = saveLeadSourceSchema.partial();
export type UpdateLeadSource = z.infer<typeof updateLeadSourceSchema>;

export const leadSourceSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: leadSourceKindSchema,
  channel: z.string().nullable(),
  enabled: z.boolean(),
  defaultTemperature: temperatureSchema,
  /** The hosted form's address is /f/<publicKey>; a webhook signs with X-Conveyor-Source: <publicKey>. */
  publicKey: z.string(),
  form: formConfigSchema.nullable(),
  email: emailConfigSchema.omit({ password: true }).extend({ hasPassword: z.boolean() }).nullable(),
  lastPolledAt: isoDateTimeSchema.nullable(),
  lastError: z.string().nullable(),
  leadsTotal: z.number().int().nonnegative(),
  leadsToday: z.number().int().nonnegative(),
});
export type LeadSource = z.infer<typeof leadSourceSchema>;
/** A new webhook source comes back with its secret, shown this once. */
export const createdLeadSourceSchema = leadSourceSchema.extend({ secret: z.string().nullable() });
export type CreatedLeadSource = z.infer<typeof createdLeadSourceSchema>;
export const leadSourceListSchema = z.object({ items: z.array(leadSourceSchema) });

/** Shown once, on creation or rotation of a webhook's secret. */
export const leadSourceSecretSchema = z.object({ publicKey: z.string(), secret: z.string() });
export type LeadSourceSecret = z.infer<typeof leadSourceSecretSchema>;

export const mailboxCheckSchema = z.object({ ok: z.boolean(), messages: z.number().int().nullable(), error: z.string().nullable() });
export type MailboxCheck = z.infer<typeof mailboxCheckSchema>;

/** What the hosted page and the snippet need to draw a form (public, no sign-in). */
export const publicFormSchema = z.object({
  publicKey: z.string(),
  title: localizedTextSchema,
  fields: z.array(formFieldSchema),
  consentText: localizedTextSchema,
  thankYou: localizedTextSchema,
});
export type PublicForm = z.infer<typeof publicFormSchema>;

// ---------------------------------------------------------------- routing

export const routingConditionsSchema = z.strictObject({
  channels: z.array(text(100)).max(50).optional(),
  audiences: z.array(text(200)).max(50).optional(),
  productIds: z.array(idSchema).max(100).optional(),
  productGroupIds: z.array(idSchema).max(100).optional(),
  regions: z.array(text(200)).max(200).optional(),
  temperatures: z.array(temperatureSchema).max(3).optional(),
  sourceIds: z.array(idSchema).max(50).optional(),
  minAmountMinor: z.number().int().nonnegative().nullish(),
  maxAmountMinor: z.number().int().nonnegative().nullish(),
  /** Qualifications the receiving seller must have (M5.5). */
  skills: z.array(text(100)).max(20).optional(),
});
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

export const saveRoutingRuleSchema = z
  .strictObject({
    name: text(200),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    conditions: routingConditionsSchema,
    targetTeamId: idSchema.nullish(),
    targetUserIds: z.array(idSchema).max(200).optional(),
  })
  .refine((rule) => !!rule.targetTeamId || (rule.targetUserIds?.length ?? 0) > 0, {
    message: "Send the leads to a team or to at least one seller",
    path: ["targetUserIds"],
  });
export type SaveRoutingRule = z.infer<typeof saveRoutingRuleSchema>;

export const routingRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  enabled: z.boolean(),
  position: z.number().int(),
  conditions: routingConditionsSchema,
  targetTeam: personRefSchema.nullable(),
  targetUsers: z.array(personRefSchema),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;
export const routingRuleListSchema = z.object({ items: z.array(routingRuleSchema) });

/** PATCH of a rule: the fields given replace the stored ones; the result must still send its leads somewhere. */
export const updateRoutingRuleSchema = z.strictObject({
  name: text(200).optional(),
  enabled: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  conditions: routingConditionsSchema.optional(),
  targetTeamId: idSchema.nullish(),
  targetUserIds: z.array(idSchema).max(200).optional(),
});
export type UpdateRoutingRule = z.infer<typeof updateRoutingRuleSchema>;

/** The rules in their new order: every rule of the organization, each once. */
export const reorderRoutingRulesSchema = z.strictObject({ ids: z.array(idSchema).min(1).max(1000) });
export type ReorderRoutingRules = z.infer<typeof reorderRoutingRulesSchema>;

/** The facts of an imagined lead, for "where would it go now" (`POST /routing-rules/try`). */
export const routeTrialInputSchema = z.strictObject({
  channel: optionalText(100),
  audience: optionalText(200),
  productId: idSchema.nullish(),
  region: optionalText(200),
  amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
  temperature: temperatureSchema.optional(),
  sourceId: idSchema.nullish(),
});
export type RouteTrialInput = z.infer<typeof routeTrialInputSchema>;

/** Where a lead with these facts would go now, and why each seller of the pool was skipped. */
export const routeTrialSchema = z.object({
  route: leadRouteSchema,
  ruleName: z.string().nullable(),
  assignee: personRefSchema.nullable(),
  skipped: z.array(z.object({ user: personRefSchema, reason: z.string() })),
});
export type RouteTrial = z.infer<typeof routeTrialSchema>;

// ---------------------------------------------------------------- availability

/** A seller's standing for distribution. */
export const leadAvailabilitySchema = z.object({
  user: personRefSchema,
  role: z.string(),
  level: z.string().nullable(),
  active: z.boolean(),
  paused: z.boolean(),
  leadCap: z.number().int().nullable(),
  weight: z.number().int(),
  skills: z.array(z.string()),
  onDuty: z.boolean(),
  workStart: z.string().nullable(),
  workEnd: z.string().nullable(),
  /** Right now: absent today, outside their hours, their untouched leads. */
  absentToday: z.boolean(),
  withinHours: z.boolean(),
  openLeads: z.number().int().nonnegative(),
  assignedToday: z.number().int().nonnegative(),
  /** M2.2: no open deal with a warm or hot client — no client from whom money can come. */
  noProspects: z.boolean(),
});
export type LeadAvailability = z.infer<typeof leadAvailabilitySchema>;
export const leadAvailabilityListSchema = z.object({
  items: z.array(leadAvailabilitySchema),
  /** M2.2: sellers to route more fresh leads to. */
  proposals: z.array(z.object({ user: personRefSchema, currentWeight: z.number().int(), proposedWeight: z.number().int() })),
});
export type LeadAvailabilityList = z.infer<typeof leadAvailabilityListSchema>;

export const updateLeadAvailabilitySchema = z.strictObject({
  paused: z.boolean().optional(),
  leadCap: z.number().int().min(0).max(100_000).nullable().optional(),
  weight: z.number().int().min(0).max(100).optional(),
  skills: z.array(text(100)).max(20).optional(),
  onDuty: z.boolean().optional(),
  workStart: hhmm.nullable().optional(),
  workEnd: hhmm.nullable().optional(),
});
export type UpdateLeadAvailability = z.infer<typeof updateLeadAvailabilitySchema>;

export const absenceSchema = z.object({
  id: idSchema,
  user: personRefSchema,
  kind: absenceKindSchema,
  startsOn: localDate,
  endsOn: localDate,
  note: z.string().nullable(),
});
export type Absence = z.infer<typeof absenceSchema>;
export const absenceListSchema = z.object({ items: z.array(absenceSchema) });
/** Absences overlapping [from, to] (either end open), of one person or of everyone the viewer oversees. */
export const listAbsencesQuerySchema = z.strictObject({
  userId: idSchema.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
});
export type ListAbsencesQuery = z.infer<typeof listAbsencesQuerySchema>;
export const createAbsenceSchema = z
  .strictObject({ userId: idSchema, kind: absenceKindSchema, startsOn: localDate, endsOn: localDate, note: optionalText(500) })
  .refine((a) => a.endsOn >= a.startsOn, { message: "The absence ends before it starts", path: ["endsOn"] });
export type CreateAbsence = z.infer<typeof createAbsenceSchema>;

// ---------------------------------------------------------------- settings

export const leadSettingsSchema = z.strictObject({
  remindAfterMinutes: z.number().int().min(1).max(10_000),
  reassignAfterMinutes: z.number().int().min(1).max(10_000),
  escalateAfterReassignments: z.number().int().min(0).max(20),
  defaultLeadCap: z.number().int().min(1).max(100_000).nullable(),
  formRateLimit: z.number().int().min(1).max(10_000),
  formRateWindowSeconds: z.number().int().min(10).max(86_400),
  undoWindowMinutes: z.number().int().min(1).max(10_080),
  thursdayOff: z.boolean(),
});
export type LeadSettings = z.infer<typeof leadSettingsSchema>;
export const updateLeadSettingsSchema = leadSettingsSchema.partial();

// ---------------------------------------------------------------- speed to lead

export const speedQuerySchema = z.strictObject({ from: localDate, to: localDate });
export const speedRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  leads: z.number().int(),
  touched: z.number().int(),
  withinSla: z.number().int(),
  /** Business minutes to the first touch. */
  medianMinutes: z.number().nullable(),
  averageMinutes: z.number().nullable(),
  reassigned: z.number().int(),
  escalated: z.number().int(),
});
export type SpeedRow = z.infer<typeof speedRowSchema>;
export const speedReportSchema = z.object({ bySeller: z.array(speedRowSchema), bySource: z.array(speedRowSchema), slaMinutes: z.number().int() });
export type SpeedReport = z.infer<typeof speedReportSchema>;

// ---------------------------------------------------------------- redistribution

export const redistributionAssignmentSchema = z.strictObject({ companyId: idSchema, toUserId: idSchema });
export type RedistributionAssignment = z.infer<typeof redistributionAssignmentSchema>;

/**
 * M5.5: a person's clients, with their open deals and open tasks, handed to others (a vacation, a dismissal).
 * rules: each client goes where the routing rules would send a lead of it. manual: spread by weighted round-robin
 * over `toUserIds` or the members of `teamId` (absent and paused people skipped), or by hand with `assignments`
 * — exactly one of the three. `companyIds`, `temperatures` and `levels` narrow which clients move.
 */
export const redistributeSchema = z
  .strictObject({
    fromUserId: idSchema,
    mode: z.enum(["rules", "manual"]),
    toUserIds: z.array(idSchema).min(1).max(200).optional(),
    teamId: idSchema.optional(),
    assignments: z.array(redistributionAssignmentSchema).min(1).max(10_000).optional(),
    /** Only these clients (default: all the person owns). */
    companyIds: z.array(idSchema).max(10_000).optional(),
    /** Only clients of these temperatures / conveyor levels. */
    temperatures: z.array(temperatureSchema).min(1).max(3).optional(),
    levels: z.array(levelSchema).min(1).max(3).optional(),
    reason: text(500),
  })
  .superRefine((r, ctx) => {
    const ways = (["toUserIds", "teamId", "assignments"] as const).filter((key) => r[key] !== undefined);
    if (r.mode === "manual" && ways.length === 0) ctx.addIssue({ code: "custom", message: "Pick who receives", path: ["toUserIds"] });
    if (r.mode === "manual" && ways.length > 1) ctx.addIssue({ code: "custom", message: "Pick receivers one way only", path: [ways[1] ?? "teamId"] });
    if (r.mode === "rules" && ways[0] !== undefined) ctx.addIssue({ code: "custom", message: "The routing rules pick the receivers", path: [ways[0]] });
  });
export type Redistribute = z.infer<typeof redistributeSchema>;

/** Money of open deals, per currency (minor units). */
export const redistributionAmountSchema = z.object({ currency: z.string(), amountMinor: z.number().int() });

export const redistributionPreviewSchema = z.object({
  /** The clients by name (at most 500 listed; the totals count them all); `to` null when nobody can take one. */
  clients: z.array(
    z.object({
      company: personRefSchema,
      to: personRefSchema.nullable(),
      openDeals: z.number().int(),
      openTasks: z.number().int(),
      amounts: z.array(redistributionAmountSchema),
    }),
  ),
  totals: z.object({ clients: z.number().int(), deals: z.number().int(), tasks: z.number().int(), unplaced: z.number().int() }),
  /** What each receiver gets. */
  byReceiver: z.array(
    z.object({
      user: personRefSchema,
      clients: z.number().int(),
      deals: z.number().int(),
      tasks: z.number().int(),
      amounts: z.array(redistributionAmountSchema),
    }),
  ),
  /** Chosen or pooled people who take nothing now, and why (paused, absent, inactive, zero_weight, missing_skill). */
  skipped: z.array(z.object({ user: personRefSchema, reason: z.string() })),
});
export type RedistributionPreview = z.infer<typeof redistributionPreviewSchema>;

export const redistributionSchema = z.object({
  id: idSchema,
  from: personRefSchema,
  actor: personRefSchema,
  mode: z.enum(["rules", "manual"]),
  reason: z.string(),
  clients: z.number().int(),
  deals: z.number().int(),
  tasks: z.number().int(),
  at: isoDateTimeSchema,
  undoUntil: isoDateTimeSchema,
  undoneAt: isoDateTimeSchema.nullable(),
  canUndo: z.boolean(),
});
export type Redistribution = z.infer<typeof redistributionSchema>;
export const redistributionListSchema = z.object({ items: z.array(redistributionSchema) });

/** An undo: what went back, and what was left as it is because it changed hands (or closed) since. */
export const redistributionUndoSchema = redistributionSchema.extend({
  restored: z.object({ clients: z.number().int(), deals: z.number().int(), tasks: z.number().int() }),
  skipped: z.object({
    clients: z.number().int(),
    deals: z.number().int(),
    tasks: z.number().int(),
    /** At most 200 of them: the client, deal or task, who holds it now, and why it stayed. */
    items: z.array(
      z.object({
        entity: z.enum(["company", "deal", "task"]),
        id: idSchema,
        label: z.string(),
        company: personRefSchema,
        heldBy: personRefSchema,
        why: z.enum(["changed_hands", "closed"]),
      }),
    ),
  }),
});
export type RedistributionUndo = z.infer<typeof redistributionUndoSchema>;
