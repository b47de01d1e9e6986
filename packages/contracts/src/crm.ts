import { z } from "zod";
import { idSchema, isoDateTimeSchema, localeSchema, pageOf, pageQuerySchema } from "./common";
import { customValuesInputSchema, customValuesSchema } from "./custom-fields";

/** M5.4 client status: [conveyor] sets "permanent" by the organization's rule (M4.2). */
export const companyStatuses = ["new", "current", "permanent"] as const;
export const companyStatusSchema = z.enum(companyStatuses);
export type CompanyStatus = z.infer<typeof companyStatusSchema>;

/** How ready the client is to buy; L1 → L2 hands over "hot" clients (M1.4). */
export const temperatures = ["cold", "warm", "hot"] as const;
export const temperatureSchema = z.enum(temperatures);
export type Temperature = z.infer<typeof temperatureSchema>;

/** The conveyor's levels (M1.1): L1 attraction, L2 first deal, L3 account growth. */
export const levels = ["L1", "L2", "L3"] as const;
export const levelSchema = z.enum(levels);
export type Level = z.infer<typeof levelSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const tagsSchema = z.array(z.string().trim().min(1).max(50)).max(30);

export const companySchema = z.object({
  id: idSchema,
  name: z.string(),
  legalId: z.string().nullable(),
  region: z.string().nullable(),
  industry: z.string().nullable(),
  audience: z.string().nullable(),
  channel: z.string().nullable(),
  status: companyStatusSchema,
  temperature: temperatureSchema,
  level: levelSchema.nullable(),
  ownerId: idSchema,
  ownerName: z.string(),
  tags: z.array(z.string()),
  /** Values of the organization's custom fields, by key. */
  custom: customValuesSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  lastActivityAt: isoDateTimeSchema.nullable(),
  /** When the client reached its level (M1.4); with the permanent status's date and service level (M4.2). */
  levelEnteredAt: isoDateTimeSchema.nullable(),
  permanentSince: isoDateTimeSchema.nullable(),
  serviceLevel: z.string().nullable(),
});
export type Company = z.infer<typeof companySchema>;

export const companyPageSchema = pageOf(companySchema);
export type CompanyPage = z.infer<typeof companyPageSchema>;

export const companySorts = ["name", "createdAt", "lastActivityAt"] as const;

export const listCompaniesQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  status: companyStatusSchema.optional(),
  temperature: temperatureSchema.optional(),
  level: levelSchema.optional(),
  ownerId: idSchema.optional(),
  region: z.string().trim().max(200).optional(),
  industry: z.string().trim().max(200).optional(),
  audience: z.string().trim().max(200).optional(),
  channel: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  /** Clients that have the product on a deal or an order. */
  productId: idSchema.optional(),
  sort: z.enum(companySorts).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type ListCompaniesQuery = z.infer<typeof listCompaniesQuerySchema>;

/** The exact number of clients a list's filters match (the list itself may only say "more than"). */
export const countCompaniesQuerySchema = listCompaniesQuerySchema.omit({ limit: true, cursor: true, sort: true, order: true });
export const companyCountSchema = z.object({ total: z.number().int().nonnegative() });
export type CompanyCount = z.infer<typeof companyCountSchema>;

export const exportCompaniesQuerySchema = listCompaniesQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  locale: localeSchema.default("en"),
});
export type ExportCompaniesQuery = z.infer<typeof exportCompaniesQuerySchema>;

export const createCompanySchema = z.strictObject({
  name: z.string().trim().min(1).max(300),
  legalId: optionalText(40),
  region: optionalText(200),
  industry: optionalText(200),
  audience: optionalText(200),
  channel: optionalText(200),
  temperature: temperatureSchema.optional(),
  level: levelSchema.nullable().optional(),
  /** Defaults to the person creating it; a seller can only create their own clients. */
  ownerId: idSchema.optional(),
  tags: tagsSchema.optional(),
  custom: customValuesInputSchema.optional(),
});
export type CreateCompany = z.infer<typeof createCompanySchema>;

export const updateCompanySchema = createCompanySchema.partial().extend({
  status: companyStatusSchema.optional(),
});
export type UpdateCompany = z.infer<typeof updateCompanySchema>;

export const contactSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  name: z.string(),
  position: z.string().nullable(),
  /** E.164, e.g. +74951234567 or +982112345678. */
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  isDecisionMaker: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type Contact = z.infer<typeof contactSchema>;

export const contactListSchema = z.object({ items: z.array(contactSchema) });

export const createContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  position: optionalText(200),
  /** Any common notation; stored normalized to E.164 using the organization's country. */
  phones: z.array(z.string().trim().min(3).max(40)).max(10).optional(),
  emails: z.array(z.string().trim().toLowerCase().pipe(z.email().max(254))).max(10).optional(),
  isDecisionMaker: z.boolean().optional(),
});
export type CreateContact = z.infer<typeof createContactSchema>;
export const updateContactSchema = createContactSchema.partial();
export type UpdateContact = z.infer<typeof updateContactSchema>;

export const activityTypes = ["call", "meeting", "email", "proposal", "note"] as const;
export const activityTypeSchema = z.enum(activityTypes);
export type ActivityType = z.infer<typeof activityTypeSchema>;

/** M5.1: whether the activity worked the new-client base or the current base, fixed when written. */
export const activityBases = ["new", "current"] as const;
export const activityBaseSchema = z.enum(activityBases);
export type ActivityBase = z.infer<typeof activityBaseSchema>;

export const activitySchema = z.object({
  id: idSchema,
  companyId: idSchema,
  type: activityTypeSchema,
  occurredAt: isoDateTimeSchema,
  durationMinutes: z.number().int().nullable(),
  outcome: z.string().nullable(),
  body: z.string().nullable(),
  /** Proposals (КП) carry their amount, in minor units of the organization's currency. */
  amountMinor: z.number().int().nullable(),
  base: activityBaseSchema,
  authorId: idSchema,
  authorName: z.string(),
  createdAt: isoDateTimeSchema,
});
export type Activity = z.infer<typeof activitySchema>;

export const createActivitySchema = z
  .strictObject({
    type: activityTypeSchema,
    occurredAt: isoDateTimeSchema.optional(),
    durationMinutes: z.number().int().min(0).max(24 * 60).nullable().optional(),
    outcome: optionalText(500),
    body: optionalText(10_000),
    amountMinor: z.number().int().min(0).max(1e15).nullable().optional(),
  })
  .refine((a) => a.type === "proposal" || a.amountMinor == null, {
    message: "Only a proposal carries an amount",
    path: ["amountMinor"],
  });
export type CreateActivity = z.infer<typeof createActivitySchema>;

export const taskTypes = ["call", "meeting", "email", "follow_up", "other"] as const;
export const taskTypeSchema = z.enum(taskTypes);
export type TaskType = z.infer<typeof taskTypeSchema>;

export const taskStates = ["open", "overdue", "done"] as const;
export const taskStateSchema = z.enum(taskStates);
export type TaskState = z.infer<typeof taskStateSchema>;

export const taskSchema = z.object({
  id: idSchema,
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  title: z.string(),
  type: taskTypeSchema,
  dueAt: isoDateTimeSchema,
  assigneeId: idSchema,
  assigneeName: z.string(),
  /** Who set it: the seller themselves, their team lead, or later a matrix manager (M4.4). */
  createdById: idSchema,
  createdByName: z.string(),
  state: taskStateSchema,
  doneAt: isoDateTimeSchema.nullable(),
  /** The result planned for this task, checked at the daily review (M2.1). */
  plannedResult: z.string().nullable(),
  /** The deal the task moves forward, if any (a deal of the task's client). */
  dealId: idSchema.nullable(),
  dealTitle: z.string().nullable(),
  /** When the assignee is reminded in the app; null: no reminder. */
  remindAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
});
export type Task = z.infer<typeof taskSchema>;

export const taskPageSchema = pageOf(taskSchema);
export type TaskPage = z.infer<typeof taskPageSchema>;

export const listTasksQuerySchema = pageQuerySchema.extend({
  /** "me" or a user id; omitted: every task the viewer may see. */
  assignee: z.union([z.literal("me"), idSchema]).optional(),
  companyId: idSchema.optional(),
  /** The tasks of one deal (the deal page). */
  dealId: idSchema.optional(),
  /** today: due today or overdue and not done (the "Today" list). */
  view: z.enum(["today", "open", "done", "all"]).default("open"),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const createTaskSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  type: taskTypeSchema.default("follow_up"),
  dueAt: isoDateTimeSchema,
  companyId: idSchema.nullable().optional(),
  /** Defaults to the person creating it; a seller sets tasks only to themselves. */
  assigneeId: idSchema.optional(),
  plannedResult: optionalText(1000),
  /** A deal the viewer sees, of the task's client; without a client the task takes the deal's. */
  dealId: idSchema.nullable().optional(),
  /** When to remind the assignee in the app (any time, even after the due time); null: never. */
  remindAt: isoDateTimeSchema.nullable().optional(),
});
export type CreateTask = z.input<typeof createTaskSchema>;

export const updateTaskSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  type: taskTypeSchema.optional(),
  dueAt: isoDateTimeSchema.optional(),
  assigneeId: idSchema.optional(),
  plannedResult: optionalText(1000),
  dealId: idSchema.nullable().optional(),
  /** A new due or reminder time brings a dismissed reminder back. */
  remindAt: isoDateTimeSchema.nullable().optional(),
  done: z.boolean().optional(),
});
export type UpdateTask = z.infer<typeof updateTaskSchema>;

export const timelineEntryKinds = [
  "created",
  "activity",
  "task_created",
  "task_done",
  "owner_changed",
  "field_changed",
  "deal_created",
  "deal_stage_changed",
  "order_created",
  "payment_received",
  "handover",
  "lead_received",
  "email_received",
] as const;

/** One line of a client's history, newest first (M5.4: a newcomer learns the client without asking). */
export const timelineEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(timelineEntryKinds),
  at: isoDateTimeSchema,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  activity: activitySchema.nullable(),
  task: taskSchema.nullable(),
  /** For deal events: the deal as it is now, and for stage changes the stages' names in `change`. */
  deal: z.object({ id: idSchema, title: z.string() }).nullable(),
  /** For order and payment events: the amount in minor units (a refund is negative) and its currency. */
  money: z.object({ amountMinor: z.number().int(), currency: z.string(), orderNumber: z.string().nullable() }).nullable(),
  /** For owner and field changes; owners come with the names they had at the time. */
  change: z
    .object({
      field: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      fromLabel: z.string().nullable(),
      toLabel: z.string().nullable(),
    })
    .nullable(),
  /** For a handover (M1.4, M4.1): the levels, the people, the rule that fired and the figures it saw. */
  handover: z
    .object({
      id: idSchema,
      fromLevel: levelSchema,
      toLevel: levelSchema,
      fromName: z.string(),
      toName: z.string(),
      reason: z.string(),
      trigger: z.string(),
      ruleName: z.string().nullable(),
      figures: z.record(z.string(), z.union([z.string(), z.number()])),
      comment: z.string().nullable(),
    })
    .nullable(),
  /** For a lead that arrived (M5.5): its source and the message it carried. */
  lead: z.object({ id: idSchema, source: z.string(), message: z.string().nullable() }).nullable().optional(),
  /** For mail the client sent: the subject, the sender, the text and the attachments. */
  email: z
    .object({
      id: idSchema,
      subject: z.string(),
      from: z.string().nullable(),
      body: z.string(),
      attachments: z.array(z.object({ id: idSchema, filename: z.string(), size: z.number().int() })),
    })
    .nullable()
    .optional(),
  /** Why a person changed the owner (a redistribution's reason). */
  reason: z.string().nullable().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelinePageSchema = z.object({
  items: z.array(timelineEntrySchema),
  nextCursor: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const companyCardSchema = z.object({
  company: companySchema,
  contacts: z.array(contactSchema),
  openTasks: z.array(taskSchema),
});
export type CompanyCard = z.infer<typeof companyCardSchema>;

export const facetSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type Facet = z.infer<typeof facetSchema>;

/** Counts per segment value, within the viewer's scope: the "by channel / region / …" views of M5.4. */
export const companyFacetsSchema = z.object({
  status: z.array(facetSchema),
  temperature: z.array(facetSchema),
  level: z.array(facetSchema),
  region: z.array(facetSchema),
  industry: z.array(facetSchema),
  audience: z.array(facetSchema),
  channel: z.array(facetSchema),
  owner: z.array(facetSchema),
  /** Clients per product they have on a deal or an order; value is the product id, label its name. */
  product: z.array(facetSchema),
});
export type CompanyFacets = z.infer<typeof companyFacetsSchema>;

export const personSchema = z.object({ id: idSchema, name: z.string(), role: z.string() });
export const peopleSchema = z.object({ items: z.array(personSchema) });
export type Person = z.infer<typeof personSchema>;

export const timelineQuerySchema = pageQuerySchema;
