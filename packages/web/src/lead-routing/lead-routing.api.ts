import { useQuery } from "@tanstack/react-query";
import {
  absenceListSchema,
  absenceSchema,
  leadAvailabilityListSchema,
  leadAvailabilitySchema,
  leadSettingsSchema,
  createdLeadSourceSchema,
  leadSourceListSchema,
  leadSourceSchema,
  leadSourceSecretSchema,
  mailboxCheckSchema,
  redistributionUndoSchema,
  redistributionListSchema,
  redistributionPreviewSchema,
  redistributionSchema,
  routeTrialSchema,
  routingRuleListSchema,
  routingRuleSchema,
  speedReportSchema,
  type CreateAbsence,
  type LeadSettings,
  type ListAbsencesQuery,
  type Redistribute,
  type SaveLeadSource,
  type UpdateLeadSource,
  type RouteTrialInput,
  type SaveRoutingRule,
  type UpdateLeadAvailability,
  type UpdateRoutingRule,
} from "@conveyor/contracts";
import type { Parser } from "../api/client";
import { api } from "../app/api";
import type { Period } from "./speed-figures";

/** Everything of lead distribution sits under this key: a redistribution or a pause refreshes every screen of it. */
export const leadRoutingKey = ["lead-routing"];
export const routingRulesKey = [...leadRoutingKey, "rules"];
export const availabilityKey = [...leadRoutingKey, "availability"];
export const absencesKey = [...leadRoutingKey, "absences"];
export const leadSettingsKey = [...leadRoutingKey, "settings"];
export const redistributionsKey = [...leadRoutingKey, "redistributions"];
export const speedKey = (period: Period) => [...leadRoutingKey, "speed", period];
export const leadSourcesKey = [...leadRoutingKey, "sources"];

const id = (value: string) => encodeURIComponent(value);

// ---------------------------------------------------------------- routing rules

export const listRoutingRules = () => api.get("/api/v1/routing-rules", routingRuleListSchema).then((list) => list.items);
export const createRoutingRule = (body: SaveRoutingRule) => api.post("/api/v1/routing-rules", routingRuleSchema, body);
export const updateRoutingRule = (ruleId: string, body: UpdateRoutingRule) => api.patch(`/api/v1/routing-rules/${id(ruleId)}`, routingRuleSchema, body);
export const deleteRoutingRule = (ruleId: string) => api.send("DELETE", `/api/v1/routing-rules/${id(ruleId)}`);
/** Every rule of the organization in its new order; answers the list as it now stands. */
export const reorderRoutingRules = (ids: string[]) => api.post("/api/v1/routing-rules/reorder", routingRuleListSchema, { ids }).then((list) => list.items);
/** Where a lead with these facts would go right now, and why each seller of the pool was passed by. Writes nothing. */
export const tryRoute = (body: RouteTrialInput) => api.post("/api/v1/routing-rules/try", routeTrialSchema, body);

export const useRoutingRules = () => useQuery({ queryKey: routingRulesKey, queryFn: listRoutingRules });

// ---------------------------------------------------------------- availability and absences

export const getAvailability = () => api.get("/api/v1/lead-availability", leadAvailabilityListSchema);
export const updateAvailability = (userId: string, body: UpdateLeadAvailability) =>
  api.patch(`/api/v1/lead-availability/${id(userId)}`, leadAvailabilitySchema, body);

export const listAbsences = (query: ListAbsencesQuery) =>
  api.get("/api/v1/absences", absenceListSchema, { userId: query.userId, from: query.from, to: query.to }).then((list) => list.items);
export const createAbsence = (body: CreateAbsence) => api.post("/api/v1/absences", absenceSchema, body);
export const deleteAbsence = (absenceId: string) => api.send("DELETE", `/api/v1/absences/${id(absenceId)}`);

export const useAvailability = (enabled = true) => useQuery({ queryKey: availabilityKey, queryFn: getAvailability, enabled });

// ---------------------------------------------------------------- settings

export const getLeadSettings = () => api.get("/api/v1/lead-settings", leadSettingsSchema);
export const updateLeadSettings = (body: Partial<LeadSettings>) =>
  api.patch("/api/v1/lead-settings", leadSettingsSchema, body);

export const useLeadSettings = () => useQuery({ queryKey: leadSettingsKey, queryFn: getLeadSettings });

// ---------------------------------------------------------------- redistribution

export const previewRedistribution = (body: Redistribute) => api.post("/api/v1/redistributions/preview", redistributionPreviewSchema, body);
export const redistribute = (body: Redistribute) => api.post("/api/v1/redistributions", redistributionSchema, body);
export const listRedistributions = () => api.get("/api/v1/redistributions", redistributionListSchema).then((list) => list.items);
/** What went back, and what stayed because it changed hands or closed since. */
export const undoRedistribution = (redistributionId: string) =>
  api.post(`/api/v1/redistributions/${id(redistributionId)}/undo`, redistributionUndoSchema);

export const useRedistributions = () => useQuery({ queryKey: redistributionsKey, queryFn: listRedistributions });

// ---------------------------------------------------------------- speed to lead

export const getSpeed = (period: Period) => api.get("/api/v1/leads/speed", speedReportSchema, { from: period.from, to: period.to });

// ---------------------------------------------------------------- sources

export const listLeadSources = () => api.get("/api/v1/lead-sources", leadSourceListSchema).then((list) => list.items);
/** A new webhook source answers its signing secret this once. */
export const createLeadSource = (body: SaveLeadSource) => api.post("/api/v1/lead-sources", createdLeadSourceSchema, body);
export const updateLeadSource = (sourceId: string, body: UpdateLeadSource) =>
  api.patch(`/api/v1/lead-sources/${id(sourceId)}`, leadSourceSchema, body);
/** A source that brought leads is switched off by the server instead of removed. */
export const deleteLeadSource = (sourceId: string) => api.send("DELETE", `/api/v1/lead-sources/${id(sourceId)}`);
export const rotateLeadSourceSecret = (sourceId: string) => api.post(`/api/v1/lead-sources/${id(sourceId)}/secret`, leadSourceSecretSchema);
export const checkLeadSourceMailbox = (sourceId: string) => api.post(`/api/v1/lead-sources/${id(sourceId)}/check`, mailboxCheckSchema);

/** What one reading of a mailbox did (the server's answer to "read now"; the contracts give it no schema). */
export type MailboxRun = { read: number; leads: number; replies: number; duplicates: number; error: string | null };

const count = (record: Record<string, unknown>, key: string): number => {
  const value = record[key];
  if (typeof value !== "number" || !Number.isInteger(value)) throw new TypeError(`Expected an integer \`${key}\``);
  return value;
};

export const mailboxRunParser: Parser<MailboxRun> = {
  parse: (data: unknown) => {
    if (typeof data !== "object" || data === null) throw new TypeError("Expected a mailbox run");
    const record: Record<string, unknown> = { ...data };
    const error = record["error"];
    if (error !== null && typeof error !== "string") throw new TypeError("Expected `error` to be a string or null");
    return { read: count(record, "read"), leads: count(record, "leads"), replies: count(record, "replies"), duplicates: count(record, "duplicates"), error };
  },
};
export const pollLeadSource = (sourceId: string) => api.post(`/api/v1/lead-sources/${id(sourceId)}/poll`, mailboxRunParser);

/** Sources for the pickers of rules and the tester; long-lived, they change rarely. */
export const useLeadSources = () => useQuery({ queryKey: leadSourcesKey, queryFn: listLeadSources, staleTime: 5 * 60_000 });
