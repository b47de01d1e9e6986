import { useQuery } from "@tanstack/react-query";
import {
  clockedLeadSchema,
  leadAssignmentListSchema,
  leadPageSchema,
  leadReceiptSchema,
  leadSchema,
  type LeadInput,
  type LeadQueue,
} from "@conveyor/contracts";
import { api } from "../app/api";

/** Everything of the leads area sits under this key: an assignment or a new lead refreshes the queue, the card and the counts. */
export const leadsKey = ["leads"];
export const leadQueueKey = (queue: LeadQueue) => [...leadsKey, "queue", queue];
export const leadKey = (leadId: string) => [...leadsKey, "lead", leadId];
export const leadAssignmentsKey = (leadId: string) => [...leadsKey, "lead", leadId, "assignments"];

/** The queue refreshes itself this often while the tab is visible, and whenever the window regains focus. */
export const queueRefreshMs = 10_000;

const id = (value: string) => encodeURIComponent(value);

export const listLeads = (query: { queue: LeadQueue; cursor?: string | undefined; limit?: number }) =>
  api.get("/api/v1/leads", leadPageSchema, { queue: query.queue, cursor: query.cursor, limit: query.limit });

export const getLead = (leadId: string) => api.get(`/api/v1/leads/${id(leadId)}`, clockedLeadSchema);

export const listLeadAssignments = (leadId: string) =>
  api.get(`/api/v1/leads/${id(leadId)}/assignments`, leadAssignmentListSchema).then((list) => list.items);

/** Gives the lead to a seller by hand; their SLA timers start again. */
export const assignLead = (leadId: string, userId: string) => api.post(`/api/v1/leads/${id(leadId)}/assign`, leadSchema, { userId });

/** A lead typed in by a person: the session's manual source; the answer comes once its client, deal and seller exist. */
export const createLead = (input: LeadInput) => api.post("/api/v1/leads", leadReceiptSchema, input);

export const useLead = (leadId: string | null) =>
  useQuery({
    queryKey: leadKey(leadId ?? ""),
    queryFn: () => getLead(leadId ?? ""),
    enabled: leadId !== null,
    refetchInterval: queueRefreshMs,
    refetchOnWindowFocus: true,
  });

export const useLeadAssignments = (leadId: string | null) =>
  useQuery({
    queryKey: leadAssignmentsKey(leadId ?? ""),
    queryFn: () => listLeadAssignments(leadId ?? ""),
    enabled: leadId !== null,
  });
