import { routingConditionsSchema } from "@conveyor/contracts";
import type { DayOverride, RoutingRule, WorkCalendar } from "@conveyor/domain";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database";
import type { SqlRunner } from "../db/prepared";
import { calendarOverridesOf } from "../kpi/org-calendar";
import { availabilitySql, poolMembersOf, type AvailabilityRow, type PoolMember } from "./lead-availability.repository";

/*
 * The intake's SQL, kept to two round trips for most leads because every lead from every source passes here:
 * one read (`readDelivery`: the delivery's idempotency key, the client it may already be, the fallback owner and
 * the availability of its pool) and one statement (`writeLead`) that takes the seller's lock and writes the client,
 * contact, deal, stage visit, timeline, lead, assignment log, round-robin counter and notice together. The
 * organization's settings and rules come from intake-cache.ts.
 */

/** What the intake reads of the organization that only its admins change (kept in intake-cache.ts). */
export type IntakeSettings = {
  country: string;
  timeZone: string;
  workStart: string;
  workEnd: string;
  currency: string;
  departmentMode: string;
  remindAfterMinutes: number;
  reassignAfterMinutes: number;
  escalateAfterReassignments: number;
  thursdayOff: boolean;
  /** The admin's changes to the working-day calendar (M5.2) around today: SLA minutes skip a holiday the admin added. */
  calendarOverrides: DayOverride[];
  pipelineId: string | null;
  stageId: string | null;
};

export type IntakeContext = IntakeSettings & {
  /** Who holds a client nobody could take: the first active head of sales, else the first admin. */
  fallbackOwnerId: string | null;
};

const fallbackOwnerSql = (organization: SQL) => sql`(select m.user_id from memberships m
             where m.organization_id = ${organization} and m.status = 'active' and m.role in ('head_of_sales', 'admin')
             order by (m.role = 'head_of_sales') desc, m.created_at, m.user_id limit 1)`;

const textArray = (values: readonly string[]) =>
  values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;

const int = (value: unknown, fallback: number): number => (typeof value === "number" ? value : typeof value === "string" ? Number(value) : fallback);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

const settingsSql = (organizationId: string, extra: SQL) => sql`
    select o.country, o.time_zone, o.work_start, o.work_end, o.currency, o.department_mode,
           s.remind_after_minutes, s.reassign_after_minutes, s.escalate_after_reassignments, s.thursday_off,
           st.pipeline_id, st.id as stage_id,
           (select coalesce(json_agg(json_build_object('date', cd.day, 'kind', cd.kind)), '[]'::json) from calendar_days cd
             where cd.organization_id = o.id and cd.day between current_date - 400 and current_date + 800) as calendar_overrides${extra}
      from organizations o
      left join lead_settings s on s.organization_id = o.id
      left join lateral (
        select ps.id, ps.pipeline_id from pipelines p
          join pipeline_stages ps on ps.pipeline_id = p.id and ps.organization_id = p.organization_id and ps.archived_at is null
         where p.organization_id = o.id
         order by p.is_default desc, p.created_at, ps.position limit 1) st on true
     where o.id = ${organizationId}`;

const settingsOf = (row: Record<string, unknown>): IntakeSettings => ({
  country: String(row["country"]),
  timeZone: String(row["time_zone"]),
  workStart: String(row["work_start"]),
  workEnd: String(row["work_end"]),
  currency: String(row["currency"]),
  departmentMode: String(row["department_mode"]),
  remindAfterMinutes: int(row["remind_after_minutes"], 5),
  reassignAfterMinutes: int(row["reassign_after_minutes"], 15),
  escalateAfterReassignments: int(row["escalate_after_reassignments"], 2),
  thursdayOff: row["thursday_off"] === true,
  calendarOverrides: calendarOverridesOf(row["calendar_overrides"]),
  pipelineId: str(row["pipeline_id"]),
  stageId: str(row["stage_id"]),
});

export const loadIntakeContext = async (ex: Executor, organizationId: string): Promise<IntakeContext | undefined> => {
  const result = await ex.execute(settingsSql(organizationId, sql`, ${fallbackOwnerSql(sql`o.id`)} as fallback_owner_id`));
  const row = result.rows[0];
  if (!row) return undefined;
  return { ...settingsOf(row), fallbackOwnerId: str(row["fallback_owner_id"]) };
};

/** The organization's settings without who is in it (those are read with each lead). */
export const loadIntakeSettings = async (ex: Executor, organizationId: string): Promise<IntakeSettings | undefined> => {
  const result = await ex.execute(settingsSql(organizationId, sql``));
  const row = result.rows[0];
  return row ? settingsOf(row) : undefined;
};

export type ExistingDelivery = {
  id: string;
  companyId: string;
  dealId: string | null;
  assigneeId: string | null;
  route: string;
  status: string;
};

export type KnownClient = {
  companyId: string;
  ownerId: string;
  ownerActive: boolean;
  level: string | null;
  contactId: string | null;
};

export type DeliveryProbe = { sourceId: string; externalKey: string | null; phone: string | null; email: string | null; legalId: string | null };

/** The select list naming the lead a delivery already made and the client it names, for `findDeliveryAndClient` and `readDelivery`. */
const probeColumns = (organizationId: string, probe: DeliveryProbe): SQL => {
  const byKey = probe.externalKey
    ? sql`(select json_build_object('id', l.id, 'companyId', l.company_id, 'dealId', l.deal_id, 'assigneeId', l.assignee_id, 'route', l.route, 'status', l.status)
           from leads l where l.organization_id = ${organizationId} and l.source_id = ${probe.sourceId} and l.external_key = ${probe.externalKey})`
    : sql`null::json`;
  const byContact: SQL[] = [];
  if (probe.phone) byContact.push(sql`ct.phones @> array[${probe.phone}]::text[]`);
  if (probe.email) byContact.push(sql`ct.emails @> array[${probe.email}]::text[]`);
  // The phone and email indexes find the few candidates and the organization is checked on those: left indexable,
  // the organization's condition can be ANDed in as a bitmap of all its contacts (a plan the embedded database,
  // which has no autovacuum, keeps choosing on stale statistics), and each lead then reads every contact.
  const contactMatch = byContact.length
    ? sql`(select json_build_object('companyId', c.id, 'ownerId', c.owner_id, 'ownerActive', m.status = 'active', 'level', c.level, 'contactId', ct.id)
           from contacts ct join companies c on c.id = ct.company_id and c.organization_id = ct.organization_id
           left join memberships m on m.organization_id = c.organization_id and m.user_id = c.owner_id
           where ct.organization_id::text = ${organizationId}::text and (${sql.join(byContact, sql` or `)})
           order by c.created_at, c.id limit 1)`
    : sql`null::json`;
  const legalMatch = probe.legalId
    ? sql`(select json_build_object('companyId', c.id, 'ownerId', c.owner_id, 'ownerActive', m.status = 'active', 'level', c.level, 'contactId', null)
           from companies c left join memberships m on m.organization_id = c.organization_id and m.user_id = c.owner_id
           where c.organization_id = ${organizationId} and c.legal_id = ${probe.legalId})`
    : sql`null::json`;
  return sql`${byKey} as existing, ${legalMatch} as by_legal, ${contactMatch} as by_contact`;
};

/** The lead a delivery already made (same source and key), and the client its phone, email or legal id names. */
export const findDeliveryAndClient = async (
  ex: Executor,
  organizationId: string,
  probe: DeliveryProbe,
): Promise<{ existing: ExistingDelivery | null; client: KnownClient | null }> => {
  const result = await ex.execute(sql`select ${probeColumns(organizationId, probe)}`);
  const row = result.rows[0] ?? {};
  return { existing: parseExisting(row["existing"]), client: parseClient(row["by_legal"]) ?? parseClient(row["by_contact"]) };
};

/**
 * Everything a lead reads, in one statement: what `findDeliveryAndClient` answers, who holds a client nobody could
 * take, and the availability of the pool — the members `pool` (a condition on the membership `m`) picks, in the
 * order distribution reads them. Read before the seller is chosen and locked; the cap is checked again under
 * the lock by `writeLead`.
 */
export const readDelivery = async (
  ex: SqlRunner,
  organizationId: string,
  probe: DeliveryProbe,
  pool: { members: SQL; now: Date; calendar: WorkCalendar },
): Promise<{ existing: ExistingDelivery | null; client: KnownClient | null; fallbackOwnerId: string | null; pool: PoolMember[] }> => {
  const availability = availabilitySql(organizationId, pool.members, pool.now, pool.calendar, { openLeads: "up_to_cap" });
  const result = await ex.execute(sql`
    select ${probeColumns(organizationId, probe)}, ${fallbackOwnerSql(sql`${organizationId}`)} as fallback_owner_id,
           (select coalesce(json_agg(a order by lower(a.name), a.user_id), '[]'::json) from (${availability}) a) as pool`);
  const row = result.rows[0] ?? {};
  const rows = Array.isArray(row["pool"]) ? row["pool"].flatMap((r) => (isAvailabilityRow(r) ? [r] : [])) : [];
  return {
    existing: parseExisting(row["existing"]),
    client: parseClient(row["by_legal"]) ?? parseClient(row["by_contact"]),
    fallbackOwnerId: str(row["fallback_owner_id"]),
    pool: poolMembersOf(rows, pool.now, pool.calendar),
  };
};

export const isAvailabilityRow = (value: unknown): value is AvailabilityRow =>
  typeof value === "object" && value !== null && "user_id" in value && typeof value.user_id === "string";

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : null;

export const parseExisting = (value: unknown): ExistingDelivery | null => {
  const r = record(value);
  if (!r) return null;
  return {
    id: String(r["id"]),
    companyId: String(r["companyId"]),
    dealId: str(r["dealId"]),
    assigneeId: str(r["assigneeId"]),
    route: String(r["route"]),
    status: String(r["status"]),
  };
};

export const parseClient = (value: unknown): KnownClient | null => {
  const r = record(value);
  if (!r) return null;
  return {
    companyId: String(r["companyId"]),
    ownerId: String(r["ownerId"]),
    ownerActive: r["ownerActive"] === true,
    level: str(r["level"]),
    contactId: str(r["contactId"]),
  };
};

export type LeadWrite = {
  organizationId: string;
  now: Date;
  localDay: string;
  actorId: string | null;
  newCompany: {
    id: string;
    name: string;
    legalId: string | null;
    region: string | null;
    audience: string | null;
    channel: string | null;
    temperature: string;
    /** Three-level department: the client starts at its receiver's level (L1 when they have none). */
    levelFromOwner: boolean;
    searchText: string;
  } | null;
  newContact: { id: string; name: string; phones: string[]; emails: string[] } | null;
  companyId: string;
  ownerId: string;
  deal: { id: string; pipelineId: string; stageId: string; title: string; amountMinor: number; currency: string } | null;
  lead: {
    id: string;
    sourceId: string;
    externalKey: string | null;
    personName: string | null;
    companyName: string | null;
    phone: string | null;
    email: string | null;
    legalId: string | null;
    message: string | null;
    utm: Record<string, string>;
    referrer: string | null;
    pageUrl: string | null;
    channel: string | null;
    productId: string | null;
    productInterest: string | null;
    region: string | null;
    audience: string | null;
    temperature: string;
    amountMinor: number | null;
    extra: Record<string, string>;
    contactId: string | null;
    knownClient: boolean;
    status: string;
    assigneeId: string | null;
    route: string;
    ruleId: string | null;
    remindAt: Date | null;
    reassignAt: Date | null;
    ip: string | null;
  };
};

/**
 * What a write must hold before anything is written:
 * - `none`: nothing (the client's owner, the on-duty seller, the head, nobody);
 * - `lock`: the seller's membership, taken by the statement itself (`skipLocked`: give up at once when another
 *   assignment holds it) — for sellers without a cap, so the lead is one statement and needs no transaction;
 * - `cap`: fewer waiting leads than `cap`, counted by this statement — run it inside the transaction that has just
 *   locked the seller (`lockSeller`), so the count sees every lead committed before the lock was taken.
 */
export type WriteGuard =
  | { kind: "none" }
  | { kind: "lock"; userId: string; skipLocked: boolean }
  | { kind: "cap"; userId: string; cap: number };

/** `written`; `refused` when the guard did not hold (nothing written); `duplicate` when a delivery with the same key was committed first. */
export type WriteOutcome = "written" | "refused" | "duplicate";

const guardSql = (organizationId: string, guard: WriteGuard): SQL => {
  switch (guard.kind) {
    case "none":
      return sql`select 1`;
    case "lock":
      return sql`select 1 from memberships where organization_id = ${organizationId} and user_id = ${guard.userId} and status = 'active'
        for no key update ${guard.skipLocked ? sql`skip locked` : sql``}`;
    case "cap":
      return sql`select 1 where (select count(*) from leads
        where organization_id = ${organizationId} and assignee_id = ${guard.userId} and status = 'waiting') < ${guard.cap}`;
  }
};

/**
 * Writes a lead and everything it makes in one statement, once the guard holds. Every part is written from the
 * lead's row, so when the guard fails or a delivery with the same key was committed first nothing at all is
 * written — the statement is complete on its own, inside a transaction or not.
 */
export const writeLead = async (ex: SqlRunner, w: LeadWrite, guard: WriteGuard = { kind: "none" }): Promise<WriteOutcome> => {
  const org = w.organizationId;
  const l = w.lead;
  const d = w.deal;
  const parts: SQL[] = [sql`guard as materialized (${guardSql(org, guard)})`];
  parts.push(sql`new_lead as (
    insert into leads (id, organization_id, source_id, external_key, received_at, person_name, company_name, phone, email, legal_id, message, utm,
                       referrer, page_url, channel, product_id, product_interest, region, audience, temperature, amount_minor, extra,
                       company_id, contact_id, deal_id, known_client, status, assignee_id, assigned_at, route, rule_id, remind_at, reassign_at, ip, created_at)
    select ${l.id}::uuid, ${org}::uuid, ${l.sourceId}::uuid, ${l.externalKey}, ${w.now}::timestamptz, ${l.personName}, ${l.companyName}, ${l.phone}, ${l.email}, ${l.legalId},
            ${l.message}, ${JSON.stringify(l.utm)}::jsonb, ${l.referrer}, ${l.pageUrl}, ${l.channel}, ${l.productId}::uuid, ${l.productInterest},
            ${l.region}, ${l.audience}, ${l.temperature}, ${l.amountMinor}::bigint, ${JSON.stringify(l.extra)}::jsonb, ${w.companyId}::uuid, ${l.contactId}::uuid,
            ${d?.id ?? null}::uuid, ${l.knownClient}, ${l.status}, ${l.assigneeId}::uuid, ${l.assigneeId ? w.now : null}::timestamptz, ${l.route}, ${l.ruleId}::uuid,
            ${l.remindAt}::timestamptz, ${l.reassignAt}::timestamptz, ${l.ip}, ${w.now}::timestamptz
     where exists (select 1 from guard)
    on conflict (organization_id, source_id, external_key) where external_key is not null do nothing
    returning id)`);
  const c = w.newCompany;
  if (c) {
    const level = c.levelFromOwner
      ? sql`coalesce((select level from memberships where organization_id = ${org} and user_id = ${w.ownerId}), 'L1')`
      : sql`null`;
    parts.push(sql`new_company as (
      insert into companies (id, organization_id, name, legal_id, region, audience, channel, status, temperature, level, level_entered_at,
                             owner_id, search_text, created_at, updated_at, last_activity_at)
      select ${c.id}::uuid, ${org}::uuid, ${c.name}, ${c.legalId}, ${c.region}, ${c.audience}, ${c.channel}, 'new', ${c.temperature}, ${level},
              ${c.levelFromOwner ? w.now : null}::timestamptz, ${w.ownerId}::uuid, ${c.searchText}, ${w.now}::timestamptz, ${w.now}::timestamptz, null
        from new_lead)`);
    parts.push(sql`created_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, lead_id)
      select ${org}::uuid, ${c.id}::uuid, 'created', ${w.now}::timestamptz, ${w.actorId}::uuid, id from new_lead)`);
  }
  const ct = w.newContact;
  if (ct) {
    parts.push(sql`new_contact as (
      insert into contacts (id, organization_id, company_id, name, phones, emails, created_at, updated_at)
      select ${ct.id}::uuid, ${org}::uuid, ${w.companyId}::uuid, ${ct.name}, ${textArray(ct.phones)}, ${textArray(ct.emails)}, ${w.now}::timestamptz, ${w.now}::timestamptz
        from new_lead)`);
  }
  if (d) {
    // The deal's channel (the funnel by channel): a new client's is given here, as a trigger may not see a company this
    // statement inserts; a known client's is read by the deal's trigger. The visit copies what the deal returns.
    const dealChannel = c ? (c.channel ?? "") : null;
    parts.push(sql`new_deal as (
      insert into deals (id, organization_id, company_id, pipeline_id, stage_id, title, amount_minor, currency, owner_id, channel, stage_entered_at, created_at, updated_at)
      select ${d.id}::uuid, ${org}::uuid, ${w.companyId}::uuid, ${d.pipelineId}::uuid, ${d.stageId}::uuid, ${d.title}, ${d.amountMinor}::bigint, ${d.currency},
             ${w.ownerId}::uuid, ${dealChannel}::text, ${w.now}::timestamptz, ${w.now}::timestamptz, ${w.now}::timestamptz
        from new_lead
      returning channel)`);
    parts.push(sql`new_visit as (
      insert into deal_stage_visits (organization_id, deal_id, stage_id, entered_at, moved_by_id, owner_id, channel)
      select ${org}::uuid, ${d.id}::uuid, ${d.stageId}::uuid, ${w.now}::timestamptz, ${w.actorId}::uuid, ${w.ownerId}::uuid, channel from new_deal)`);
    parts.push(sql`deal_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, deal_id)
      select ${org}::uuid, ${w.companyId}::uuid, 'deal_created', ${w.now}::timestamptz, ${w.actorId}::uuid, ${d.id}::uuid from new_lead)`);
  }
  parts.push(sql`lead_event as (
    insert into timeline_events (organization_id, company_id, kind, at, actor_id, lead_id, deal_id)
    select ${org}::uuid, ${w.companyId}::uuid, 'lead_received', ${w.now}::timestamptz, ${w.actorId}::uuid, id, ${d?.id ?? null}::uuid from new_lead)`);
  parts.push(sql`assignment as (
    insert into lead_assignments (organization_id, lead_id, from_user_id, to_user_id, route, cause, actor_id, at)
    select ${org}::uuid, id, null, ${l.assigneeId}::uuid, ${l.route}, 'distribution', ${w.actorId}::uuid, ${w.now}::timestamptz from new_lead)`);
  if (l.assigneeId) {
    parts.push(sql`counter as (
      insert into lead_assign_counters (organization_id, user_id, day, assigned, last_assigned_at)
      select ${org}::uuid, ${l.assigneeId}::uuid, ${w.localDay}::date, 1, ${w.now}::timestamptz from new_lead
      on conflict (organization_id, user_id, day)
      do update set assigned = lead_assign_counters.assigned + 1, last_assigned_at = excluded.last_assigned_at)`);
    parts.push(sql`notice as (
      insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
      select ${org}::uuid, ${l.assigneeId}::uuid, 'lead_assigned', ${w.companyId}::uuid, id, ${w.now}::timestamptz from new_lead)`);
  } else if (w.ownerId) {
    parts.push(sql`notice as (
      insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
      select ${org}::uuid, ${w.ownerId}::uuid, 'lead_unassigned', ${w.companyId}::uuid, id, ${w.now}::timestamptz from new_lead)`);
  }
  const result = await ex.execute(
    sql`with ${sql.join(parts, sql`, `)} select (select count(*)::int from guard) as guarded, (select count(*)::int from new_lead) as written`,
  );
  const row = result.rows[0];
  if (Number(row?.["guarded"] ?? 0) === 0) return "refused";
  return Number(row?.["written"] ?? 0) === 1 ? "written" : "duplicate";
};

/** The waiting leads a seller holds now, read after their row is locked (the cap's exact count). */
export const countWaitingLeads = async (ex: Executor, organizationId: string, userId: string): Promise<number> => {
  const result = await ex.execute(
    sql`select count(*)::int as n from leads where organization_id = ${organizationId} and assignee_id = ${userId} and status = 'waiting'`,
  );
  return Number(result.rows[0]?.["n"] ?? 0);
};

/**
 * Locks a seller's membership for this assignment. `skipLocked`: give up at once when another
 * assignment holds it (the caller tries the next seller); otherwise wait for it.
 */
export const lockSeller = async (ex: Executor, organizationId: string, userId: string, skipLocked: boolean): Promise<boolean> => {
  const result = await ex.execute(
    sql`select 1 from memberships where organization_id = ${organizationId} and user_id = ${userId} and status = 'active'
        for no key update ${skipLocked ? sql`skip locked` : sql``}`,
  );
  return result.rows.length > 0;
};

/** The organization's enabled routing rules in the domain's shape, by position (M5.5). */
export const enabledRoutingRules = async (ex: Executor, organizationId: string): Promise<RoutingRule[]> => {
  const result = await ex.execute(sql`
    select id, position, conditions, target_team_id, target_user_ids from lead_routing_rules
     where organization_id = ${organizationId} and enabled order by position, id`);
  return result.rows.flatMap((row) => {
    const conditions = routingConditionsSchema.safeParse(row["conditions"]);
    if (!conditions.success) return [];
    const userIds = Array.isArray(row["target_user_ids"]) ? row["target_user_ids"].map(String) : [];
    return [
      {
        id: String(row["id"]),
        position: int(row["position"], 0),
        enabled: true,
        conditions: conditions.data,
        target: { teamId: str(row["target_team_id"]), userIds },
      },
    ];
  });
};

export type SourceRow = {
  id: string;
  organizationId: string;
  name: string;
  kind: string;
  channel: string | null;
  defaultTemperature: string;
  enabled: boolean;
  secret: string | null;
  config: unknown;
};

export const sourceOf = (row: Record<string, unknown>): SourceRow => ({
  id: String(row["id"]),
  organizationId: String(row["organization_id"]),
  name: String(row["name"]),
  kind: String(row["kind"]),
  channel: str(row["channel"]),
  defaultTemperature: String(row["default_temperature"]),
  enabled: row["enabled"] === true,
  secret: str(row["secret"]),
  config: row["config"],
});

/** A webhook's or a form's source by its public key: the key names the organization too. */
export const findSourceByPublicKey = async (ex: Executor, publicKey: string): Promise<SourceRow | undefined> => {
  const result = await ex.execute(sql`select * from lead_sources where public_key = ${publicKey}`);
  const row = result.rows[0];
  return row ? sourceOf(row) : undefined;
};

export const findSourceById = async (ex: Executor, organizationId: string, id: string): Promise<SourceRow | undefined> => {
  const result = await ex.execute(sql`select * from lead_sources where organization_id = ${organizationId} and id = ${id}`);
  const row = result.rows[0];
  return row ? sourceOf(row) : undefined;
};

/** The organization's oldest source of a kind (the manual one for typed-in leads). */
export const findSourceOfKind = async (ex: Executor, organizationId: string, kind: string): Promise<SourceRow | undefined> => {
  const result = await ex.execute(
    sql`select * from lead_sources where organization_id = ${organizationId} and kind = ${kind} order by created_at, id limit 1`,
  );
  const row = result.rows[0];
  return row ? sourceOf(row) : undefined;
};

/** A product's group, for rules on product groups. */
export const productGroupOf = async (ex: Executor, organizationId: string, productId: string): Promise<{ exists: boolean; groupId: string | null }> => {
  const result = await ex.execute(sql`select group_id from products where organization_id = ${organizationId} and id = ${productId}`);
  const row = result.rows[0];
  return row ? { exists: true, groupId: str(row["group_id"]) } : { exists: false, groupId: null };
};
