import { sql } from "drizzle-orm";
import { foldedColumnSql } from "./fold-sql";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
/** The tenant column every table carries (DESIGN.md: Citus shards by it). */
const tenant = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id);

/** The tenant. Every other table carries `organization_id` pointing here. */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    timeZone: text("time_zone").notNull(),
    currency: text("currency").notNull(),
    defaultLocale: text("default_locale"),
    workStart: text("work_start").notNull().default("09:00"),
    workEnd: text("work_end").notNull().default("18:00"),
    /** M1.1: one level (everyone does everything) or the three-level conveyor. */
    departmentMode: text("department_mode").notNull().default("three_level"),
    /** M5.8: shapes reporting lines and which matrix assignments grant visibility. */
    structureVariant: text("structure_variant").notNull().default("linear_functional"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("organizations_department_mode_check", sql`${t.departmentMode} in ('one_level', 'three_level')`),
    check(
      "organizations_structure_variant_check",
      sql`${t.structureVariant} in ('linear_functional', 'matrix_geography', 'matrix_product', 'matrix_customer_type')`,
    ),
    check("organizations_country_check", sql`${t.country} in ('RU', 'IR', 'OTHER')`),
    check("organizations_locale_check", sql`${t.defaultLocale} is null or ${t.defaultLocale} in ('ru', 'en', 'fa')`),
  ],
);

/**
 * A person who can sign in. The email is unique across the installation because it is
 * the sign-in name; `organization_id` is the organization that created the account.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    locale: text("locale"),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_organization_idx").on(t.organizationId),
    check("users_locale_check", sql`${t.locale} is null or ${t.locale} in ('ru', 'en', 'fa')`),
    check("users_email_lower_check", sql`${t.email} = lower(${t.email})`),
  ],
);

/** A user's role and standing in an organization. Deactivation lives here. */
export const memberships = pgTable(
  "memberships",
  {
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    status: text("status").notNull().default("active"),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** The conveyor level the person works (M1.1); null = not on the conveyor (admins, heads). */
    level: text("level"),
    /** The method's job (M4.3): tele-sales, account manager, product manager... */
    salesRole: text("sales_role"),
    /** At most this many clients handed to them (null = the organization's default cap). */
    clientCap: integer("client_cap"),
    /** Lead distribution (M5.5): paused sellers get no new leads; cap on untouched leads; round-robin weight; skills. */
    leadPaused: boolean("lead_paused").notNull().default(false),
    leadCap: integer("lead_cap"),
    leadWeight: integer("lead_weight").notNull().default(1),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Takes leads nobody else can take (outside hours, everyone at cap). */
    onDuty: boolean("on_duty").notNull().default(false),
    /** The person's own working hours, when they differ from the organization's ("HH:MM"). */
    workStart: text("work_start"),
    workEnd: text("work_end"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    index("memberships_level_idx").on(t.organizationId, t.level).where(sql`${t.level} is not null`),
    check("memberships_level_check", sql`${t.level} is null or ${t.level} in ('L1', 'L2', 'L3')`),
    check(
      "memberships_sales_role_check",
      sql`${t.salesRole} is null or ${t.salesRole} in ('tele_sales', 'sales_manager', 'field_rep', 'account_manager', 'key_account_manager', 'partner_account_manager', 'technical_support', 'product_manager', 'territory_manager', 'regional_manager')`,
    ),
    check("memberships_role_check", sql`${t.role} in ('admin', 'head_of_sales', 'team_lead', 'seller')`),
    check("memberships_status_check", sql`${t.status} in ('active', 'deactivated')`),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sessions_token_hash_key").on(t.tokenHash),
    index("sessions_user_idx").on(t.organizationId, t.userId),
  ],
);

/** Tokens for integrations; they act as the user who created them. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash),
    index("api_tokens_organization_idx").on(t.organizationId, t.createdAt),
  ],
);

/**
 * Every sign-in attempt, for throttling by account and by address. The organization is
 * known only when the email matched an account, so `organization_id` may be null here.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organizationId: uuid("organization_id").references(() => organizations.id),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_attempts_email_idx").on(t.email, t.attemptedAt),
    index("sign_in_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);

/**
 * A department (M3.1): the new-business department and the client department may be separate,
 * each holding the teams of its levels; its head is the functional boss of those teams' leads.
 */
export const departments = pgTable(
  "departments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    kind: text("kind").notNull().default("general"),
    headUserId: uuid("head_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("departments_organization_idx").on(t.organizationId),
    check("departments_kind_check", sql`${t.kind} in ('general', 'new_business', 'client', 'development')`),
  ],
);

/** A team with its lead, in a department, working one level of the conveyor (or all of them). Team leads see their team. */
export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    leadUserId: uuid("lead_user_id").references(() => users.id),
    departmentId: uuid("department_id").references(() => departments.id),
    level: text("level"),
    createdAt: createdAt(),
  },
  (t) => [
    index("teams_organization_idx").on(t.organizationId),
    index("teams_lead_idx").on(t.organizationId, t.leadUserId),
    check("teams_level_check", sql`${t.level} is null or ${t.level} in ('L1', 'L2', 'L3')`),
  ],
);

/**
 * The matrix (M4.4, M5.8): a product manager attached to products or product groups, a regional
 * manager to regions, a customer-type manager to audiences, and any of them to teams they also
 * direct. The organization's structure variant decides which kinds grant visibility.
 */
export const matrixAssignments = pgTable(
  "matrix_assignments",
  {
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId, t.kind, t.value] }),
    index("matrix_assignments_value_idx").on(t.organizationId, t.kind, t.value),
    check("matrix_assignments_kind_check", sql`${t.kind} in ('product', 'product_group', 'region', 'audience', 'team')`),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    organizationId: tenant(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.teamId, t.userId] }), index("team_members_user_idx").on(t.organizationId, t.userId)],
);

/** A client (M5.4). `search_text` is the normalized name + legal id the search reads. */
export const companies = pgTable(
  "companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    legalId: text("legal_id"),
    region: text("region"),
    industry: text("industry"),
    audience: text("audience"),
    channel: text("channel"),
    status: text("status").notNull().default("new"),
    temperature: text("temperature").notNull().default("cold"),
    level: text("level"),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Values of the organization's custom fields (custom_fields.key → value). */
    custom: jsonb("custom").$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    searchText: text("search_text").notNull(),
    /** When the client reached its current level: time at a level and "stuck" clients. */
    levelEnteredAt: timestamp("level_entered_at", { withTimezone: true }),
    /** M4.2: when the client became permanent, and the service level it carries. */
    permanentSince: timestamp("permanent_since", { withTimezone: true }),
    serviceLevel: text("service_level"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("companies_legal_id_key").on(t.organizationId, t.legalId).where(sql`${t.legalId} is not null`),
    index("companies_owner_idx").on(t.organizationId, t.ownerId),
    index("companies_name_idx").on(t.organizationId, sql`lower(${t.name})`, t.id),
    index("companies_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("companies_last_activity_idx").on(t.organizationId, sql`coalesce(${t.lastActivityAt}, '-infinity'::timestamptz)`, t.id),
    // Substring search in any script (pg_trgm): "%гамм%", "%کیان%", "%4951234%".
    index("companies_search_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    index("companies_custom_idx").using("gin", t.custom.op("jsonb_path_ops")),
    // The matrix (M4.4): a regional manager's clients by region, a customer-type manager's by audience.
    index("companies_region_idx").on(t.organizationId, t.region).where(sql`${t.region} is not null`),
    index("companies_audience_idx").on(t.organizationId, t.audience).where(sql`${t.audience} is not null`),
    index("companies_level_idx").on(t.organizationId, t.level, t.levelEnteredAt).where(sql`${t.level} is not null`),
    check("companies_status_check", sql`${t.status} in ('new', 'current', 'permanent')`),
    check("companies_temperature_check", sql`${t.temperature} in ('cold', 'warm', 'hot')`),
    check("companies_level_check", sql`${t.level} is null or ${t.level} in ('L1', 'L2', 'L3')`),
  ],
);

/** Clients shared with a seller besides their owner; a handover's giver keeps read access until `expires_at`. */
export const companyShares = pgTable(
  "company_shares",
  {
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.companyId, t.userId] }), index("company_shares_user_idx").on(t.organizationId, t.userId)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    position: text("position"),
    phones: text("phones").array().notNull().default(sql`'{}'::text[]`),
    emails: text("emails").array().notNull().default(sql`'{}'::text[]`),
    isDecisionMaker: boolean("is_decision_maker").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("contacts_company_idx").on(t.organizationId, t.companyId),
    // Duplicates on import and lookups by a caller's number or a sender's address. Without the
    // pending list (fastupdate): a lookup of 500 numbers scanned it whole, 10x slower than the probes.
    index("contacts_phones_idx").using("gin", t.phones).with({ fastupdate: false }),
    index("contacts_emails_idx").using("gin", t.emails).with({ fastupdate: false }),
  ],
);

export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    type: text("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes"),
    outcome: text("outcome"),
    body: text("body"),
    amountMinor: bigint("amount_minor", { mode: "number" }),
    base: text("base").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("activities_company_idx").on(t.organizationId, t.companyId, t.occurredAt),
    index("activities_author_idx").on(t.organizationId, t.authorId, t.occurredAt),
    check("activities_type_check", sql`${t.type} in ('call', 'meeting', 'email', 'proposal', 'note')`),
    check("activities_base_check", sql`${t.base} in ('new', 'current')`),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    companyId: uuid("company_id").references(() => companies.id),
    title: text("title").notNull(),
    type: text("type").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    assigneeId: uuid("assignee_id")
      .notNull()
      .references(() => users.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    plannedResult: text("planned_result"),
    dealId: uuid("deal_id").references((): AnyPgColumn => deals.id),
    /** When the assignee is reminded in the app; null = no reminder. */
    remindAt: timestamp("remind_at", { withTimezone: true }),
    reminderDismissedAt: timestamp("reminder_dismissed_at", { withTimezone: true }),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tasks_assignee_idx").on(t.organizationId, t.assigneeId, t.doneAt, t.dueAt),
    index("tasks_company_idx").on(t.organizationId, t.companyId, t.dueAt),
    // The organization's open tasks by due time: "Today" and "overdue" for a head of sales.
    index("tasks_open_due_idx").on(t.organizationId, t.dueAt).where(sql`${t.doneAt} is null`),
    index("tasks_deal_idx").on(t.organizationId, t.dealId).where(sql`${t.dealId} is not null`),
    // [daily-review]: "a deal without a next task" probes a seller's open deals for an open task.
    index("tasks_open_deal_idx").on(t.organizationId, t.dealId).where(sql`${t.dealId} is not null and ${t.doneAt} is null`),
    // Due reminders of one assignee: open tasks with a reminder not yet dismissed.
    index("tasks_reminder_idx")
      .on(t.organizationId, t.assigneeId, t.remindAt)
      .where(sql`${t.remindAt} is not null and ${t.doneAt} is null and ${t.reminderDismissedAt} is null`),
    check("tasks_type_check", sql`${t.type} in ('call', 'meeting', 'email', 'follow_up', 'other')`),
  ],
);

/**
 * A client's history, written in the same transaction as each change it records, so the
 * card's timeline is one indexed read however much has happened.
 */
export const timelineEvents = pgTable(
  "timeline_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Orders events written at the same instant (one transaction) as they were written. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    activityId: uuid("activity_id").references(() => activities.id),
    taskId: uuid("task_id").references(() => tasks.id),
    dealId: uuid("deal_id").references((): AnyPgColumn => deals.id),
    field: text("field"),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    /** What a person reads for the values (an owner's name as it was then). */
    fromLabel: text("from_label"),
    toLabel: text("to_label"),
    handoverId: uuid("handover_id"),
    /** A lead that arrived, and an email a client sent in a known thread. */
    leadId: uuid("lead_id"),
    inboundEmailId: uuid("inbound_email_id"),
    /** Why a person changed an owner (redistribution: vacation, dismissal...). */
    reason: text("reason"),
    /** Orders and payments: the amount (a refund is negative) and its currency. */
    amountMinor: bigint("amount_minor", { mode: "number" }),
    currency: text("currency"),
  },
  (t) => [
    index("timeline_events_company_idx").on(t.organizationId, t.companyId, t.at, t.seq),
    // The restructure advisor's theft-risk trigger (M1.5) counts recent owner changes without reading 6M events.
    index("timeline_events_owner_changed_idx").on(t.organizationId, t.at).where(sql`${t.kind} = 'owner_changed'`),
    check(
      "timeline_events_kind_check",
      sql`${t.kind} in ('created', 'activity', 'task_created', 'task_done', 'owner_changed', 'field_changed', 'deal_created', 'deal_stage_changed', 'order_created', 'payment_received', 'handover', 'lead_received', 'email_received')`,
    ),
  ],
);

export const pipelines = pgTable(
  "pipelines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("pipelines_organization_idx").on(t.organizationId),
    uniqueIndex("pipelines_default_key").on(t.organizationId).where(sql`${t.isDefault}`),
  ],
);

export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    probability: integer("probability").notNull(),
    kind: text("kind").notNull().default("open"),
    /** A removed stage stays for the history of the deals that passed through it. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("pipeline_stages_pipeline_idx").on(t.organizationId, t.pipelineId, t.position),
    check("pipeline_stages_kind_check", sql`${t.kind} in ('open', 'won', 'lost')`),
    check("pipeline_stages_probability_check", sql`${t.probability} between 0 and 100`),
  ],
);

export const deals = pgTable(
  "deals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    /** The channel its client came through when the deal was opened ('' for none; a trigger fills it): the funnel by channel. */
    channel: text("channel"),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    title: text("title").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull(),
    expectedCloseDate: date("expected_close_date", { mode: "string" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    lostReason: text("lost_reason"),
    acceptanceSignedOn: date("acceptance_signed_on", { mode: "string" }),
    custom: jsonb("custom").$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    /** The title folded for search (domain normalizeSearchText in SQL), under a pg_trgm index. */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(sql.raw(foldedColumnSql('"title"'))),
    stageEnteredAt: timestamp("stage_entered_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Won as the client's first won deal: a new client (M2.3); a trigger sets it when the deal is won. */
    firstWin: boolean("first_win").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("deals_stage_idx").on(t.organizationId, t.stageId, t.amountMinor, t.id),
    index("deals_company_idx").on(t.organizationId, t.companyId),
    index("deals_owner_idx").on(t.organizationId, t.ownerId, t.stageId),
    // [daily-review] each seller's active clients (the review log) read from the index alone (migration 0014).
    index("deals_owner_stage_company_idx").on(t.organizationId, t.ownerId, t.stageId, t.companyId),
    // The deal list's order (largest first) over all the organization's deals.
    index("deals_amount_idx").on(t.organizationId, t.amountMinor, t.id),
    index("deals_search_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    // The weekly forecast (M2.4): open deals by expected close date.
    // Deals a seller closed in a period: the drill-down behind won, lost and new clients.
    index("deals_owner_closed_idx").on(t.organizationId, t.ownerId, t.closedAt).where(sql`${t.closedAt} is not null`),
    index("deals_expected_close_idx").on(t.organizationId, t.expectedCloseDate).where(sql`${t.closedAt} is null`),
  ],
);

/** Every stage a deal has been in, with when it entered and left: time in stage (M5.15). */
export const dealStageVisits = pgTable(
  "deal_stage_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
    leftAt: timestamp("left_at", { withTimezone: true }),
    movedById: uuid("moved_by_id").references(() => users.id),
    /** The deal's owner when it entered the stage (a trigger fills it): the funnel's seller. */
    ownerId: uuid("owner_id").references(() => users.id),
    /** The deal's channel, copied when the visit is made ('' for none; a trigger fills it): the funnel by channel. */
    channel: text("channel"),
  },
  (t) => [index("deal_stage_visits_deal_idx").on(t.organizationId, t.dealId, t.enteredAt)],
);

export const productGroups = pgTable(
  "product_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("product_groups_organization_idx").on(t.organizationId)],
);

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    groupId: uuid("group_id").references(() => productGroups.id),
    name: text("name").notNull(),
    sku: text("sku"),
    priceMinor: bigint("price_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("products_organization_idx").on(t.organizationId, t.groupId)],
);

/** What a won deal produced (M1.4, M4.1 count orders); revenue is the payments against them. */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    productId: uuid("product_id").references(() => products.id),
    number: text("number").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    orderedOn: date("ordered_on", { mode: "string" }).notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("orders_company_idx").on(t.organizationId, t.companyId, t.orderedOn),
    index("orders_deal_idx").on(t.organizationId, t.dealId),
    uniqueIndex("orders_number_key").on(t.organizationId, t.number),
  ],
);

/** Money received (positive) or returned (negative). Every revenue KPI sums these. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    paidOn: date("paid_on", { mode: "string" }).notNull(),
    /**
     * The seller the money is credited to: the deal's owner when it came, filled by a trigger
     * (migration 0008) so every write path credits the same way; revenue KPIs and pay read it.
     */
    creditedUserId: uuid("credited_user_id").references(() => users.id),
    note: text("note"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("payments_order_idx").on(t.organizationId, t.orderId),
    index("payments_company_idx").on(t.organizationId, t.companyId, t.paidOn),
    index("payments_paid_on_idx").on(t.organizationId, t.paidOn),
    // The money behind a seller's revenue figure (the dashboard's drill-down).
    index("payments_credited_idx").on(t.organizationId, t.creditedUserId, t.paidOn),
    check("payments_nonzero_check", sql`${t.amountMinor} <> 0`),
  ],
);

/** The organization's own fields on clients and deals; values live in `custom` under `key`. */
export const customFields = pgTable(
  "custom_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    entity: text("entity").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    position: integer("position").notNull().default(0),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("custom_fields_key_key").on(t.organizationId, t.entity, t.key),
    check("custom_fields_entity_check", sql`${t.entity} in ('company', 'deal')`),
    check("custom_fields_type_check", sql`${t.type} in ('text', 'number', 'date', 'select')`),
  ],
);

/** A list's filters and sort saved under a name; personal, or shared with everyone by a head. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    entity: text("entity").notNull(),
    name: text("name").notNull(),
    query: jsonb("query").$type<Record<string, string>>().notNull(),
    shared: boolean("shared").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("saved_views_owner_idx").on(t.organizationId, t.entity, t.ownerId),
    check("saved_views_entity_check", sql`${t.entity} in ('companies', 'deals')`),
  ],
);

/** Products on a deal (line items); the deal's amount is their sum when it has any. */
export const dealItems = pgTable(
  "deal_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    quantity: numeric("quantity", { precision: 14, scale: 3, mode: "number" }).notNull(),
    unitPriceMinor: bigint("unit_price_minor", { mode: "number" }).notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("deal_items_deal_idx").on(t.organizationId, t.dealId, t.position),
    index("deal_items_product_idx").on(t.organizationId, t.productId),
    check("deal_items_quantity_check", sql`${t.quantity} > 0`),
  ],
);

/** Which products each client has on a deal or an order: the "By product" view of M5.4 reads this. */
export const companyProducts = pgTable(
  "company_products",
  {
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.productId] }),
    index("company_products_product_idx").on(t.organizationId, t.productId, t.companyId),
  ],
);

/**
 * Clients per owner and segment value (the M5.4 views' counts), kept exact by a trigger on
 * companies so that every write path — forms, imports, handovers — keeps it; a null value is ''.
 */
export const companyFacetCounts = pgTable(
  "company_facet_counts",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    field: text("field").notNull(),
    value: text("value").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.ownerId, t.field, t.value] })],
);

/** One file being imported: its rows, the mapping the user confirmed, and the progress. */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    entity: text("entity").notNull(),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    /** The parsed table: header and rows, kept until the import ends so it can resume after a restart. */
    headers: text("headers").array().notNull(),
    rows: jsonb("rows").$type<string[][]>(),
    preset: text("preset"),
    mapping: jsonb("mapping").$type<(string | null)[]>(),
    onDuplicate: text("on_duplicate").notNull().default("skip"),
    status: text("status").notNull().default("draft"),
    totalRows: integer("total_rows").notNull(),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("import_jobs_created_idx").on(t.organizationId, t.createdAt),
    index("import_jobs_running_idx").on(t.status).where(sql`${t.status} = 'running'`),
    check("import_jobs_entity_check", sql`${t.entity} in ('companies', 'contacts', 'deals')`),
    check("import_jobs_duplicate_check", sql`${t.onDuplicate} in ('skip', 'update')`),
    check("import_jobs_status_check", sql`${t.status} in ('draft', 'running', 'done', 'failed')`),
  ],
);

/** The row-by-row report of an import: what each row became, or why it did not. */
export const importRows = pgTable(
  "import_rows",
  {
    organizationId: tenant(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    outcome: text("outcome").notNull(),
    entityId: uuid("entity_id"),
    code: text("code"),
    field: text("field"),
    message: text("message"),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.rowNumber] }),
    check("import_rows_outcome_check", sql`${t.outcome} in ('created', 'updated', 'skipped', 'error')`),
  ],
);

/** A fingerprint of every imported row, so the same file imported twice creates nothing new. */
export const importedRowKeys = pgTable(
  "imported_row_keys",
  {
    organizationId: tenant(),
    entity: text("entity").notNull(),
    rowHash: text("row_hash").notNull(),
    entityId: uuid("entity_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.entity, t.rowHash] })],
);

/**
 * Deals per owner and stage with their amount, kept exact by statement triggers on deals
 * (migration 0003): the board's column totals and the deal list's count and sum for those who
 * see every deal, without reading a million rows.
 */
export const dealStageTotals = pgTable(
  "deal_stage_totals",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    count: integer("count").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.ownerId, t.stageId] })],
);

/** The organization's conveyor settings (M1.4, M4.1, M4.2); one row, created on first save. */
export const conveyorSettings = pgTable("conveyor_settings", {
  organizationId: tenant().primaryKey(),
  /** Days the giver of a handover keeps read access to the client. */
  giverAccessDays: integer("giver_access_days").notNull().default(14),
  /** Default cap of clients a receiving seller holds at their level (null = no cap). */
  receiverCap: integer("receiver_cap"),
  /** A client at a level longer than this is "stuck" in the handover report. */
  stuckAfterDays: integer("stuck_after_days").notNull().default(30),
  permanentTotalMinor: bigint("permanent_total_minor", { mode: "number" }),
  permanentMonthlyMinor: bigint("permanent_monthly_minor", { mode: "number" }),
  permanentMonths: integer("permanent_months").notNull().default(3),
  permanentServiceLevel: text("permanent_service_level").notNull().default("priority"),
  /** Local time of the nightly sweep, "HH:MM". */
  sweepAt: text("sweep_at").notNull().default("02:00"),
  lastSweepOn: date("last_sweep_on", { mode: "string" }),
  updatedAt: updatedAt(),
});

/**
 * A handover rule (M1.4, M4.1): L1 → L2 on temperature or stage, L2 → L3 on the signed
 * acceptance act, hunter → farmer by orders, volume, product or monthly minimum.
 */
export const handoverRules = pgTable(
  "handover_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    fromLevel: text("from_level").notNull(),
    toLevel: text("to_level").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    enabled: boolean("enabled").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("handover_rules_organization_idx").on(t.organizationId),
    check(
      "handover_rules_kind_check",
      sql`${t.kind} in ('hot', 'stage', 'acceptance_act', 'orders', 'volume', 'product', 'monthly_minimum')`,
    ),
  ],
);

/** Who handed which client to whom, when and why: the rule that fired and the figures it saw. */
export const handovers = pgTable(
  "handovers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    fromLevel: text("from_level").notNull(),
    toLevel: text("to_level").notNull(),
    fromUserId: uuid("from_user_id")
      .notNull()
      .references(() => users.id),
    toUserId: uuid("to_user_id")
      .notNull()
      .references(() => users.id),
    ruleId: uuid("rule_id").references(() => handoverRules.id),
    /** 'manual' or the rule's kind. */
    reason: text("reason").notNull(),
    /** What set it off: the seller, a stage change, an order, a payment, the act, or the nightly sweep. */
    trigger: text("trigger").notNull(),
    figures: jsonb("figures").$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    comment: text("comment"),
    actorId: uuid("actor_id").references(() => users.id),
    movedTasks: integer("moved_tasks").notNull().default(0),
    giverAccessUntil: timestamp("giver_access_until", { withTimezone: true }),
    /** How long the client spent at the level it left. */
    secondsAtLevel: bigint("seconds_at_level", { mode: "number" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("handovers_at_idx").on(t.organizationId, t.at),
    index("handovers_company_idx").on(t.organizationId, t.companyId, t.at),
    index("handovers_from_idx").on(t.organizationId, t.fromUserId, t.at),
    index("handovers_to_idx").on(t.organizationId, t.toUserId, t.at),
    check("handovers_trigger_check", sql`${t.trigger} in ('manual', 'stage_changed', 'temperature_changed', 'order', 'payment', 'acceptance_act', 'sweep')`),
  ],
);

/** In-app notices (a handover received or given); the bell reads the unread ones. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    companyId: uuid("company_id").references(() => companies.id),
    handoverId: uuid("handover_id").references(() => handovers.id),
    leadId: uuid("lead_id"),
    /** [daily-review]: the seller a notice is about (the evening sweep, a review due) and its figures. */
    subjectUserId: uuid("subject_user_id").references(() => users.id),
    figures: jsonb("figures").$type<Record<string, number>>(),
    /** The organization's local day a once-a-day notice is for: one per person, kind, seller and day. */
    onDay: date("on_day", { mode: "string" }),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.organizationId, t.userId, t.createdAt),
    uniqueIndex("notifications_daily_key").on(t.organizationId, t.userId, t.kind, t.subjectUserId, t.onDay).where(sql`${t.onDay} is not null`),
    check("notifications_kind_check", sql`${t.kind} in ('handover_received', 'handover_given', 'permanent_client', 'lead_assigned', 'lead_reminder', 'lead_taken_away', 'lead_escalated', 'lead_unassigned', 'prospects_low', 'clients_received', 'evening_sweep', 'review_due', 'export_requested', 'export_decided', 'bulk_read_alert')`),
  ],
);

/** Every export of a list (who, what, how many rows): the leak-risk trigger of M1.5 counts these. */
export const exportLog = pgTable(
  "export_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    entity: text("entity").notNull(),
    format: text("format").notNull(),
    rows: integer("rows").notNull(),
    filter: jsonb("filter").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** [anti-leak] SHA-256 of the bytes sent, the approved request it fulfilled, the visible watermark line. */
    fileHash: text("file_hash"),
    requestId: uuid("request_id").references((): AnyPgColumn => exportRequests.id),
    watermark: text("watermark"),
  },
  (t) => [
    index("export_log_at_idx").on(t.organizationId, t.at),
    index("export_log_hash_idx").on(t.organizationId, t.fileHash),
    index("export_log_user_idx").on(t.organizationId, t.userId, t.at),
  ],
);

/** Per-person days off (vacation, sick leave): lead distribution skips them; plans pro-rate by them. */
export const absences = pgTable(
  "absences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    note: text("note"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("absences_user_idx").on(t.organizationId, t.userId, t.endsOn),
    check("absences_kind_check", sql`${t.kind} in ('vacation', 'sick_leave', 'day_off', 'other')`),
    check("absences_dates_check", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** The organization's lead settings (M5.5): SLA in business minutes, the form's spam limits, redistribution's undo window. */
export const leadSettings = pgTable("lead_settings", {
  organizationId: tenant().primaryKey(),
  remindAfterMinutes: integer("remind_after_minutes").notNull().default(5),
  reassignAfterMinutes: integer("reassign_after_minutes").notNull().default(15),
  escalateAfterReassignments: integer("escalate_after_reassignments").notNull().default(2),
  /** Untouched leads a seller may hold at once unless their own cap says otherwise (null = no cap). */
  defaultLeadCap: integer("default_lead_cap"),
  /** Web-form submissions admitted per address per window. */
  formRateLimit: integer("form_rate_limit").notNull().default(10),
  formRateWindowSeconds: integer("form_rate_window_seconds").notNull().default(600),
  undoWindowMinutes: integer("undo_window_minutes").notNull().default(30),
  /** Iran: Thursday is a day off besides Friday. */
  thursdayOff: boolean("thursday_off").notNull().default(false),
  updatedAt: updatedAt(),
});

/**
 * Where leads come from (M5.5): a web form, a webhook / API, an IMAP mailbox, manual entry, an import.
 * `public_key` names a form's hosted page and a webhook's signature key across the installation.
 */
export const leadSources = pgTable(
  "lead_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    /** The channel the source's clients get (companies.channel). */
    channel: text("channel"),
    enabled: boolean("enabled").notNull().default(true),
    publicKey: text("public_key").notNull(),
    /** HMAC secret of a webhook source. */
    secret: text("secret"),
    /** Form fields and consent text, or mailbox settings, by kind. */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    defaultTemperature: text("default_temperature").notNull().default("warm"),
    /** IMAP cursor: the mailbox's UIDVALIDITY and the last UID read. */
    imapUidValidity: text("imap_uid_validity"),
    imapLastUid: bigint("imap_last_uid", { mode: "number" }).notNull().default(0),
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("lead_sources_public_key_key").on(t.publicKey),
    index("lead_sources_organization_idx").on(t.organizationId),
    check("lead_sources_kind_check", sql`${t.kind} in ('form', 'webhook', 'email', 'manual', 'import')`),
    check("lead_sources_temperature_check", sql`${t.defaultTemperature} in ('cold', 'warm', 'hot')`),
  ],
);

/** The head of sales' routing rules (M5.5): conditions on the lead → a team or a set of sellers. */
export const leadRoutingRules = pgTable(
  "lead_routing_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    conditions: jsonb("conditions").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    targetTeamId: uuid("target_team_id").references(() => teams.id),
    targetUserIds: uuid("target_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("lead_routing_rules_organization_idx").on(t.organizationId, t.position)],
);

/**
 * Every lead, as it arrived and what became of it: the client, contact and deal it made, who got it by
 * which step, and its speed-to-lead timers. `external_key` (Idempotency-Key, the source's own id, a
 * Message-ID) makes a retried delivery find the lead it already made.
 */
export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => leadSources.id),
    externalKey: text("external_key"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    personName: text("person_name"),
    companyName: text("company_name"),
    phone: text("phone"),
    email: text("email"),
    legalId: text("legal_id"),
    message: text("message"),
    utm: jsonb("utm").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    referrer: text("referrer"),
    pageUrl: text("page_url"),
    channel: text("channel"),
    productId: uuid("product_id").references(() => products.id),
    productInterest: text("product_interest"),
    region: text("region"),
    audience: text("audience"),
    temperature: text("temperature").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }),
    /** Form fields beyond the standard ones, by key. */
    extra: jsonb("extra").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    dealId: uuid("deal_id").references(() => deals.id),
    /** The lead matched a client already in the base (phone, email or legal id). */
    knownClient: boolean("known_client").notNull().default(false),
    status: text("status").notNull(),
    assigneeId: uuid("assignee_id").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    /** The distribution step that chose the assignee (existing_owner, rule, round_robin, on_duty, head, manual). */
    route: text("route").notNull(),
    ruleId: uuid("rule_id").references(() => leadRoutingRules.id),
    remindAt: timestamp("remind_at", { withTimezone: true }),
    reassignAt: timestamp("reassign_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    reassignCount: integer("reassign_count").notNull().default(0),
    /** Sellers the SLA took the lead from; never given back to them. */
    previousAssigneeIds: uuid("previous_assignee_ids").array().notNull().default(sql`'{}'::uuid[]`),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    firstTouchAt: timestamp("first_touch_at", { withTimezone: true }),
    firstTouchById: uuid("first_touch_by_id").references(() => users.id),
    /** Business minutes from arrival to the first real touch (speed to lead). */
    businessMinutesToTouch: numeric("business_minutes_to_touch", { precision: 12, scale: 2, mode: "number" }),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("leads_external_key_key").on(t.organizationId, t.sourceId, t.externalKey).where(sql`${t.externalKey} is not null`),
    index("leads_received_idx").on(t.organizationId, t.receivedAt, t.id),
    index("leads_status_idx").on(t.organizationId, t.status, t.receivedAt),
    index("leads_company_idx").on(t.organizationId, t.companyId),
    // A seller's untouched leads: their cap, and the first touch that stops the timer.
    index("leads_waiting_idx").on(t.organizationId, t.assigneeId).where(sql`${t.status} = 'waiting'`),
    // The SLA job's next work: waiting leads by their next deadline.
    index("leads_sla_idx").on(t.organizationId, t.remindAt).where(sql`${t.status} = 'waiting'`),
    index("leads_sla_reassign_idx").on(t.reassignAt).where(sql`${t.status} = 'waiting'`),
    check("leads_status_check", sql`${t.status} in ('waiting', 'touched', 'unassigned')`),
    check("leads_temperature_check", sql`${t.temperature} in ('cold', 'warm', 'hot')`),
    check("leads_route_check", sql`${t.route} in ('existing_owner', 'rule', 'round_robin', 'on_duty', 'head', 'manual', 'unassigned')`),
  ],
);

/** Weighted round-robin counters: leads given to each person per local day. */
export const leadAssignCounters = pgTable(
  "lead_assign_counters",
  {
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    day: date("day", { mode: "string" }).notNull(),
    assigned: integer("assigned").notNull().default(0),
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId, t.day] })],
);

/** Each time a lead changed hands: by distribution, the SLA, or a person. */
export const leadAssignments = pgTable(
  "lead_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id),
    fromUserId: uuid("from_user_id").references(() => users.id),
    toUserId: uuid("to_user_id").references(() => users.id),
    route: text("route").notNull(),
    /** distribution, sla_reassign, sla_escalate, manual, redistribution */
    cause: text("cause").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("lead_assignments_lead_idx").on(t.organizationId, t.leadId, t.at)],
);

/** Mail a client sent: a lead's first message, or a reply in a known thread attached to its client. */
export const inboundEmails = pgTable(
  "inbound_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => leadSources.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    leadId: uuid("lead_id").references(() => leads.id),
    messageId: text("message_id"),
    inReplyTo: text("in_reply_to"),
    fromAddress: text("from_address"),
    fromName: text("from_name"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("inbound_emails_message_idx").on(t.organizationId, t.messageId).where(sql`${t.messageId} is not null`),
    index("inbound_emails_company_idx").on(t.organizationId, t.companyId, t.receivedAt),
  ],
);

export const inboundAttachments = pgTable(
  "inbound_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    emailId: uuid("email_id")
      .notNull()
      .references(() => inboundEmails.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("inbound_attachments_email_idx").on(t.organizationId, t.emailId)],
);

/**
 * A bulk reassignment (vacation, dismissal): which clients, deals and open tasks moved from whom to whom,
 * undoable until `undo_until`.
 */
export const redistributions = pgTable(
  "redistributions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    fromUserId: uuid("from_user_id")
      .notNull()
      .references(() => users.id),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    mode: text("mode").notNull(),
    reason: text("reason").notNull(),
    clients: integer("clients").notNull().default(0),
    deals: integer("deals").notNull().default(0),
    tasks: integer("tasks").notNull().default(0),
    at: timestamp("at", { withTimezone: true }).notNull(),
    undoUntil: timestamp("undo_until", { withTimezone: true }).notNull(),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
    undoneById: uuid("undone_by_id").references(() => users.id),
  },
  (t) => [
    index("redistributions_at_idx").on(t.organizationId, t.at),
    check("redistributions_mode_check", sql`${t.mode} in ('rules', 'manual')`),
  ],
);

export const redistributionItems = pgTable(
  "redistribution_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    redistributionId: uuid("redistribution_id")
      .notNull()
      .references(() => redistributions.id),
    /** company, deal or task */
    entity: text("entity").notNull(),
    entityId: uuid("entity_id").notNull(),
    companyId: uuid("company_id").references(() => companies.id),
    fromUserId: uuid("from_user_id")
      .notNull()
      .references(() => users.id),
    toUserId: uuid("to_user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index("redistribution_items_batch_idx").on(t.organizationId, t.redistributionId),
    check("redistribution_items_entity_check", sql`${t.entity} in ('company', 'deal', 'task')`),
  ],
);

/*
 * Plans and KPIs (M2.3, M5.1, M5.2, M5.15). The rollups below are kept exact by statement
 * triggers on activities, payments, deals and deal_stage_visits (migration 0008), in the same
 * transaction as each write; `kpi_rollup_check` rebuilds them from the raw tables and compares.
 */

/** Per seller and local day (the organization's time zone): activity, money and closed deals. */
export const sellerDayRollup = pgTable(
  "seller_day_rollup",
  {
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    day: date("day", { mode: "string" }).notNull(),
    callsNew: integer("calls_new").notNull().default(0),
    callsCurrent: integer("calls_current").notNull().default(0),
    meetingsNew: integer("meetings_new").notNull().default(0),
    meetingsCurrent: integer("meetings_current").notNull().default(0),
    emails: integer("emails").notNull().default(0),
    proposals: integer("proposals").notNull().default(0),
    revenueMinor: bigint("revenue_minor", { mode: "number" }).notNull().default(0),
    refundsMinor: bigint("refunds_minor", { mode: "number" }).notNull().default(0),
    payments: integer("payments").notNull().default(0),
    dealsWon: integer("deals_won").notNull().default(0),
    wonAmountMinor: bigint("won_amount_minor", { mode: "number" }).notNull().default(0),
    newClients: integer("new_clients").notNull().default(0),
    dealsLost: integer("deals_lost").notNull().default(0),
    /** Seconds from creation to win, summed over the day's won deals: time to close. */
    closeSeconds: bigint("close_seconds", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId, t.day] }), index("seller_day_rollup_day_idx").on(t.organizationId, t.day)],
);

/** Money received per client, credited seller and month: distinct paying clients and average client turnover (M5.1). */
export const clientMonthRevenue = pgTable(
  "client_month_revenue",
  {
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    month: date("month", { mode: "string" }).notNull(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    payments: integer("payments").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId, t.month, t.companyId] }),
    // [plans-kpi] A month's paying clients of many sellers (the dashboard, the forecast's repeat payments), read from the index alone.
    index("client_month_revenue_month_idx").on(t.organizationId, t.month, t.userId, t.companyId, t.amountMinor),
    // [plans-kpi] The payments trigger drops emptied rows after every write: without this it scans the organization's whole history.
    index("client_month_revenue_emptied_idx").on(t.organizationId).where(sql`${t.payments} = 0`),
  ],
);

/** Open deals per owner and client temperature: money in hot, warm and potential clients (M2.3). */
export const openDealTotals = pgTable(
  "open_deal_totals",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    temperature: text("temperature").notNull(),
    count: integer("count").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.ownerId, t.temperature] })],
);

/**
 * Open deals per owner, stage, client type (new / current / permanent) and expected month: the
 * forecast (M2.4). Deals without an expected date sit in the month 0001-01.
 */
export const openDealForecast = pgTable(
  "open_deal_forecast",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    clientType: text("client_type").notNull(),
    expectedMonth: date("expected_month", { mode: "string" }).notNull(),
    count: integer("count").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    /** The client's conveyor level ('' for none) and audience, its segment ('' for none): the forecast's other splits. */
    level: text("level").notNull().default(""),
    audience: text("audience").notNull().default(""),
  },
  (t) => [primaryKey({ name: "open_deal_forecast_key_pk", columns: [t.organizationId, t.ownerId, t.stageId, t.clientType, t.expectedMonth, t.level, t.audience] })],
);

/**
 * Open dated deals per owner, stage, client type, level, segment and the Monday of their expected week: the
 * weekly forecast (M2.4; migration 0016_forecast_week.sql). Undated deals stay in `open_deal_forecast` only.
 */
export const openDealForecastWeek = pgTable(
  "open_deal_forecast_week",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    clientType: text("client_type").notNull(),
    expectedWeek: date("expected_week", { mode: "string" }).notNull(),
    count: integer("count").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    level: text("level").notNull().default(""),
    audience: text("audience").notNull().default(""),
  },
  (t) => [
    primaryKey({ name: "open_deal_forecast_week_key_pk", columns: [t.organizationId, t.ownerId, t.stageId, t.clientType, t.expectedWeek, t.level, t.audience] }),
    index("open_deal_forecast_week_by_week_idx").on(t.organizationId, t.expectedWeek),
  ],
);

/** Deals entering and leaving each stage per owner and local day: the funnel and time in stage (M5.15). */
export const stageDayRollup = pgTable(
  "stage_day_rollup",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    day: date("day", { mode: "string" }).notNull(),
    entered: integer("entered").notNull().default(0),
    exited: integer("exited").notNull().default(0),
    exitedSeconds: bigint("exited_seconds", { mode: "number" }).notNull().default(0),
    /** Deals that went from this stage straight to a lost stage. */
    lostAfter: integer("lost_after").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.ownerId, t.stageId, t.day] }),
    index("stage_day_rollup_day_idx").on(t.organizationId, t.day),
    // [plans-kpi] The funnel's period of all owners or some, read from the index alone (a month's rows lie on thousands of heap pages).
    index("stage_day_rollup_funnel_idx").on(t.organizationId, t.day, t.ownerId, t.stageId, t.entered, t.exited, t.exitedSeconds, t.lostAfter),
  ],
);

/** `stage_day_rollup` by the client's channel too: the funnel of one channel (M5.15). Its own table, so the whole funnel reads no more rows. */
export const stageChannelDayRollup = pgTable(
  "stage_channel_day_rollup",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => pipelineStages.id),
    day: date("day", { mode: "string" }).notNull(),
    /** The deal's channel; '' for none. */
    channel: text("channel").notNull(),
    entered: integer("entered").notNull().default(0),
    exited: integer("exited").notNull().default(0),
    exitedSeconds: bigint("exited_seconds", { mode: "number" }).notNull().default(0),
    lostAfter: integer("lost_after").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.ownerId, t.stageId, t.day, t.channel] }),
    index("stage_channel_day_rollup_funnel_idx").on(t.organizationId, t.channel, t.day, t.ownerId, t.stageId, t.entered, t.exited, t.exitedSeconds, t.lostAfter),
  ],
);

/** Lost deals per owner, local day and reason: why clients are lost (M5.15). */
export const lostReasonDayRollup = pgTable(
  "lost_reason_day_rollup",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    day: date("day", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.ownerId, t.day, t.reason] }),
    // [plans-kpi] The funnel's lost reasons of a period, all owners at once.
    index("lost_reason_day_rollup_day_idx").on(t.organizationId, t.day),
  ],
);

/** `lost_reason_day_rollup` by the deal's channel too: the lost reasons of one channel's funnel (M5.15). */
export const lostReasonChannelDayRollup = pgTable(
  "lost_reason_channel_day_rollup",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    day: date("day", { mode: "string" }).notNull(),
    channel: text("channel").notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ name: "lost_reason_channel_day_rollup_key_pk", columns: [t.organizationId, t.ownerId, t.day, t.channel, t.reason] }),
    index("lost_reason_channel_day_rollup_day_idx").on(t.organizationId, t.channel, t.day),
  ],
);

/** An admin's change to the country's production calendar for one date (a custom calendar). */
export const calendarDays = pgTable(
  "calendar_days",
  {
    organizationId: tenant(),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    note: text("note"),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.day] }),
    check("calendar_days_kind_check", sql`${t.kind} in ('working', 'day_off', 'shortened')`),
  ],
);

/**
 * A plan (M2.3, M5.9): a target for one metric, one period and one scope — a seller, a team, a
 * level, a channel, a product group or the whole department. `scope_id` is '' for the department.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    periodKind: text("period_kind").notNull().default("month"),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    scopeKind: text("scope_kind").notNull(),
    scopeId: text("scope_id").notNull().default(""),
    metric: text("metric").notNull(),
    target: bigint("target", { mode: "number" }).notNull(),
    updatedById: uuid("updated_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("plans_key").on(t.organizationId, t.periodStart, t.periodKind, t.scopeKind, t.scopeId, t.metric),
    check("plans_period_kind_check", sql`${t.periodKind} in ('month', 'jalali_month')`),
    check("plans_scope_kind_check", sql`${t.scopeKind} in ('seller', 'team', 'level', 'channel', 'product_group', 'department')`),
    check("plans_metric_check", sql`${t.metric} in ('revenue', 'deals_won', 'new_clients', 'calls', 'meetings')`),
    check("plans_target_check", sql`${t.target} >= 0`),
    check("plans_period_check", sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** The dashboard a business chooses (M5.1): its widgets, in order, and the TV mode's refresh. */
export const kpiSettings = pgTable("kpi_settings", {
  organizationId: tenant().primaryKey(),
  widgets: text("widgets").array().notNull(),
  tvRefreshSeconds: integer("tv_refresh_seconds").notNull().default(60),
  updatedAt: updatedAt(),
});

/** What the forecast said for a month when the month began, per owner: forecast vs actual once it closes (M2.4). */
export const forecastSnapshots = pgTable(
  "forecast_snapshots",
  {
    organizationId: tenant(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    month: date("month", { mode: "string" }).notNull(),
    weightedMinor: bigint("weighted_minor", { mode: "number" }).notNull(),
    repeatMinor: bigint("repeat_minor", { mode: "number" }).notNull(),
    takenAt: timestamp("taken_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.ownerId, t.month] })],
);

// ---------------------------------------------------------------- [daily-review] (M2)

/**
 * A team's review settings (M2.5, M2.6): the cadence, how long a deal may sit in each stage, the
 * high-ticket filter and the evening sweep's local time. A team without a row has the defaults.
 */
export const reviewSettings = pgTable(
  "review_settings",
  {
    organizationId: tenant(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    cadence: text("cadence").notNull().default("daily"),
    staleDaysDefault: integer("stale_days_default").notNull().default(7),
    /** Days per stage id ({ "<stage id>": days }). */
    staleDaysByStage: jsonb("stale_days_by_stage").$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    /** M2.6: review only clients with an open deal at least this large (null = all). */
    minDealAmountMinor: bigint("min_deal_amount_minor", { mode: "number" }),
    /** Local time of the evening sweep, "HH:MM". */
    sweepAt: text("sweep_at").notNull().default("18:00"),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.teamId] }),
    check("review_settings_cadence_check", sql`${t.cadence} in ('twice_daily', 'daily', 'every_two_days', 'weekly')`),
    check("review_settings_stale_check", sql`${t.staleDaysDefault} between 1 and 365`),
  ],
);

/** One sitting of a reviewer with one seller's clients (M2.1). */
export const reviewSessions = pgTable(
  "review_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("review_sessions_seller_idx").on(t.organizationId, t.sellerId, t.startedAt),
    index("review_sessions_reviewer_idx").on(t.organizationId, t.reviewerId, t.startedAt),
  ],
);

/**
 * One client reviewed (M2.1): why it was in the queue, whether the last task's planned result was reached,
 * risks and chances, and how it left — a next task for the seller, or the deal closed as lost.
 */
export const reviewItems = pgTable(
  "review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => reviewSessions.id),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    dealId: uuid("deal_id").references(() => deals.id),
    /** The deal's stage when reviewed: "outcome changed after a review" compares with its stage now. */
    dealStageId: uuid("deal_stage_id").references(() => pipelineStages.id),
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    lastTaskId: uuid("last_task_id").references(() => tasks.id),
    plannedResultOutcome: text("planned_result_outcome"),
    outcomeComment: text("outcome_comment"),
    risks: text("risks"),
    opportunities: text("opportunities"),
    nextTaskId: uuid("next_task_id").references(() => tasks.id),
    closedAsLost: boolean("closed_as_lost").notNull().default(false),
    lostReason: text("lost_reason"),
    secondsSpent: integer("seconds_spent").notNull(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("review_items_seller_idx").on(t.organizationId, t.sellerId, t.reviewedAt),
    index("review_items_reviewer_idx").on(t.organizationId, t.reviewerId, t.reviewedAt),
    index("review_items_company_idx").on(t.organizationId, t.companyId, t.reviewedAt),
    index("review_items_session_idx").on(t.organizationId, t.sessionId),
    // "My day" flags the tasks a review set.
    index("review_items_next_task_idx").on(t.organizationId, t.nextTaskId).where(sql`${t.nextTaskId} is not null`),
    check("review_items_outcome_check", sql`${t.plannedResultOutcome} is null or ${t.plannedResultOutcome} in ('reached', 'partly', 'not_reached')`),
    check("review_items_seconds_check", sql`${t.secondsSpent} >= 0`),
    check("review_items_close_check", sql`${t.nextTaskId} is not null or (${t.closedAsLost} and ${t.lostReason} is not null)`),
  ],
);

/** M2.2: "gather N prospects and bring them to warm" for a seller and a month; progress is counted live. */
export const prospectingTargets = pgTable(
  "prospecting_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    /** The month's first local day. */
    month: date("month", { mode: "string" }).notNull(),
    target: integer("target").notNull(),
    setById: uuid("set_by_id")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("prospecting_targets_key").on(t.organizationId, t.sellerId, t.month),
    check("prospecting_targets_target_check", sql`${t.target} between 1 and 1000`),
  ],
);

// ── pay (#8): migration 0011_pay.sql ──

/** M1.6: a compensation scheme; its definitions live in versions with an effective month. */
export const paySchemes = pgTable(
  "pay_schemes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    /** The preset it was made from (M5.14, M3.2, the conveyor), when it was. */
    presetKey: text("preset_key"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("pay_schemes_organization_idx").on(t.organizationId)],
);

/** A scheme's definition from a month on (the version in force on a month's first day applies). */
export const paySchemeVersions = pgTable(
  "pay_scheme_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    schemeId: uuid("scheme_id")
      .notNull()
      .references(() => paySchemes.id),
    version: integer("version").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    // No day-1 check (0018): a Jalali pay period starts mid Gregorian month.
    uniqueIndex("pay_scheme_versions_key").on(t.organizationId, t.schemeId, t.version),
  ],
);

/** Who a scheme applies to: a level, a job (sales role), a department kind or a person; one scheme per target. */
export const paySchemeAssignments = pgTable(
  "pay_scheme_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    schemeId: uuid("scheme_id")
      .notNull()
      .references(() => paySchemes.id),
    targetKind: text("target_kind").notNull(),
    targetValue: text("target_value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pay_scheme_assignments_key").on(t.organizationId, t.targetKind, t.targetValue),
    index("pay_scheme_assignments_scheme_idx").on(t.organizationId, t.schemeId),
    check("pay_scheme_assignments_kind_check", sql`${t.targetKind} in ('person', 'sales_role', 'department_kind', 'level')`),
  ],
);

/** Manual adjustments of a seller's pay for a month: who, when and why (the audit trail). */
export const payAdjustments = pgTable(
  "pay_adjustments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    month: date("month", { mode: "string" }).notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    reason: text("reason").notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("pay_adjustments_month_idx").on(t.organizationId, t.month, t.userId),
    check("pay_adjustments_nonzero_check", sql`${t.amountMinor} <> 0`),
    check("pay_adjustments_reason_check", sql`length(btrim(${t.reason})) > 0`),
  ],
);

/** A closed pay month: its payroll is frozen in `payroll_lines`; later refunds land in the next open month. */
export const payPeriods = pgTable(
  "pay_periods",
  {
    organizationId: tenant(),
    month: date("month", { mode: "string" }).notNull(),
    /** The period's last day: a Jalali month (Iran) ends where the Jalali calendar says. */
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedById: uuid("closed_by_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.month] })],
);

/** A closed month's result per seller: the figures a later refund's clawback is computed from. */
export const payrollResults = pgTable(
  "payroll_results",
  {
    organizationId: tenant(),
    month: date("month", { mode: "string" }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    schemeId: uuid("scheme_id").references(() => paySchemes.id),
    schemeVersion: integer("scheme_version"),
    definition: jsonb("definition").$type<Record<string, unknown>>(),
    factMinor: bigint("fact_minor", { mode: "number" }).notNull(),
    planMinor: bigint("plan_minor", { mode: "number" }),
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.month, t.userId] })],
);

/** A closed month's payroll lines, as they were computed at the close, with their sources. */
export const payrollLines = pgTable(
  "payroll_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    month: date("month", { mode: "string" }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    position: integer("position").notNull(),
    kind: text("kind").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    figures: jsonb("figures").$type<Record<string, unknown>>().notNull(),
    refs: jsonb("refs").$type<Record<string, unknown>>().notNull(),
    contributions: jsonb("contributions").$type<unknown[]>(),
  },
  (t) => [uniqueIndex("payroll_lines_key").on(t.organizationId, t.month, t.userId, t.position)],
);

/** The owner's pay settings: the share of gross profit pay may take (M1.6 "don't overpay") and margins per product group. */
export const paySettings = pgTable("pay_settings", {
  organizationId: tenant().primaryKey(),
  payrollShareLimitPercent: numeric("payroll_share_limit_percent", { precision: 6, scale: 2, mode: "number" }),
  defaultMarginPercent: numeric("default_margin_percent", { precision: 6, scale: 2, mode: "number" }).notNull().default(100),
  marginPercentByProductGroup: jsonb("margin_percent_by_product_group").$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
  updatedById: uuid("updated_by_id").references(() => users.id),
  updatedAt: updatedAt(),
});

/** M5.10: a monthly contest on a metric among a level's sellers (or all), with the prize and its winner. */
export const payContests = pgTable(
  "pay_contests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    name: text("name").notNull(),
    metric: text("metric").notNull(),
    level: text("level"),
    month: date("month", { mode: "string" }).notNull(),
    prize: text("prize").notNull(),
    winnerUserId: uuid("winner_user_id").references(() => users.id),
    prizeRecordedAt: timestamp("prize_recorded_at", { withTimezone: true }),
    prizeRecordedById: uuid("prize_recorded_by_id").references(() => users.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("pay_contests_month_idx").on(t.organizationId, t.month),
    check("pay_contests_metric_check", sql`${t.metric} in ('revenue', 'new_clients', 'meetings', 'conversion')`),
    check("pay_contests_level_check", sql`${t.level} is null or ${t.level} in ('L1', 'L2', 'L3')`),
  ],
);

// ── security (#9: audit log, sessions, two-factor): migration 0012_security.sql ──

/**
 * [anti-leak] The audit log: append-only (a trigger rejects UPDATE, DELETE and TRUNCATE) and hash-chained per
 * organization: each row stores the previous row's hash and its own SHA-256 over a canonical serialization
 * (security/audit-log.ts). Kept without deletion (retention ≥ 2 years; docs/operations.md).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    /** 1, 2, 3… per organization: the chain's order. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ip: text("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_log_chain_key").on(t.organizationId, t.seq),
    index("audit_log_at_idx").on(t.organizationId, t.at),
    index("audit_log_actor_idx").on(t.organizationId, t.actorId, t.at),
    index("audit_log_action_idx").on(t.organizationId, t.action, t.at),
    index("audit_log_target_idx").on(t.organizationId, t.targetKind, t.targetId),
  ],
);

/** The head of each organization's audit chain; appends lock this row so concurrent appends cannot fork the chain. */
export const auditChainHeads = pgTable("audit_chain_heads", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

/** Sign-in hardening per organization; no row = the defaults (security/session-policy.ts). */
export const securitySettings = pgTable(
  "security_settings",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    idleTimeoutMinutes: integer("idle_timeout_minutes").notNull(),
    absoluteTimeoutHours: integer("absolute_timeout_hours").notNull(),
    /** Admins and heads of sales must use two-factor; enforced at their next sign-in. */
    requireTwoFactor: boolean("require_two_factor").notNull().default(false),
    /** CIDR blocks sign-ins and requests must come from; empty = any address. */
    ipAllowList: text("ip_allow_list").array().notNull().default(sql`'{}'::text[]`),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("security_settings_idle_check", sql`${t.idleTimeoutMinutes} between 5 and 10080`),
    check("security_settings_absolute_check", sql`${t.absoluteTimeoutHours} between 1 and 720`),
  ],
);

/** A person's TOTP (RFC 6238) secret; `enabledAt` null while enrollment awaits its first code. */
export const twoFactorSecrets = pgTable("two_factor_secrets", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  organizationId: tenant(),
  /** Base32, as the authenticator app shows it. */
  secret: text("secret").notNull(),
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  /** The last accepted time step: a code is accepted once. */
  lastStep: bigint("last_step", { mode: "number" }),
  createdAt: createdAt(),
});

/** One-time recovery codes (only their SHA-256). */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("two_factor_recovery_codes_user_idx").on(t.organizationId, t.userId)],
);

/** The sign-in second step: the password was right, a code is due. Short-lived; only the token's hash is stored. */
export const signInChallenges = pgTable(
  "sign_in_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    /** "verify" a code, or "enroll" first (the organization requires two-factor). */
    kind: text("kind").notNull(),
    attempts: integer("attempts").notNull().default(0),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sign_in_challenges_token_hash_key").on(t.tokenHash),
    check("sign_in_challenges_kind_check", sql`${t.kind} in ('verify', 'enroll')`),
  ],
);

// ── export control (#9: exports, masking, bulk-read guard, offboarding): migration 0013_export_control.sql ──

/** [anti-leak] Per organization: who may export, the approval threshold, masking, the reveal cap, the bulk-read guard. */
export const exportSettings = pgTable(
  "export_settings",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    exportRoles: text("export_roles").array().notNull().default(sql`'{admin,head_of_sales}'::text[]`),
    approvalThreshold: integer("approval_threshold").notNull().default(1000),
    approvalValidHours: integer("approval_valid_hours").notNull().default(24),
    /** Roles that see client phones and emails in full; the others see them masked and reveal one at a time. */
    revealRoles: text("reveal_roles").array().notNull().default(sql`'{admin,head_of_sales,team_lead,seller}'::text[]`),
    revealDailyCap: integer("reveal_daily_cap").notNull().default(50),
    cardOpensPerHour: integer("card_opens_per_hour").notNull().default(30),
    listedRowsPerHour: integer("listed_rows_per_hour").notNull().default(2000),
    slowdownMs: integer("slowdown_ms").notNull().default(1500),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("export_settings_threshold_check", sql`${t.approvalThreshold} >= 0`),
    check("export_settings_valid_hours_check", sql`${t.approvalValidHours} between 1 and 720`),
    check("export_settings_reveal_cap_check", sql`${t.revealDailyCap} >= 0`),
    check("export_settings_bulk_check", sql`${t.cardOpensPerHour} >= 1 and ${t.listedRowsPerHour} >= 1`),
    check("export_settings_slowdown_check", sql`${t.slowdownMs} between 0 and 10000`),
  ],
);

/** [anti-leak] An export above the threshold, waiting for a head's decision; downloadable once until it expires. */
export const exportRequests = pgTable(
  "export_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => users.id),
    entity: text("entity").notNull(),
    format: text("format").notNull(),
    locale: text("locale").notNull(),
    /** The export route's query string, as validated when asked. */
    query: jsonb("query").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    rows: integer("rows").notNull(),
    reason: text("reason"),
    status: text("status").notNull().default("pending"),
    decidedById: uuid("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    exportId: uuid("export_id"),
    downloadedAt: timestamp("downloaded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("export_requests_status_idx").on(t.organizationId, t.status, t.createdAt),
    index("export_requests_requester_idx").on(t.organizationId, t.requesterId, t.createdAt),
    check("export_requests_entity_check", sql`${t.entity} in ('companies', 'deals', 'report', 'payroll', 'import_errors')`),
    check("export_requests_format_check", sql`${t.format} in ('xlsx', 'csv')`),
    check("export_requests_status_check", sql`${t.status} in ('pending', 'approved', 'rejected', 'downloaded')`),
  ],
);

/** [anti-leak] Every reveal of a masked phone or email: counted against the daily cap. */
export const revealLog = pgTable(
  "reveal_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    targetKind: text("target_kind").notNull(),
    targetId: uuid("target_id").notNull(),
    companyId: uuid("company_id"),
    field: text("field").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("reveal_log_user_idx").on(t.organizationId, t.userId, t.at),
    check("reveal_log_target_kind_check", sql`${t.targetKind} in ('contact', 'lead')`),
    check("reveal_log_field_check", sql`${t.field} in ('phones', 'emails')`),
  ],
);

/** [anti-leak] The bulk-read guard's counter: one row per person and hour, shared by every server process. */
export const readCounters = pgTable(
  "read_counters",
  {
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    cardOpens: integer("card_opens").notNull().default(0),
    listedRows: integer("listed_rows").notNull().default(0),
    slowed: integer("slowed").notNull().default(0),
    alertedAt: timestamp("alerted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId, t.hour] })],
);

/** [anti-leak] Each client card a person opened (the offboarding report lists the last 30 days). */
export const cardOpens = pgTable(
  "card_opens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: tenant(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    own: boolean("own").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("card_opens_user_idx").on(t.organizationId, t.userId, t.at)],
);

// ── review evidence (#6): migration 0014_review_evidence.sql ──

// ── kpi segments (#7): migration 0015_kpi_segments.sql adds the channel rollups and changes open_deal_forecast, deals and deal_stage_visits above ──

/**
 * M2.5: the reviewer's `review_due` reminders, one per reviewer, seller, local day and cadence slot (the whole day,
 * or the morning and the afternoon of a twice-daily review); the notice it sent.
 */
export const reviewReminders = pgTable(
  "review_reminders",
  {
    organizationId: tenant(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    onDay: date("on_day", { mode: "string" }).notNull(),
    slot: text("slot").notNull(),
    notificationId: uuid("notification_id").references(() => notifications.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.reviewerId, t.sellerId, t.onDay, t.slot] }),
    check("review_reminders_slot_check", sql`${t.slot} in ('day', 'morning', 'afternoon')`),
  ],
);
