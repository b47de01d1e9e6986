import type { WorkCalendar } from "@conveyor/domain";
import { sql, type SQL } from "drizzle-orm";
import type { SqlRunner } from "../db/prepared";
import { availabilitySql, poolMembersOf, type PoolMember } from "./lead-availability.repository";
import {
  isAvailabilityRow,
  parseClient,
  parseExisting,
  type DeliveryProbe,
  type ExistingDelivery,
  type KnownClient,
  type LeadWrite,
} from "./lead-intake.repository";

/*
 * The intake's SQL for a batch of leads written in one transaction (the group commit of
 * commands/receive-lead-batch.ts): what `readDelivery` and `writeLead` in lead-intake.repository.ts do for one lead,
 * for many at once — one read, one lock statement and one write, whatever the number of leads. The leads travel as
 * one JSON parameter, so each statement has one text and stays prepared.
 */

export type FoundDelivery = { existing: ExistingDelivery | null; client: KnownClient | null };

/** A pool whose availability the batch reads: its key, and the members it picks (a condition on the membership `m`). */
export type PoolQuery = { key: string; members: SQL };

/**
 * For each probe, in order, the lead a delivery already made and the client its legal id, phone or email names
 * (as `findDeliveryAndClient`); and the members of each pool with their availability, read once for the whole batch.
 */
export const readDeliveries = async (
  ex: SqlRunner,
  organizationId: string,
  probes: readonly DeliveryProbe[],
  pools: readonly PoolQuery[],
  at: { now: Date; calendar: WorkCalendar },
): Promise<{ found: FoundDelivery[]; pools: Map<string, PoolMember[]> }> => {
  const rows = JSON.stringify(
    probes.map((p, n) => ({ n, source_id: p.sourceId, external_key: p.externalKey, phone: p.phone, email: p.email, legal_id: p.legalId })),
  );
  // The availability of everyone in any of the pools is read once; each pool then names its members.
  const anyPool = pools.length ? sql`(${sql.join(pools.map((pool) => pool.members), sql` or `)})` : sql`false`;
  const poolColumns = pools.map(
    (pool, i) => sql`, (select coalesce(json_agg(m.user_id), '[]'::json) from memberships m
        where m.organization_id = ${organizationId} and ${pool.members}) as ${sql.raw(`pool_${i}`)}`,
  );
  // As in `probeColumns`: the contact is found by the phone and email indexes and the organization checked on the few
  // candidates; an absent phone or email is `array[null]`, which contains nothing.
  const result = await ex.execute(sql`
    select (select coalesce(json_agg(json_build_object(
             'existing', (select json_build_object('id', l.id, 'companyId', l.company_id, 'dealId', l.deal_id, 'assigneeId', l.assignee_id,
                                                   'route', l.route, 'status', l.status)
                            from leads l where l.organization_id = ${organizationId} and l.source_id = p.source_id and l.external_key = p.external_key),
             'byLegal', (select json_build_object('companyId', c.id, 'ownerId', c.owner_id, 'ownerActive', m.status = 'active', 'level', c.level, 'contactId', null)
                           from companies c left join memberships m on m.organization_id = c.organization_id and m.user_id = c.owner_id
                          where c.organization_id = ${organizationId} and c.legal_id = p.legal_id),
             'byContact', (select json_build_object('companyId', c.id, 'ownerId', c.owner_id, 'ownerActive', m.status = 'active', 'level', c.level, 'contactId', ct.id)
                             from contacts ct join companies c on c.id = ct.company_id and c.organization_id = ct.organization_id
                             left join memberships m on m.organization_id = c.organization_id and m.user_id = c.owner_id
                            where ct.organization_id::text = ${organizationId}::text
                              and (ct.phones @> array[p.phone]::text[] or ct.emails @> array[p.email]::text[])
                            order by c.created_at, c.id limit 1)) order by p.n), '[]'::json)
              from jsonb_to_recordset(${rows}::jsonb) as p(n int, source_id uuid, external_key text, phone text, email text, legal_id text)) as found
           , (select coalesce(json_agg(a order by lower(a.name), a.user_id), '[]'::json)
                from (${availabilitySql(organizationId, anyPool, at.now, at.calendar, { openLeads: "up_to_cap" })}) a) as available
           ${sql.join(poolColumns, sql``)}`);
  const row = result.rows[0] ?? {};
  const found = (Array.isArray(row["found"]) ? row["found"] : []).map((value: unknown): FoundDelivery => {
    const r = typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value)) : {};
    return { existing: parseExisting(r["existing"]), client: parseClient(r["byLegal"]) ?? parseClient(r["byContact"]) };
  });
  if (found.length !== probes.length) throw new Error(`The batch read answered ${found.length} deliveries of ${probes.length}`);
  const available = poolMembersOf(Array.isArray(row["available"]) ? row["available"].flatMap((r) => (isAvailabilityRow(r) ? [r] : [])) : [], at.now, at.calendar);
  const members = new Map(
    pools.map((pool, i) => {
      const value = row[`pool_${i}`];
      const ids = new Set(Array.isArray(value) ? value.map(String) : []);
      return [pool.key, available.filter((member) => ids.has(member.userId))];
    }),
  );
  return { found, pools: members };
};

/**
 * Locks the memberships of the sellers a batch gives leads to, in the order of their ids — every batch takes them in
 * that order and waits, so two batches never wait for each other. Answers the sellers locked: an inactive one is not.
 */
export const lockSellers = async (tx: SqlRunner, organizationId: string, userIds: readonly string[]): Promise<Set<string>> => {
  const result = await tx.execute(sql`
    select m.user_id from memberships m
     where m.organization_id = ${organizationId} and m.status = 'active'
       and m.user_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))
     order by m.user_id
       for no key update`);
  return new Set(result.rows.map((r) => String(r["user_id"])));
};

/** A capped seller of the batch: their cap, and the waiting leads the batch gives them. */
export type CapCheck = { userId: string; cap: number; taking: number };

const toJson = (w: LeadWrite) => {
  const l = w.lead;
  const c = w.newCompany;
  const ct = w.newContact;
  const d = w.deal;
  return {
    lead_id: l.id,
    source_id: l.sourceId,
    external_key: l.externalKey,
    received_at: w.now.toISOString(),
    local_day: w.localDay,
    actor_id: w.actorId,
    person_name: l.personName,
    company_name: l.companyName,
    phone: l.phone,
    email: l.email,
    legal_id: l.legalId,
    message: l.message,
    utm: l.utm,
    referrer: l.referrer,
    page_url: l.pageUrl,
    channel: l.channel,
    product_id: l.productId,
    product_interest: l.productInterest,
    region: l.region,
    audience: l.audience,
    temperature: l.temperature,
    amount_minor: l.amountMinor,
    extra: l.extra,
    company_id: w.companyId,
    contact_id: l.contactId,
    known_client: l.knownClient,
    status: l.status,
    assignee_id: l.assigneeId,
    route: l.route,
    rule_id: l.ruleId,
    remind_at: l.remindAt?.toISOString() ?? null,
    reassign_at: l.reassignAt?.toISOString() ?? null,
    ip: l.ip,
    owner_id: w.ownerId,
    new_company: c !== null,
    client_name: c?.name ?? null,
    client_legal_id: c?.legalId ?? null,
    client_region: c?.region ?? null,
    client_audience: c?.audience ?? null,
    client_channel: c?.channel ?? null,
    client_temperature: c?.temperature ?? null,
    level_from_owner: c?.levelFromOwner ?? false,
    search_text: c?.searchText ?? null,
    new_contact_id: ct?.id ?? null,
    contact_name: ct?.name ?? null,
    contact_phones: ct?.phones ?? [],
    contact_emails: ct?.emails ?? [],
    deal_id: d?.id ?? null,
    pipeline_id: d?.pipelineId ?? null,
    stage_id: d?.stageId ?? null,
    deal_title: d?.title ?? null,
    deal_amount_minor: d?.amountMinor ?? null,
    currency: d?.currency ?? null,
    // As in `writeLead`: a new client's channel is given, a known client's is read by the deal's trigger.
    deal_channel: d && c ? (c.channel ?? "") : null,
  };
};

const batchColumns = sql.raw(`lead_id uuid, source_id uuid, external_key text, received_at timestamptz, local_day date, actor_id uuid,
    person_name text, company_name text, phone text, email text, legal_id text, message text, utm jsonb, referrer text, page_url text,
    channel text, product_id uuid, product_interest text, region text, audience text, temperature text, amount_minor bigint, extra jsonb,
    company_id uuid, contact_id uuid, known_client boolean, status text, assignee_id uuid, route text, rule_id uuid,
    remind_at timestamptz, reassign_at timestamptz, ip text, owner_id uuid,
    new_company boolean, client_name text, client_legal_id text, client_region text, client_audience text, client_channel text,
    client_temperature text, level_from_owner boolean, search_text text,
    new_contact_id uuid, contact_name text, contact_phones text[], contact_emails text[],
    deal_id uuid, pipeline_id uuid, stage_id uuid, deal_title text, deal_amount_minor bigint, currency text, deal_channel text`);

/**
 * Writes the batch's leads and everything each makes — what `writeLead` writes for one — in one statement, once no
 * capped seller would pass their cap: their waiting leads, counted by this statement (run it after `lockSellers`,
 * in the same transaction), and the batch's own. `guarded` false: nothing was written. A lead missing from `written`
 * met a delivery with the same key committed first, and wrote nothing.
 */
export const writeLeads = async (
  tx: SqlRunner,
  organizationId: string,
  writes: readonly LeadWrite[],
  caps: readonly CapCheck[],
): Promise<{ guarded: boolean; written: Set<string> }> => {
  const org = organizationId;
  const result = await tx.execute(sql`
    with batch as materialized (select * from jsonb_to_recordset(${JSON.stringify(writes.map(toJson))}::jsonb) as b(${batchColumns})),
    guard as materialized (
      select 1 where not exists (
        select 1 from jsonb_to_recordset(${JSON.stringify(caps.map((k) => ({ user_id: k.userId, cap: k.cap, taking: k.taking })))}::jsonb)
               as k(user_id uuid, cap int, taking int)
         where (select count(*) from leads l where l.organization_id = ${org} and l.assignee_id = k.user_id and l.status = 'waiting') + k.taking > k.cap)),
    new_lead as (
      insert into leads (id, organization_id, source_id, external_key, received_at, person_name, company_name, phone, email, legal_id, message, utm,
                         referrer, page_url, channel, product_id, product_interest, region, audience, temperature, amount_minor, extra,
                         company_id, contact_id, deal_id, known_client, status, assignee_id, assigned_at, route, rule_id, remind_at, reassign_at, ip, created_at)
      select b.lead_id, ${org}::uuid, b.source_id, b.external_key, b.received_at, b.person_name, b.company_name, b.phone, b.email, b.legal_id,
             b.message, b.utm, b.referrer, b.page_url, b.channel, b.product_id, b.product_interest,
             b.region, b.audience, b.temperature, b.amount_minor, b.extra, b.company_id, b.contact_id,
             b.deal_id, b.known_client, b.status, b.assignee_id, case when b.assignee_id is not null then b.received_at end, b.route, b.rule_id,
             b.remind_at, b.reassign_at, b.ip, b.received_at
        from batch b
       where exists (select 1 from guard)
      on conflict (organization_id, source_id, external_key) where external_key is not null do nothing
      returning id),
    written as materialized (select b.* from batch b join new_lead n on n.id = b.lead_id),
    new_company as (
      insert into companies (id, organization_id, name, legal_id, region, audience, channel, status, temperature, level, level_entered_at,
                             owner_id, search_text, created_at, updated_at, last_activity_at)
      select w.company_id, ${org}::uuid, w.client_name, w.client_legal_id, w.client_region, w.client_audience, w.client_channel, 'new', w.client_temperature,
             case when w.level_from_owner
                  then coalesce((select o.level from memberships o where o.organization_id = ${org} and o.user_id = w.owner_id), 'L1') end,
             case when w.level_from_owner then w.received_at end, w.owner_id, w.search_text, w.received_at, w.received_at, null
        from written w where w.new_company),
    created_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, lead_id)
      select ${org}::uuid, w.company_id, 'created', w.received_at, w.actor_id, w.lead_id from written w where w.new_company),
    new_contact as (
      insert into contacts (id, organization_id, company_id, name, phones, emails, created_at, updated_at)
      select w.new_contact_id, ${org}::uuid, w.company_id, w.contact_name, w.contact_phones, w.contact_emails, w.received_at, w.received_at
        from written w where w.new_contact_id is not null),
    new_deal as (
      insert into deals (id, organization_id, company_id, pipeline_id, stage_id, title, amount_minor, currency, owner_id, channel, stage_entered_at, created_at, updated_at)
      select w.deal_id, ${org}::uuid, w.company_id, w.pipeline_id, w.stage_id, w.deal_title, w.deal_amount_minor, w.currency,
             w.owner_id, w.deal_channel, w.received_at, w.received_at, w.received_at
        from written w where w.deal_id is not null
      returning id, channel),
    new_visit as (
      insert into deal_stage_visits (organization_id, deal_id, stage_id, entered_at, moved_by_id, owner_id, channel)
      select ${org}::uuid, w.deal_id, w.stage_id, w.received_at, w.actor_id, w.owner_id, d.channel from written w join new_deal d on d.id = w.deal_id),
    deal_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, deal_id)
      select ${org}::uuid, w.company_id, 'deal_created', w.received_at, w.actor_id, w.deal_id from written w where w.deal_id is not null),
    lead_event as (
      insert into timeline_events (organization_id, company_id, kind, at, actor_id, lead_id, deal_id)
      select ${org}::uuid, w.company_id, 'lead_received', w.received_at, w.actor_id, w.lead_id, w.deal_id from written w),
    assignment as (
      insert into lead_assignments (organization_id, lead_id, from_user_id, to_user_id, route, cause, actor_id, at)
      select ${org}::uuid, w.lead_id, null, w.assignee_id, w.route, 'distribution', w.actor_id, w.received_at from written w),
    counter as (
      insert into lead_assign_counters (organization_id, user_id, day, assigned, last_assigned_at)
      select ${org}::uuid, w.assignee_id, w.local_day, count(*), max(w.received_at) from written w where w.assignee_id is not null
       group by w.assignee_id, w.local_day
      on conflict (organization_id, user_id, day)
      do update set assigned = lead_assign_counters.assigned + excluded.assigned,
                    last_assigned_at = greatest(lead_assign_counters.last_assigned_at, excluded.last_assigned_at)),
    notice as (
      insert into notifications (organization_id, user_id, kind, company_id, lead_id, created_at)
      select ${org}::uuid, coalesce(w.assignee_id, w.owner_id), case when w.assignee_id is not null then 'lead_assigned' else 'lead_unassigned' end,
             w.company_id, w.lead_id, w.received_at
        from written w where coalesce(w.assignee_id, w.owner_id) is not null)
    select (select count(*)::int from guard) as guarded, (select coalesce(json_agg(id), '[]'::json) from new_lead) as written`);
  const row = result.rows[0];
  const written = Array.isArray(row?.["written"]) ? row["written"].map(String) : [];
  return { guarded: Number(row?.["guarded"] ?? 0) > 0, written: new Set(written) };
};
