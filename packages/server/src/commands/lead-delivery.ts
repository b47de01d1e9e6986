import { randomUUID } from "node:crypto";
import { countrySchema, leadRouteSchema, leadStatusSchema, type LeadInput, type LeadReceipt, type LeadStatus } from "@conveyor/contracts";
import { firstMatchingRule, localDateOf, slaDeadlines, type LeadFacts, type RoutingRule, type WorkCalendar } from "@conveyor/domain";
import { AppError, notFound } from "../http/app-error";
import type { CachedIntake } from "../repositories/intake-cache";
import type { DeliveryProbe, ExistingDelivery, IntakeSettings, KnownClient, LeadWrite } from "../repositories/lead-intake.repository";
import { toE164 } from "../security/phones";
import type { Assignment } from "./assign-lead";
import { companySearchText, normalizeLegalId } from "./company-input";

/*
 * A lead as both of the intake's paths take it: one lead on its own (receive-lead.ts) and a batch written in one
 * transaction (receive-lead-batch.ts). Everything here is decided without the database: the delivery is checked and
 * normalized before it joins a batch, so a bad one fails alone.
 */

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

/** A delivery checked and normalized, with the organization's settings at its arrival and the rule it matches. */
export type PreparedLead = {
  delivery: LeadDelivery;
  now: Date;
  intake: IntakeSettings;
  calendar: WorkCalendar;
  rule: RoutingRule | null;
  facts: LeadFacts;
  /** Its key, E.164 phone, lower-case email and normalized legal id: how a delivery and a client are found again. */
  probe: DeliveryProbe;
  /** The phone as sent, for a client with no other name. */
  rawPhone: string | null;
};

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

/** Checks and normalizes a delivery arriving at `now` (a phone that is not one is refused here). */
export const prepareLead = (delivery: LeadDelivery, cached: CachedIntake, now: Date): PreparedLead => {
  const { source, input } = delivery;
  const { settings: intake, calendar, rules } = cached;
  const country = countrySchema.parse(intake.country === "RU" || intake.country === "IR" ? intake.country : "OTHER");
  const rawPhone = clean(input.phone);
  const phone = rawPhone ? (toE164(rawPhone, country) ?? null) : null;
  if (rawPhone && !phone) throw invalidPhone(rawPhone);
  const facts: LeadFacts = {
    channel: clean(input.channel) ?? source.channel,
    audience: clean(input.audience),
    productId: input.productId ?? null,
    productGroupId: delivery.productGroupId ?? null,
    region: clean(input.region),
    amountMinor: input.amountMinor ?? null,
    temperature: temperatureOf(input.temperature, source.defaultTemperature),
    sourceId: source.id,
  };
  const probe: DeliveryProbe = {
    sourceId: source.id,
    externalKey: clean(delivery.idempotencyKey) ?? clean(input.externalId),
    phone,
    email: clean(input.email)?.toLowerCase() ?? null,
    legalId: normalizeLegalId(clean(input.legalId)) ?? null,
  };
  return { delivery, now, intake, calendar, rule: firstMatchingRule(facts, rules), facts, probe, rawPhone };
};

/** What a new lead makes, fixed before its seller is chosen: each offer to a seller writes the same lead. */
export type LeadParts = {
  leadId: string;
  dealId: string;
  /** The known client's, else the new client's. */
  companyId: string;
  client: KnownClient | null;
  displayName: string;
  contact: { id: string; name: string; phones: string[]; emails: string[] } | null;
};

export const leadPartsOf = (lead: PreparedLead, client: KnownClient | null): LeadParts => {
  const { input, source } = lead.delivery;
  const { phone, email } = lead.probe;
  const personName = clean(input.name);
  const displayName = clean(input.companyName) ?? personName ?? email ?? lead.rawPhone ?? source.name;
  const contactNeeded = !client?.contactId && !!(personName || phone || email);
  return {
    leadId: randomUUID(),
    dealId: randomUUID(),
    companyId: client?.companyId ?? randomUUID(),
    client,
    displayName,
    contact: contactNeeded ? { id: randomUUID(), name: personName ?? displayName, phones: phone ? [phone] : [], emails: email ? [email] : [] } : null,
  };
};

/**
 * The lead and all it makes for this assignment: a new client, its contact and a deal in the first stage, the lead
 * with its speed-to-lead timers. `fallbackOwnerId` holds a client nobody could take.
 */
export const leadWriteFor = (
  lead: PreparedLead,
  parts: LeadParts,
  pipeline: { pipelineId: string; stageId: string },
  fallbackOwnerId: string | null,
  assignment: Assignment,
): LeadWrite => {
  const { delivery, now, intake, calendar, facts, probe } = lead;
  const { input, source } = delivery;
  const { client, contact, companyId, displayName } = parts;
  const ownerId = client && assignment.route === "unassigned" ? client.ownerId : (assignment.userId ?? fallbackOwnerId);
  if (!ownerId) throw notFound("A person to receive the lead");
  const status: LeadStatus = assignment.userId ? "waiting" : "unassigned";
  const timers = assignment.userId ? slaDeadlines(now, intake, calendar) : null;
  return {
    organizationId: delivery.organizationId,
    now,
    localDay: localDateOf(now, intake.timeZone),
    actorId: delivery.actorId ?? null,
    newCompany: client
      ? null
      : {
          id: companyId,
          name: displayName,
          legalId: probe.legalId,
          region: facts.region,
          audience: facts.audience,
          channel: facts.channel,
          temperature: facts.temperature,
          levelFromOwner: intake.departmentMode === "three_level",
          searchText: companySearchText(displayName, probe.legalId, contact ? [contact] : []),
        },
    newContact: contact,
    companyId,
    ownerId,
    deal: {
      id: parts.dealId,
      ...pipeline,
      title: `${displayName} · ${source.name}`,
      amountMinor: input.amountMinor ?? 0,
      currency: intake.currency,
    },
    lead: {
      id: parts.leadId,
      sourceId: source.id,
      externalKey: probe.externalKey,
      personName: clean(input.name),
      companyName: clean(input.companyName),
      phone: probe.phone,
      email: probe.email,
      legalId: probe.legalId,
      message: clean(input.message),
      utm: Object.fromEntries(Object.entries(input.utm ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")),
      referrer: clean(input.referrer),
      pageUrl: clean(input.pageUrl),
      channel: facts.channel,
      productId: facts.productId,
      productInterest: clean(input.productInterest),
      region: facts.region,
      audience: facts.audience,
      temperature: facts.temperature,
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

/** The answer for a lead a delivery made before. */
export const duplicateReceipt = (lead: ExistingDelivery): LeadReceipt => ({
  id: lead.id,
  duplicate: true,
  companyId: lead.companyId,
  dealId: lead.dealId,
  assigneeId: lead.assigneeId,
  route: leadRouteSchema.parse(lead.route),
  status: leadStatusSchema.parse(lead.status),
});

/** The answer for a lead just written. */
export const newLeadReceipt = (parts: LeadParts, assignment: Assignment): LeadReceipt => ({
  id: parts.leadId,
  duplicate: false,
  companyId: parts.companyId,
  dealId: parts.dealId,
  assigneeId: assignment.userId,
  route: assignment.route,
  status: assignment.userId ? "waiting" : "unassigned",
});
