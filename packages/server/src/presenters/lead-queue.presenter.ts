import type { Lead } from "@conveyor/contracts";
import { leadRouteSchema, leadSourceKindSchema, leadStatusSchema, temperatureSchema } from "@conveyor/contracts";
import type { LeadRow } from "../repositories/lead.repository";

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export const presentLead = (row: LeadRow): Lead => ({
  id: row.id,
  source: { id: row.sourceId, name: row.sourceName, kind: leadSourceKindSchema.parse(row.sourceKind) },
  receivedAt: row.receivedAt.toISOString(),
  name: row.personName,
  companyName: row.companyName,
  phone: row.phone,
  email: row.email,
  message: row.message,
  utm: row.utm,
  referrer: row.referrer,
  pageUrl: row.pageUrl,
  channel: row.channel,
  productInterest: row.productInterest,
  region: row.region,
  audience: row.audience,
  temperature: temperatureSchema.parse(row.temperature),
  amountMinor: row.amountMinor,
  company: { id: row.companyId, name: row.clientName },
  dealId: row.dealId,
  knownClient: row.knownClient,
  status: leadStatusSchema.parse(row.status),
  assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
  assignedAt: iso(row.assignedAt),
  route: leadRouteSchema.parse(row.route),
  ruleName: row.ruleName,
  remindAt: iso(row.remindAt),
  reassignAt: iso(row.reassignAt),
  reassignCount: row.reassignCount,
  escalatedAt: iso(row.escalatedAt),
  firstTouchAt: iso(row.firstTouchAt),
  businessMinutesToTouch: row.businessMinutesToTouch,
});
