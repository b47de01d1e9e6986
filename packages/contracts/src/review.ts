import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "./common";
import { personRefSchema } from "./conveyor";
import { companyStatusSchema, taskTypeSchema, temperatureSchema } from "./crm";

/*
 * [daily-review] (M2): the head of sales' daily review of each seller's clients — the queue, one client's
 * review screen, closing a review item, the log, the team's cadence and settings, the seller's "My day"
 * and the M2.2 prospecting target. Names follow domain/src/review.
 */

export const reviewReasonValues = ["task_due", "no_next_task", "stale_in_stage", "result_date_passed", "hot", "new_since_review"] as const;
export const reviewReasonSchema = z.enum(reviewReasonValues);
export const reviewCadenceValues = ["twice_daily", "daily", "every_two_days", "weekly"] as const;
export const reviewCadenceSchema = z.enum(reviewCadenceValues);
export const plannedResultOutcomeValues = ["reached", "partly", "not_reached"] as const;
export const plannedResultOutcomeSchema = z.enum(plannedResultOutcomeValues);
/** The client type of M2.4 — a client's status: new, current, permanent. */
export const reviewClientTypeSchema = companyStatusSchema;

const localDateSchema = z.iso.date();
const hhmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const minorSchema = z.number().int();

// ---------------------------------------------------------------- the queue

export const reviewQueueQuerySchema = z.strictObject({
  sellerId: idSchema,
  clientType: reviewClientTypeSchema.optional(),
  temperature: temperatureSchema.optional(),
  /** M2.6: only clients with an open deal at least this large; the team's setting when omitted. */
  minDealAmountMinor: z.coerce.number().int().min(0).optional(),
  reason: reviewReasonSchema.optional(),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

export const reviewDealSchema = z.object({
  id: idSchema,
  title: z.string(),
  amountMinor: minorSchema,
  currency: z.string(),
  stage: z.object({ id: idSchema, name: z.string(), probability: z.number().int() }),
  stageEnteredAt: isoDateTimeSchema,
  daysInStage: z.number().int().nonnegative(),
  expectedCloseDate: localDateSchema.nullable(),
  hasOpenTask: z.boolean(),
});
export type ReviewDeal = z.infer<typeof reviewDealSchema>;

export const reviewTaskRefSchema = z.object({
  id: idSchema,
  title: z.string(),
  dueAt: isoDateTimeSchema,
  plannedResult: z.string().nullable(),
  doneAt: isoDateTimeSchema.nullable(),
});
export type ReviewTaskRef = z.infer<typeof reviewTaskRefSchema>;

export const reviewQueueItemSchema = z.object({
  company: z.object({ id: idSchema, name: z.string(), clientType: reviewClientTypeSchema, temperature: temperatureSchema }),
  reasons: z.array(reviewReasonSchema),
  /** The sum of the client's open deals (M2.6: the queue's order). */
  moneyAtStakeMinor: minorSchema,
  deals: z.array(reviewDealSchema),
  nextTask: reviewTaskRefSchema.nullable(),
  lastReviewedAt: isoDateTimeSchema.nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const prospectingTargetSchema = z.object({
  id: idSchema,
  seller: personRefSchema,
  month: localDateSchema,
  target: z.number().int().positive(),
  setBy: personRefSchema,
  setAt: isoDateTimeSchema,
  /** Clients of the seller that turned warm or hot (or came in warm or hot) since the target was set. */
  reached: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
  done: z.boolean(),
});
export type ProspectingTarget = z.infer<typeof prospectingTargetSchema>;

/** M2.2: the seller has no hot or warm deal expected this month — the proposal and its target. */
export const prospectingProposalSchema = z.object({
  seller: personRefSchema,
  month: localDateSchema,
  moneyThisMonth: z.boolean(),
  /** Set when moneyThisMonth is false: "gather N prospects and bring them to warm". */
  proposedTarget: z.number().int().positive().nullable(),
  target: prospectingTargetSchema.nullable(),
});
export type ProspectingProposal = z.infer<typeof prospectingProposalSchema>;

export const reviewCadenceStateSchema = z.object({
  cadence: reviewCadenceSchema,
  lastReviewedAt: isoDateTimeSchema.nullable(),
  due: z.boolean(),
  nextDueOn: localDateSchema.nullable(),
});

export const reviewQueueSchema = z.object({
  seller: personRefSchema,
  team: personRefSchema.nullable(),
  items: z.array(reviewQueueItemSchema),
  /** Clients per reason before the reason filter. */
  counts: z.record(reviewReasonSchema, z.number().int().nonnegative()),
  filter: z.object({ minDealAmountMinor: minorSchema.nullable(), clientType: reviewClientTypeSchema.nullable(), temperature: temperatureSchema.nullable(), reason: reviewReasonSchema.nullable() }),
  cadence: reviewCadenceStateSchema,
  prospecting: prospectingProposalSchema,
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

// ---------------------------------------------------------------- one client's review screen

export const reviewClientQuerySchema = z.strictObject({ sellerId: idSchema.optional() });

export const reviewInteractionSchema = z.object({
  id: idSchema,
  type: z.string(),
  occurredAt: isoDateTimeSchema,
  outcome: z.string().nullable(),
  body: z.string().nullable(),
  author: personRefSchema,
});

export const reviewItemSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  reviewer: personRefSchema,
  seller: personRefSchema,
  company: personRefSchema,
  dealId: idSchema.nullable(),
  reasons: z.array(reviewReasonSchema),
  lastTaskId: idSchema.nullable(),
  plannedResultOutcome: plannedResultOutcomeSchema.nullable(),
  outcomeComment: z.string().nullable(),
  risks: z.string().nullable(),
  opportunities: z.string().nullable(),
  nextTask: reviewTaskRefSchema.nullable(),
  closedAsLost: z.boolean(),
  lostReason: z.string().nullable(),
  secondsSpent: z.number().int().nonnegative(),
  reviewedAt: isoDateTimeSchema,
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewClientSchema = z.object({
  company: z.object({
    id: idSchema,
    name: z.string(),
    clientType: reviewClientTypeSchema,
    temperature: temperatureSchema,
    owner: personRefSchema,
    region: z.string().nullable(),
    audience: z.string().nullable(),
    level: z.string().nullable(),
    createdAt: isoDateTimeSchema,
    lastActivityAt: isoDateTimeSchema.nullable(),
  }),
  reasons: z.array(reviewReasonSchema),
  interactions: z.array(reviewInteractionSchema),
  /** The last task with a planned result (done or not): "was the planned result reached?" (M2.1). */
  lastTask: reviewTaskRefSchema.nullable(),
  openDeals: z.array(reviewDealSchema),
  nextTask: reviewTaskRefSchema.nullable(),
  previousReviews: z.array(reviewItemSchema),
});
export type ReviewClient = z.infer<typeof reviewClientSchema>;

// ---------------------------------------------------------------- sessions and items

export const startReviewSessionSchema = z.strictObject({ sellerId: idSchema });
export const reviewSessionSchema = z.object({
  id: idSchema,
  reviewer: personRefSchema,
  seller: personRefSchema,
  startedAt: isoDateTimeSchema,
  finishedAt: isoDateTimeSchema.nullable(),
  clientsReviewed: z.number().int().nonnegative(),
});
export type ReviewSession = z.infer<typeof reviewSessionSchema>;

/**
 * Closing one client's review (M2.1): a next task with a date for the seller, or a deal closed as lost with a
 * reason — exactly one. The rule's answer (400 `review_incomplete`) names the field at fault.
 */
export const closeReviewItemSchema = z.strictObject({
  companyId: idSchema,
  /** The deal under discussion, if any (its stage is kept to see whether the outcome changed after the review). */
  dealId: idSchema.nullable().optional(),
  reasons: z.array(reviewReasonSchema).max(reviewReasonValues.length).optional(),
  lastTaskId: idSchema.nullable().optional(),
  plannedResultOutcome: plannedResultOutcomeSchema.nullable().optional(),
  outcomeComment: z.string().trim().max(2000).nullable().optional(),
  risks: z.string().trim().max(2000).nullable().optional(),
  opportunities: z.string().trim().max(2000).nullable().optional(),
  nextTask: z
    .strictObject({
      title: z.string().trim().max(300).optional(),
      dueAt: isoDateTimeSchema.nullable().optional(),
      type: taskTypeSchema.optional(),
      plannedResult: z.string().trim().max(1000).nullable().optional(),
      dealId: idSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
  lost: z.strictObject({ dealId: idSchema.nullable().optional(), lostReason: z.string().trim().max(500).nullable().optional() }).nullable().optional(),
  /** Time the reviewer spent on the client (the screen counts it). */
  secondsSpent: z.number().int().min(0).max(86_400),
});
export type CloseReviewItem = z.infer<typeof closeReviewItemSchema>;

// ---------------------------------------------------------------- the log

export const reviewLogQuerySchema = z.strictObject({
  sellerId: idSchema.optional(),
  reviewerId: idSchema.optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const reviewLogSchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  items: z.array(reviewItemSchema),
  /** Sittings with at least one client reviewed in the period, newest first: who reviewed whom, how many clients, how long each. */
  sessions: z.array(
    z.object({
      id: idSchema,
      reviewer: personRefSchema,
      seller: personRefSchema,
      startedAt: isoDateTimeSchema,
      finishedAt: isoDateTimeSchema.nullable(),
      clientsReviewed: z.number().int().nonnegative(),
      averageSecondsPerClient: z.number().nonnegative(),
      clients: z.array(personRefSchema),
    }),
  ),
  /** Every seller in the viewer's scope (or the one asked for), reviewed in the period or not. */
  sellers: z.array(
    z.object({
      seller: personRefSchema,
      /** Clients with an open deal or an open task. */
      activeClients: z.number().int().nonnegative(),
      reviewedThisWeek: z.number().int().nonnegative(),
      /** reviewedThisWeek / activeClients, 0..1 (0 without active clients). */
      shareReviewedThisWeek: z.number().min(0).max(1),
      clientsReviewed: z.number().int().nonnegative(),
      averageSecondsPerClient: z.number().nonnegative().nullable(),
    }),
  ),
  /** Average time per client by week (Monday), oldest first, and the last week against the one before. */
  timePerClient: z.object({
    weeks: z.array(z.object({ weekOf: localDateSchema, clients: z.number().int().nonnegative(), averageSeconds: z.number().nonnegative() })),
    trend: z.enum(["faster", "slower", "steady", "no_data"]),
  }),
  /** Reviewed deals whose stage changed after the review. */
  outcomeChanges: z.array(
    z.object({
      deal: personRefSchema,
      company: personRefSchema,
      reviewedAt: isoDateTimeSchema,
      change: z.enum(["won", "lost", "advanced", "moved_back"]),
      stageName: z.string(),
    }),
  ),
});
export type ReviewLog = z.infer<typeof reviewLogSchema>;

// ---------------------------------------------------------------- settings

export const reviewSettingsSchema = z.object({
  team: personRefSchema,
  cadence: reviewCadenceSchema,
  staleDaysDefault: z.number().int().min(1).max(365),
  staleDaysByStage: z.record(z.string(), z.number().int().min(1).max(365)),
  minDealAmountMinor: minorSchema.nullable(),
  sweepAt: hhmmSchema,
  /** The median days to close of the team's deals won in the last 180 days (M2.5). */
  medianDaysToClose: z.number().nonnegative().nullable(),
  slowestAllowedCadence: reviewCadenceSchema,
  warning: z.enum(["too_slow_for_fast_deals"]).nullable(),
});
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;
export const reviewSettingsListSchema = z.object({ items: z.array(reviewSettingsSchema) });

export const saveReviewSettingsSchema = z.strictObject({
  cadence: reviewCadenceSchema.optional(),
  staleDaysDefault: z.number().int().min(1).max(365).optional(),
  staleDaysByStage: z.record(idSchema, z.number().int().min(1).max(365)).optional(),
  minDealAmountMinor: z.number().int().min(0).nullable().optional(),
  sweepAt: hhmmSchema.optional(),
});
export type SaveReviewSettings = z.infer<typeof saveReviewSettingsSchema>;
export const teamIdParamsSchema = z.strictObject({ teamId: idSchema });

// ---------------------------------------------------------------- My day

export const myDayTaskSchema = z.object({
  id: idSchema,
  title: z.string(),
  type: z.string(),
  dueAt: isoDateTimeSchema,
  overdue: z.boolean(),
  plannedResult: z.string().nullable(),
  company: personRefSchema.nullable(),
  dealId: idSchema.nullable(),
  /** Set by a review (M2.1 "correct the actions"): highlighted, with who set it. */
  fromReview: z.object({ itemId: idSchema, reviewer: personRefSchema, reviewedAt: isoDateTimeSchema }).nullable(),
});
export type MyDayTask = z.infer<typeof myDayTaskSchema>;

const clientTypeGroup = z.enum(["new", "current", "permanent", "none"]);

export const myDaySchema = z.object({
  today: localDateSchema,
  /** Today's and overdue tasks, grouped by the client's type (M2.4); "none" for tasks without a client. */
  groups: z.array(z.object({ clientType: clientTypeGroup, tasks: z.array(myDayTaskSchema) })),
  corrections: z.number().int().nonnegative(),
  /** The next six days after today: tasks per day and client type. */
  week: z.array(z.object({ date: localDateSchema, total: z.number().int().nonnegative(), byClientType: z.record(clientTypeGroup, z.number().int().nonnegative()) })),
  /** M2.2, only for people who sell (a seller, or anyone with an open deal or a plan of their own); null otherwise. */
  prospecting: prospectingProposalSchema.nullable(),
  /** M2.4: the money expected from the seller's open deals this month, weighted by stage probability, per client type. */
  expectedMoney: z.object({ month: localDateSchema, currency: z.string(), byClientType: z.record(reviewClientTypeSchema, minorSchema) }),
});
export type MyDay = z.infer<typeof myDaySchema>;

// ---------------------------------------------------------------- prospecting, sweep

export const prospectingQuerySchema = z.strictObject({ sellerId: idSchema });
export const setProspectingTargetSchema = z.strictObject({
  sellerId: idSchema,
  /** The proposed target when omitted. */
  target: z.number().int().min(1).max(1000).optional(),
});

export const reviewSweepResultSchema = z.object({ eveningNotices: z.number().int().nonnegative(), reviewDueNotices: z.number().int().nonnegative() });
export type ReviewSweepResult = z.infer<typeof reviewSweepResultSchema>;
