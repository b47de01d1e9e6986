import { routingConditionsSchema } from "@conveyor/contracts";
import type { RoutingRule } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";

/*
 * The intake's SQL, kept to a few round trips because every lead from every source passes here:
 * one read of the organization's context, one for the delivery's idempotency key and the client it
 * may already be, and one statement that writes the client, contact, deal, stage visit, timeline,
 * lead, assignment log, round-robin counter and notice together.
 */

export type IntakeContext = {
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
  pipelineId: string | null;
  stageId: string | null;
  /** Who holds a client nobody could take: the first active head of sales, else the first admin. */
  fallbackOwnerId: string | null;
};

const textArray = (values: readonly string[]) =>
  values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;

const int = (value: unknown, fallback: number): number => (typeof value === "number" ? value : typeof value === "string" ? Number(value) : fallback);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

export const loadIntakeContext = async (ex: Executor, organizationId: string): Promise<IntakeContext | undefined> => {
  const result = await ex.execute(sql`
    select o.country, o.time_zone, o.work_start, o.work_end, o.currency, o.department_mode,
           s.remind_after_minutes, s.reassign_after_minutes, s.escalate_after_reassignments, s.thursday_off,
           st.pipeline_id, st.id as stage_id,
           (select m.user_id from memberships m
             where m.organization_id = o.id and m.status = 'active' and m.role in ('head_of_sales', 'admin')
             order by (m.role = 'head_of_sales') desc, m.created_at, m.user_id limit 1) as fallback_owner_id
      from organizations o
      left join lead_settings s on s.organization_id = o.id
      left join lateral (
        select ps.id, ps.pipeline_id from pipelines p
          join pipeline_stages ps on ps.pipeline_id = p.id and ps.organization_id = p.organization_id and ps.archived_at is null
         where p.organization_id = o.id
         order by p.is_default desc, p.created_at, ps.position limit 1) st on true
     where o.id = ${organizationId}`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
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
    pipelineId: str(row["pipeline_id"]),
    stageId: str(row["stage_id"]),
    fallbackOwnerId: str(row["fallback_owner_id"]),
  };
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

/** The lead a delivery already made (same source and key), and the client its phone, email or legal id names. */
export const findDeliveryAndClient = async (
  ex: Executor,
  organizationId: string,
  probe: { sourceId: string; externalKey: string | null; phone: string | null; email: string | null; legalId: string | null },
): Promise<{ existing: ExistingDelivery | null; client: KnownClient | null }> => {
  const byKey = probe.externalKey
    ? sql`(select json_build_object('id', l.id, 'companyId', l.company_id, 'dealId', l.deal_id, 'assigneeId', l.assignee_id, 'route', l.route, 'status', l.status)
           from leads l where l.organization_id = ${organizationId} and l.source_id = ${probe.sourceId} and l.external_key = ${probe.externalKey})`
    : sql`null::json`;
  const byContact: ReturnType<typeof sql>[] = [];
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
  const result = await ex.execute(sql`select ${byKey} as existing, ${legalMatch} as by_legal, ${contactMatch} as by_contact`);
  const row = result.rows[0] ?? {};
  return { existing: parseExisting(row["existing"]), client: parseClient(row["by_legal"]) ?? parseClient(row["by_contact"]) };
};

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : null;

const parseExisting = (value: unknown): ExistingDelivery | null => {
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

const parseClient = (value: unknown): KnownClient | null => {
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
 * Writes a lead and everything it makes in one statement. Returns false when a delivery with the same
 * key was committed first (the caller rolls back and answers with that lead).
 */
export const writeLead = async (ex: Executor, w: LeadWrite): Promise<boolean> => {
  const org = w.organizationId;
  const l = w.lead;
  const parts: ReturnType<typeof sql>[] = [];
  const c = w.newCompany;
  if (c) {
    const level = c.levelFromOwner
      ? sql`coalesce((select level from memberships where organization_id = ${org} and user_id = ${w.ownerId}), 'L1')`
      : sql`null`;
    parts.push(sql`new_company as (
      insert into companies (id, organization_id, name, legal_id, region, audience, channel, status, temperature, level, level_entered_at,
                             owner_id, search_text, created_at, updated_at, last_activity_at)
      values (${c.id}, ${org}, ${c.name}, ${c.legalId}, ${c.region}, ${c.audience}, ${c.channel}, 'new', ${c.temperature}, ${level},
              ${c.levelFromOwner ? w.now : null}, ${w.ownerId}, ${c.searchText}, ${w.now}, ${w.now}, null))`);
    parts.push(sql`created_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, lead_id)
      values (${org}, ${c.id}, 'created', ${w.now}, ${w.actorId}, ${l.id}))`);
  }
  const ct = w.newContact;
  if (ct) {
    parts.push(sql`new_contact as (
      insert into contacts (id, organization_id, company_id, name, phones, emails, created_at, updated_at)
      values (${ct.id}, ${org}, ${w.companyId}, ${ct.name}, ${textArray(ct.phones)}, ${textArray(ct.emails)}, ${w.now}, ${w.now}))`);
  }
  const d = w.deal;
  if (d) {
    parts.push(sql`new_deal as (
      insert into deals (id, organization_id, company_id, pipeline_id, stage_id, title, amount_minor, currency, owner_id, stage_entered_at, created_at, updated_at)
      values (${d.id}, ${org}, ${w.companyId}, ${d.pipelineId}, ${d.stageId}, ${d.title}, ${d.amountMinor}, ${d.currency}, ${w.ownerId}, ${w.now}, ${w.now}, ${w.now}))`);
    parts.push(sql`new_visit as (
      insert into deal_stage_visits (organization_id, deal_id, stage_id, entered_at, moved_by_id)
      values (${org}, ${d.id}, ${d.stageId}, ${w.now}, ${w.actorId}))`);
  }
  parts.push(sql`new_lead as (
    insert into leads (id, organization_id, source_id, external_key, received_at, person_name, company_name, phone, email, legal_id, message, utm,
                       referrer, page_url, channel, product_id, product_interest, region, audience, temperature, amount_minor, extra,
                       company_id, contact_id, deal_id, known_client, status, assignee_id, assigned_at, route, rule_id, remind_at, reassign_at, ip, created_at)
    values (${l.id}, ${org}, ${l.sourceId}, ${l.externalKey}, ${w.now}, ${l.personName}, ${l.companyName}, ${l.phone}, ${l.email}, ${l.legalId},
            ${l.message}, ${JSON.stringify(l.utm)}::jsonb, ${l.referrer}, ${l.pageUrl}, ${l.channel}, ${l.productId}, ${l.productInterest},
            ${l.region}, ${l.audience}, ${l.temperature}, ${l.amountMinor}, ${JSON.stringify(l.extra)}::jsonb, ${w.companyId}, ${l.contactId},
            ${d?.id ?? null}, ${l.knownClient}, ${l.status}, ${l.assigneeId}, ${l.assigneeId ? w.now : null}, ${l.route}, ${l.ruleId},
            ${l.remindAt}, ${l.reassignAt}, ${l.ip}, ${w.now})
    on conflict (organization_id, source_id, external_key) where external_key is not null do nothing
    returning id)`);
  parts.push(sql`lead_event as (
    insert into timeline_events (organization_id, company_id, kind, at, actor_id, lead_id, deal_id)
    values (${org}, ${w.companyId}, 'lead_received', ${w.now}, ${w.actorId}, ${l.id}, ${d?.id ?? null}))`);
  if (d) {
    parts.push(sql`deal_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, deal_id)
      values (${org}, ${w.companyId}, 'deal_created', ${w.now}, ${w.actorId}, ${d.id}))`);
  }
  parts.push(sql`assignment as (
    insert into lead_assignments (organization_id, lead_id, from_user_id, to_user_id, route, cause, actor_id, at)
    select ${org}, id, null, ${l.assigneeId}, ${l.route}, 'distribution', ${w.actorId}, ${w.now} from new_lead)`);
  if (l.assigneeId) {
    parts.push(sql`counter as (
      insert into lead_assign_counters (organization_id, user_id, day, assigned, last_assigned_at)
      select ${org}, ${l.assigneeId}, ${w.localDay}, 1, ${w.now} from new_lead
      on conflict (organization_id, user_id, day)
      do update set assigned = lead_assign_counters.assigned + 1, last_assigned_at = excluded.last_assigned_at)`);
    parts.push(sql`notice as (
      insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
      select ${org}, ${l.assigneeId}, 'lead_assigned', ${w.companyId}, id, ${w.now} from new_lead)`);
  } else if (w.ownerId) {
    parts.push(sql`notice as (
      insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
      select ${org}, ${w.ownerId}, 'lead_unassigned', ${w.companyId}, id, ${w.now} from new_lead)`);
  }
  const result = await ex.execute(sql`with ${sql.join(parts, sql`, `)} select count(*)::int as written from new_lead`);
  return Number(result.rows[0]?.["written"] ?? 0) === 1;
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
