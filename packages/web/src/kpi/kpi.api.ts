import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  dashboardSchema,
  drillPageSchema,
  forecastSchema,
  funnelSchema,
  kpiSettingsSchema,
  type drillMetrics,
  type KpiWidget,
  type PlanPeriodKind,
} from "@conveyor/contracts";
import type { QueryParams } from "../api/client";
import { api } from "../app/api";

export { kpiExportUrl, type KpiReport } from "./kpi-export";

export type DrillMetric = (typeof drillMetrics)[number];
export type ForecastBy = "week" | "month";

/** What a results screen asks for: the period (undefined = the one holding today) and whose figures. */
export type KpiQuery = { periodKind: PlanPeriodKind; period: string | undefined; scope: string | undefined };
export type FunnelQuery = KpiQuery & { pipelineId: string | undefined; channel: string | undefined };
export type ForecastSplit = "client_type" | "level" | "segment";
export type ForecastQuery = { scope: string | undefined; by: ForecastBy; count: number; split: ForecastSplit };

/** Everything of the results area sits under this key: saving the settings refreshes the dashboard and the TV. */
export const kpiKey = ["kpi"];
export const dashboardKey = (query: KpiQuery) => [...kpiKey, "dashboard", query];
export const drillKey = (query: KpiQuery, metric: DrillMetric) => [...kpiKey, "drill", query, metric];
export const funnelKey = (query: FunnelQuery) => [...kpiKey, "funnel", query];
export const forecastKey = (query: ForecastQuery) => [...kpiKey, "forecast", query];

const params = (query: KpiQuery): QueryParams => ({ periodKind: query.periodKind, period: query.period, scope: query.scope });

export const getDashboard = (query: KpiQuery) => api.get("/api/v1/kpi/dashboard", dashboardSchema, params(query));

export const getDrill = (query: KpiQuery, metric: DrillMetric, cursor: string | undefined) =>
  api.get("/api/v1/kpi/drill", drillPageSchema, { ...params(query), metric, cursor, limit: 50 });

export const getFunnel = (query: FunnelQuery) => api.get("/api/v1/kpi/funnel", funnelSchema, { ...params(query), pipelineId: query.pipelineId, channel: query.channel });

export const getForecast = (query: ForecastQuery) => api.get("/api/v1/kpi/forecast", forecastSchema, { scope: query.scope, by: query.by, count: query.count, split: query.split });

export const updateKpiSettings = (body: { widgets?: KpiWidget[]; tvRefreshSeconds?: number }) =>
  api.patch("/api/v1/kpi/settings", kpiSettingsSchema, body);

export const exportParams = (query: KpiQuery): QueryParams => params(query);

/** The dashboard; on the wall (`tv`) it asks again every `tvRefreshSeconds` the organization chose, tab hidden or not. */
export const useDashboard = (query: KpiQuery, options: { tv?: boolean } = {}) =>
  useQuery({
    queryKey: dashboardKey(query),
    queryFn: () => getDashboard(query),
    placeholderData: keepPreviousData,
    refetchInterval: options.tv ? (current) => (current.state.data?.tvRefreshSeconds ?? 60) * 1000 : false,
    refetchIntervalInBackground: options.tv === true,
  });

export const useDrill = (query: KpiQuery, metric: DrillMetric | null) =>
  useInfiniteQuery({
    queryKey: drillKey(query, metric ?? "revenue"),
    queryFn: ({ pageParam }) => getDrill(query, metric ?? "revenue", pageParam || undefined),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: metric !== null,
  });

export const useFunnel = (query: FunnelQuery) =>
  useQuery({ queryKey: funnelKey(query), queryFn: () => getFunnel(query), placeholderData: keepPreviousData });

export const useForecast = (query: ForecastQuery) =>
  useQuery({ queryKey: forecastKey(query), queryFn: () => getForecast(query), placeholderData: keepPreviousData });

export const useSaveKpiSettings = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateKpiSettings,
    onSuccess: () => client.invalidateQueries({ queryKey: kpiKey }),
  });
};
