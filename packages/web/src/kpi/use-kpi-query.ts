import { useSearchParams } from "react-router";
import { kpiScopeSchema, periodKeySchema } from "@conveyor/contracts";
import { useCurrentSession } from "../auth/current-session";
import type { KpiQuery } from "./kpi.api";
import { periodKindOf } from "./kpi-period";

/**
 * The period and scope of a results screen, kept in the address (`?period=2026-12&scope=team:…`): the dashboard, the
 * funnel and the TV open on the same figures, and a link shows what its sender saw. Malformed values are ignored.
 */
export const useKpiQuery = (): { query: KpiQuery; search: string; setPeriod: (period: string | undefined) => void; setScope: (scope: string | undefined) => void } => {
  const { organization } = useCurrentSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const period = periodKeySchema.safeParse(searchParams.get("period")).data;
  const scope = kpiScopeSchema.safeParse(searchParams.get("scope")).data;
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value === undefined) next.delete(name);
    else next.set(name, value);
    setSearchParams(next, { replace: true });
  };
  const search = new URLSearchParams([...(period ? [["period", period]] : []), ...(scope ? [["scope", scope]] : [])]).toString();
  return {
    query: { periodKind: periodKindOf(organization.country), period, scope },
    search: search ? `?${search}` : "",
    setPeriod: (value) => set("period", value),
    setScope: (value) => set("scope", value),
  };
};
