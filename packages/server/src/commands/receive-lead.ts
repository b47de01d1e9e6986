import { randomUUID } from "node:crypto";
import { countrySchema, type LeadInput, type LeadReceipt, type LeadStatus } from "@conveyor/contracts";
import { leadRouteSchema, leadStatusSchema } from "@conveyor/contracts";
import { firstMatchingRule, localDateOf, slaDeadlines, type LeadFacts } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { preparedStatements } from "../db/prepared";
import { AppError, notFound } from "../http/app-error";
import { cachedIntake, type CachedIntake } from "../repositories/intake-cache";
import { defaultPoolCondition, ruleTargetCondition } from "../repositories/lead-availability.repository";
import {
  enabledRoutingRules,
  findDeliveryAndClient,
  loadIntakeSettings,
  lockSeller,
  readDelivery,
  writeLead,
  type ExistingDelivery,
  type WriteOutcome,
} from "../repositories/lead-intake.repository";
import { toE164 } from "../security/phones";
import { distributeLead, loadFallback, type Assignment, type Placement } from "./assign-lead";
import { organizationWorkCalendar } from "../kpi/org-calendar";
import { companySearchText, normalizeLegalId } from "./company-input";

/** The source a delivery came through, as the intake needs it. */
export type IntakeSource = { id: string; name: string; kind: string; channel: string | null; defaultTemperature: string; enabled: boolean };

export type LeadDelivery = {
  organizationId: string;
  source: IntakeSource;
  input: LeadInput;
  /** `Idempotency-Key`, else the source's own id, else a mail's Message-ID. */
  idempotencyKey?: string | null;
  ip?: string | null;
  /** The person who typed the lead in (manual entry); null for machines. */
  actorId?: string | null;
  /** The product group of the lead's product, when routing needs it. */
  productGroupId?: string | null;
};

/** The organization's settings, calendar and rules, as kept by intake-cache.ts. */
const loadIntake = async (ex: Executor, organizationId: string): Promise<CachedIntake | undefined> => {
  const [settings, rules] = await Promise.all([loadIntakeSettings(ex, organizationId), enabledRoutingRules(ex, organizationId)]);
  return settings ? { settings, calendar: organizationWorkCalendar(settings), rules } : undefined;
};

const placementOf = (outcome: WriteOutcome, refused: Placement): Placement => {
  switch (outcome) {
    case "written":
      return "placed";
    case "duplicate":
      return "duplicate";
    case "refused":
      return refused;
  }
};

const receipt = (lead: ExistingDelivery, duplicate: boolean): LeadReceipt => ({
  id: lead.id,
  duplicate,
  companyId: lead.companyId,
  dealId: lead.dealId,
  assigneeId: lead.assigneeId,
  route: leadRouteSchema.parse(lead.route),
  status: leadStatusSchema.parse(lead.status),
});

const invalidPhone = (raw: string) =>
  new AppError("validation_failed", "The phone number is not valid", {
    errors: [{ field: "phone", code: "invalid_phone", message: `Not a valid phone number: ${raw}` }],
  });

const temperatureOf = (value: string | undefined, fallback: string): "cold" | "warm" | "hot" => {
  const t = value ?? fallback;
  return t === "hot" || t === "warm" ? t : "cold";
};

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * M5.5: a lead from any source becomes a deal in front of the right seller, atomically — a new client (or the one
 * its phone, email or legal id already names), its contact, a deal in the first stage, the lead with its
 * speed-to-lead timers, the assignment and a notice to the seller. A delivery seen before (same source and
 * idempotency key) answers with the lead it made and changes nothing, even when both arrive at once.
 *
 * Most leads take two statements: one read (`readDelivery`) and one write that locks the chosen seller itself
 * (`writeLead` with a `lock` guard). A seller with a cap is locked first in a transaction whose write counts their
 * waiting leads under the lock; a seller another lead holds is passed over for the next (distributeLead).
 */
export const receiveLead = async (context: AppContext, delivery: LeadDelivery): Promise<LeadReceipt> => {
  const { db } = context.database;
  const { organizationId, source, input } = delivery;
  const now = context.now();
  if (!source.enabled) throw new AppError("lead_source_disabled", `The source "${source.name}" is switched off`);
  const cached = await cachedIntake(db, organizationId, loadIntake);
  if (!cached) throw notFound("The organization");
  const { settings: intake, calendar, rules } = cached;
  const country = countrySchema.parse(intake.country === "RU" || intake.country === "IR" ? intake.country : "OTHER");

  const rawPhone = clean(input.phone);
  const phone = rawPhone ? (toE164(rawPhone, country) ?? null) : null;
  if (rawPhone && !phone) throw invalidPhone(rawPhone);
  const email = clean(input.email)?.toLowerCase() ?? null;
  const legalId = normalizeLegalId(clean(input.legalId)) ?? null;
  const externalKey = clean(delivery.idempotencyKey) ?? clean(input.externalId);

  const temperature = temperatureOf(input.temperature, source.defaultTemperature);
  const channel = clean(input.channel) ?? source.channel;
  const facts: LeadFacts = {
    channel,
    audience: clean(input.audience),
    productId: input.productId ?? null,
    productGroupId: delivery.productGroupId ?? null,
    region: clean(input.region),
    amountMinor: input.amountMinor ?? null,
    temperature,
    sourceId: source.id,
  };
  const rule = firstMatchingRule(facts, rules);
  const probe = { sourceId: source.id, externalKey, phone, email, legalId };
  const members = rule ? ruleTargetCondition(organizationId, rule) : defaultPoolCondition(organizationId);
  // The two statements most leads take run prepared: parsed and planned once per connection.
  const prepared = preparedStatements(context.database);
  const first = await readDelivery(prepared, organizationId, probe, { members, now, calendar });
  if (first.existing) return receipt(first.existing, true);

  if (!intake.pipelineId || !intake.stageId) throw notFound("The organization's pipeline");
  const pipelineId = intake.pipelineId;
  const stageId = intake.stageId;
  const client = first.client;
  const personName = clean(input.name);
  const companyName = clean(input.companyName);
  const displayName = companyName ?? personName ?? email ?? rawPhone ?? source.name;
  const companyId = client?.companyId ?? randomUUID();
  const contactNeeded = !client?.contactId && !!(personName || phone || email);
  const contact = contactNeeded ? { id: randomUUID(), name: personName ?? displayName, phones: phone ? [phone] : [], emails: email ? [email] : [] } : null;
  const dealId = randomUUID();
  const leadId = randomUUID();
  const localDay = localDateOf(now, intake.timeZone);

  /** The lead and all it makes, for this assignment. */
  const writeFor = (assignment: Assignment) => {
    const ownerId = client && assignment.route === "unassigned" ? client.ownerId : (assignment.userId ?? first.fallbackOwnerId);
    if (!ownerId) throw notFound("A person to receive the lead");
    const status: LeadStatus = assignment.userId ? "waiting" : "unassigned";
    const timers = assignment.userId ? slaDeadlines(now, intake, calendar) : null;
    return {
      organizationId,
      now,
      localDay,
      actorId: delivery.actorId ?? null,
      newCompany: client
        ? null
        : {
            id: companyId,
            name: displayName,
            legalId,
            region: facts.region,
            audience: facts.audience,
            channel,
            temperature,
            levelFromOwner: intake.departmentMode === "three_level",
            searchText: companySearchText(displayName, legalId, contact ? [contact] : []),
          },
      newContact: client && !contactNeeded ? null : contact,
      companyId,
      ownerId,
      deal: { id: dealId, pipelineId, stageId, title: `${displayName} · ${source.name}`, amountMinor: input.amountMinor ?? 0, currency: intake.currency },
      lead: {
        id: leadId,
        sourceId: source.id,
        externalKey,
        personName,
        companyName,
        phone,
        email,
        legalId,
        message: clean(input.message),
        utm: Object.fromEntries(Object.entries(input.utm ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")),
        referrer: clean(input.referrer),
        pageUrl: clean(input.pageUrl),
        channel,
        productId: facts.productId,
        productInterest: clean(input.productInterest),
        region: facts.region,
        audience: facts.audience,
        temperature,
        amountMinor: input.amountMinor ?? null,
        extra: input.extra ?? {},
        contactId: contact?.id ?? client?.contactId ?? null,
        knownClient: client !== null,
        status,
        assigneeId: assignment.userId,
        route: assignment.route,
        ruleId: assignment.ruleId,
        remindAt: timers?.remindAt ?? null,
        reassignAt: timers?.reassignAt ?? null,
        ip: delivery.ip ?? null,
      },
    };
  };

  const { assignment, placement } = await distributeLead(
    { client, rule, pool: first.pool, fallback: () => loadFallback(db, organizationId, now, calendar) },
    async (offer, seller): Promise<Placement> => {
      const write = writeFor(offer);
      if (!seller) return placementOf(await writeLead(prepared, write), "placed");
      if (seller.leadCap === null) {
        return placementOf(await writeLead(prepared, write, { kind: "lock", userId: seller.userId, skipLocked: !seller.wait }), "busy");
      }
      const cap = seller.leadCap;
      return db.transaction(async (tx) => {
        if (!(await lockSeller(tx, organizationId, seller.userId, !seller.wait))) return "busy";
        return placementOf(await writeLead(tx, write, { kind: "cap", userId: seller.userId, cap }), "at_cap");
      });
    },
  );
  if (placement === "duplicate") {
    const again = await findDeliveryAndClient(db, organizationId, { ...probe, phone: null, email: null, legalId: null });
    if (!again.existing) throw new Error("A delivery with the same key was written first but cannot be found");
    return receipt(again.existing, true);
  }
  return {
    id: leadId,
    duplicate: false,
    companyId,
    dealId,
    assigneeId: assignment.userId,
    route: assignment.route,
    status: assignment.userId ? "waiting" : "unassigned",
  };
};
