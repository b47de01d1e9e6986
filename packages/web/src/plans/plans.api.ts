import { useQuery } from "@tanstack/react-query";
import {
  calendarSchema,
  copyPlansResultSchema,
  planListSchema,
  planSplitResultSchema,
  type PlanItemInput,
  type PlanMetric,
  type PlanPeriodKind,
} from "@conveyor/contracts";
import { api } from "../app/api";

/** Plans and the calendar share a prefix: a changed day moves every period's working days and % to date. */
export const plansAreaKey = ["plans-area"];
export const plansKey = [...plansAreaKey, "plans"];
export const planListKey = (kind: PlanPeriodKind, period: string | null) => [...plansKey, kind, period ?? "current"];
export const calendarKey = (year: number | null) => [...plansAreaKey, "calendar", year ?? "current"];

export type SplitRequest = {
  periodKind: PlanPeriodKind;
  period: string;
  metric: PlanMetric;
  total: number;
  method: "even" | "weight" | "last_quarter";
  weights?: Record<string, number>;
  prorateAbsences: boolean;
};

export type SetCalendarDay = { kind: "working" | "day_off" | "shortened"; note?: string };

/** A period's plans the viewer may read; without `period` the one holding today in the organization's zone. */
export const listPlans = (periodKind: PlanPeriodKind, period: string | null) =>
  api.get("/api/v1/plans", planListSchema, { periodKind, period });
/** Every changed plan of a period in one transaction; a null target removes the plan. Answers the period's list. */
export const savePlans = (body: { periodKind: PlanPeriodKind; period: string; items: PlanItemInput[] }) =>
  api.put("/api/v1/plans", planListSchema, body);
export const deletePlan = (planId: string) => api.send("DELETE", `/api/v1/plans/${encodeURIComponent(planId)}`);
/** `apply: false` is a preview: nothing is saved. */
export const splitPlan = (body: SplitRequest & { apply: boolean }) => api.post("/api/v1/plans/split", planSplitResultSchema, body);
export const copyPlans = (body: { periodKind: PlanPeriodKind; from: string; to: string; overwrite: boolean }) =>
  api.post("/api/v1/plans/copy", copyPlansResultSchema, body);

export const getCalendar = (year: number | null) => api.get("/api/v1/calendar", calendarSchema, { year });
export const setCalendarDay = (date: string, body: SetCalendarDay) =>
  api.put(`/api/v1/calendar/days/${encodeURIComponent(date)}`, calendarSchema, body);
export const clearCalendarDay = (date: string) =>
  api.send("DELETE", `/api/v1/calendar/days/${encodeURIComponent(date)}`).then(() => undefined);

export const usePlans = (periodKind: PlanPeriodKind, period: string | null) =>
  useQuery({ queryKey: planListKey(periodKind, period), queryFn: () => listPlans(periodKind, period) });
export const useWorkingCalendar = (year: number | null) => useQuery({ queryKey: calendarKey(year), queryFn: () => getCalendar(year) });
