import { useQuery, type QueryClient } from "@tanstack/react-query";
import {
  contestListSchema,
  contestSchema,
  departmentPayrollSchema,
  leaderboardSchema,
  liveLeaderboardsSchema,
  payAdjustmentListSchema,
  payAdjustmentSchema,
  payPeriodInfoSchema,
  payPeriodSchema,
  payPresetListSchema,
  paySchemeListSchema,
  paySchemeSchema,
  paySettingsSchema,
  sellerPayrollSchema,
  whatIfResultSchema,
  type AddPaySchemeVersion,
  type ApplyPreset,
  type Locale,
  type PayPresetKey,
  type SchemeAssignmentInput,
  type WhatIfInput,
} from "@conveyor/contracts";
import { api } from "../app/api";

/** Everything of pay sits under this key: a close, an adjustment or a new version refreshes every screen of it. */
export const payKey = ["pay"];

/**
 * After a write to pay: an answer still on its way was computed before the write (a payroll takes a while), and
 * kept it would pass for fresh, so it is cancelled; then every screen of pay reads again.
 */
export const refreshPay = async (queryClient: QueryClient): Promise<void> => {
  await queryClient.cancelQueries({ queryKey: payKey });
  await queryClient.invalidateQueries({ queryKey: payKey });
};
const id = (value: string) => encodeURIComponent(value);

export const getDepartmentPayroll = (month: string) => api.get("/api/v1/pay/payroll", departmentPayrollSchema, { month });
export const getSellerPayroll = (sellerId: string, month: string) => api.get(`/api/v1/pay/payroll/${id(sellerId)}`, sellerPayrollSchema, { month });
export const postWhatIf = (body: WhatIfInput) => api.post("/api/v1/pay/what-if", whatIfResultSchema, body);
export const getAdjustments = (month: string, sellerId: string) => api.get("/api/v1/pay/adjustments", payAdjustmentListSchema, { month, sellerId });
export const addAdjustment = (body: { sellerId: string; month: string; amountMinor: number; reason: string }) => api.post("/api/v1/pay/adjustments", payAdjustmentSchema, body);
export const closeMonth = (month: string) => api.post(`/api/v1/pay/periods/${id(month)}/close`, payPeriodSchema);
export const getSchemes = () => api.get("/api/v1/pay/schemes", paySchemeListSchema);
export const getPresets = () => api.get("/api/v1/pay/presets", payPresetListSchema);
export const applyPreset = (key: PayPresetKey, body: ApplyPreset) => api.post(`/api/v1/pay/presets/${id(key)}/apply`, paySchemeListSchema, body);
export const addSchemeVersion = (schemeId: string, body: AddPaySchemeVersion) => api.post(`/api/v1/pay/schemes/${id(schemeId)}/versions`, paySchemeSchema, body);
export const replaceAssignments = (schemeId: string, body: { assignments: SchemeAssignmentInput[] }) => api.put(`/api/v1/pay/schemes/${id(schemeId)}/assignments`, paySchemeSchema, body);
export const getPayPeriod = (month?: string) => api.get("/api/v1/pay/period", payPeriodInfoSchema, month ? { month } : {});
export const getPaySettings = () => api.get("/api/v1/pay/settings", paySettingsSchema);
export const savePaySettings = (body: { payrollShareLimitPercent?: number | null; defaultMarginPercent?: number }) => api.put("/api/v1/pay/settings", paySettingsSchema, body);
export const getContests = (month: string) => api.get("/api/v1/pay/contests", contestListSchema, { month });
export const createContest = (body: { name: string; metric: string; level: string | null; month: string; prize: string }) => api.post("/api/v1/pay/contests", contestSchema, body);
export const recordWinner = (contestId: string, winnerUserId: string | null) => api.patch(`/api/v1/pay/contests/${id(contestId)}`, contestSchema, { winnerUserId });
export const deleteContest = (contestId: string) => api.send("DELETE", `/api/v1/pay/contests/${id(contestId)}`);
export const getLeaderboard = (contestId: string) => api.get(`/api/v1/pay/contests/${id(contestId)}/leaderboard`, leaderboardSchema);
export const getLiveLeaderboards = () => api.get("/api/v1/pay/contests/live", liveLeaderboardsSchema);

/** The XLSX of the month for the accountant, or the flat layout 1C loads (docs/pay.md). */
export const payExportUrl = (month: string, layout: "accountant" | "1c", locale: Locale): string =>
  `/api/v1/pay/export?${new URLSearchParams({ month, layout, locale }).toString()}`;

export const useDepartmentPayroll = (month: string) => useQuery({ queryKey: [...payKey, "payroll", month], queryFn: () => getDepartmentPayroll(month) });
export const useSellerPayroll = (sellerId: string | null, month: string) =>
  useQuery({ queryKey: [...payKey, "seller", sellerId, month], queryFn: () => getSellerPayroll(sellerId ?? "", month), enabled: sellerId !== null });
export const useAdjustments = (sellerId: string, month: string, enabled: boolean) =>
  useQuery({ queryKey: [...payKey, "adjustments", sellerId, month], queryFn: () => getAdjustments(month, sellerId), enabled });
/** The pay period of a key, or the current one: a Gregorian month, or a Jalali month in Iran when plans are by Jalali month. */
export const usePayPeriod = (month: string | null) => useQuery({ queryKey: [...payKey, "period", month], queryFn: () => getPayPeriod(month ?? undefined), staleTime: 60_000 });
export const useSchemes = () => useQuery({ queryKey: [...payKey, "schemes"], queryFn: getSchemes });
export const usePresets = () => useQuery({ queryKey: [...payKey, "presets"], queryFn: getPresets, staleTime: Infinity });
export const usePaySettings = (enabled: boolean) => useQuery({ queryKey: [...payKey, "settings"], queryFn: getPaySettings, enabled });
export const useContests = (month: string) => useQuery({ queryKey: [...payKey, "contests", month], queryFn: () => getContests(month) });
export const useLeaderboard = (contestId: string) => useQuery({ queryKey: [...payKey, "leaderboard", contestId], queryFn: () => getLeaderboard(contestId) });
/** The TV screen polls with the dashboard's refresh. */
export const useLiveLeaderboards = (refreshSeconds: number) =>
  useQuery({ queryKey: [...payKey, "live"], queryFn: getLiveLeaderboards, refetchInterval: refreshSeconds * 1000, staleTime: 0 });
