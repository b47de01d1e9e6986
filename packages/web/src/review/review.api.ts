import { useQuery } from "@tanstack/react-query";
import {
  myDaySchema,
  prospectingProposalSchema,
  reviewClientSchema,
  reviewItemSchema,
  reviewLogSchema,
  reviewQueueSchema,
  reviewSessionSchema,
  reviewSettingsListSchema,
  reviewSettingsSchema,
  type CloseReviewItem,
  type SaveReviewSettings,
  type CompanyStatus,
  type Temperature,
} from "@conveyor/contracts";
import { api } from "../app/api";
import { tasksKey } from "../tasks/tasks.api";
import type { ReviewReason } from "./review-logic";

/** Everything of the review sits under this key: closing a client refreshes the queue, its screen and My day. */
export const reviewKey = ["review"];
/** What narrows a seller's queue (M2.6): a reason, a client type, a temperature, a smallest deal. */
export type ReviewFilters = { reason: ReviewReason | null; clientType: CompanyStatus | null; temperature: Temperature | null; minDealAmountMinor: number | null };

export const reviewQueueKey = (sellerId: string, filters: ReviewFilters) => [...reviewKey, "queue", sellerId, filters];
export const reviewClientKey = (companyId: string, sellerId: string) => [...reviewKey, "client", companyId, sellerId];
/** Under the tasks' key: finishing or moving a task on Today refreshes My day too. */
export const myDayKey = [...tasksKey, "my-day"];

const id = (value: string) => encodeURIComponent(value);

export const getReviewQueue = (sellerId: string, filters: ReviewFilters) =>
  api.get("/api/v1/review/queue", reviewQueueSchema, { sellerId, ...filters });

export const getReviewClient = (companyId: string, sellerId: string) =>
  api.get(`/api/v1/review/clients/${id(companyId)}`, reviewClientSchema, { sellerId });

export const startReviewSession = (sellerId: string) => api.post("/api/v1/review/sessions", reviewSessionSchema, { sellerId });

/** Closes one client: a next task with a date, or the deal lost with a reason (400 review_incomplete names the field). */
export const closeReviewItem = (sessionId: string, body: CloseReviewItem) =>
  api.post(`/api/v1/review/sessions/${id(sessionId)}/items`, reviewItemSchema, body);

export const finishReviewSession = (sessionId: string) => api.post(`/api/v1/review/sessions/${id(sessionId)}/finish`, reviewSessionSchema);

/** M2.2: the seller's prospecting target for the month, the proposed one when no number is given. */
export const setProspectingTarget = (sellerId: string, target?: number) =>
  api.post("/api/v1/review/prospecting", prospectingProposalSchema, { sellerId, ...(target !== undefined && { target }) });

export const getMyDay = () => api.get("/api/v1/review/my-day", myDaySchema);

export const useReviewQueue = (sellerId: string | null, filters: ReviewFilters) =>
  useQuery({
    queryKey: reviewQueueKey(sellerId ?? "", filters),
    queryFn: () => getReviewQueue(sellerId ?? "", filters),
    enabled: sellerId !== null,
    staleTime: 0,
  });

export const useReviewClient = (companyId: string | null, sellerId: string | null) =>
  useQuery({
    queryKey: reviewClientKey(companyId ?? "", sellerId ?? ""),
    queryFn: () => getReviewClient(companyId ?? "", sellerId ?? ""),
    enabled: companyId !== null && sellerId !== null,
    staleTime: 0,
  });

export const useMyDay = () => useQuery({ queryKey: myDayKey, queryFn: getMyDay });

/** What narrows the review log: a seller, a reviewer, the weeks back from today. */
export type ReviewLogFilters = { sellerId: string | null; reviewerId: string | null; from: string | null };
export const reviewLogKey = (filters: ReviewLogFilters) => [...reviewKey, "log", filters];
export const reviewSettingsKey = [...reviewKey, "settings"];

export const getReviewLog = (filters: ReviewLogFilters) => api.get("/api/v1/review/log", reviewLogSchema, { ...filters });
export const getReviewSettings = () => api.get("/api/v1/review/settings", reviewSettingsListSchema);
/** A team's cadence, stale days per stage, deal-size filter and sweep time (heads and admins; 400 names the field). */
export const saveReviewSettings = (teamId: string, body: SaveReviewSettings) => api.put(`/api/v1/review/settings/${id(teamId)}`, reviewSettingsSchema, body);

export const useReviewLog = (filters: ReviewLogFilters) => useQuery({ queryKey: reviewLogKey(filters), queryFn: () => getReviewLog(filters), staleTime: 0 });
export const useReviewSettings = () => useQuery({ queryKey: reviewSettingsKey, queryFn: getReviewSettings });
