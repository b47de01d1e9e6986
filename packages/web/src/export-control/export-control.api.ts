import { useQuery } from "@tanstack/react-query";
import {
  exportControlMeSchema,
  exportControlSettingsSchema,
  exportLogListSchema,
  exportRequestListSchema,
  exportRequestSchema,
  exportTraceSchema,
  offboardResultSchema,
  offboardingReportSchema,
  revealSchema,
  type ExportEntity,
  type ExportRequestStatus,
  type Offboard,
  type RevealRequest,
  type UpdateExportControlSettings,
} from "@conveyor/contracts";
import { problemToApiError } from "../api/client";
import { api } from "../app/api";

/* [anti-leak] The web side of export control: settings, approvals, the log and trace, reveals, offboarding. */

export const exportControlKey = ["export-control"];
export const exportControlMeKey = [...exportControlKey, "me"];
const id = (value: string) => encodeURIComponent(value);

export const useExportControlMe = () =>
  useQuery({ queryKey: exportControlMeKey, queryFn: () => api.get("/api/v1/exports/me", exportControlMeSchema), staleTime: 60_000 });

export const useExportSettings = (enabled: boolean) =>
  useQuery({ queryKey: [...exportControlKey, "settings"], queryFn: () => api.get("/api/v1/exports/settings", exportControlSettingsSchema), enabled });

export const saveExportSettings = (input: UpdateExportControlSettings) => api.put("/api/v1/exports/settings", exportControlSettingsSchema, input);

export const useExportRequests = (filter: { mine: boolean; status?: ExportRequestStatus }) =>
  useQuery({
    queryKey: [...exportControlKey, "requests", filter],
    queryFn: () => api.get("/api/v1/exports/requests", exportRequestListSchema, { mine: filter.mine ? "true" : undefined, status: filter.status }),
    refetchInterval: 60_000,
  });

export const requestExport = (entity: ExportEntity, query: Record<string, string>, reason: string) =>
  api.post("/api/v1/exports/requests", exportRequestSchema, { entity, query, ...(reason.trim() ? { reason: reason.trim() } : {}) });

export const decideExportRequest = (requestId: string, approve: boolean) =>
  api.post(`/api/v1/exports/requests/${id(requestId)}/${approve ? "approve" : "reject"}`, exportRequestSchema, {});

export const approvedExportUrl = (requestId: string) => `/api/v1/exports/requests/${id(requestId)}/download`;

export const useExportLog = (enabled: boolean) =>
  useQuery({ queryKey: [...exportControlKey, "log"], queryFn: () => api.get("/api/v1/exports/log", exportLogListSchema), enabled });

export const traceExportFile = (file: File) =>
  api.upload("/api/v1/exports/trace", exportTraceSchema, { data: file, contentType: file.type || "application/octet-stream" });

export const reveal = (input: RevealRequest) => api.post("/api/v1/reveals", revealSchema, input);

export const offboard = (userId: string, input: Offboard) => api.post(`/api/v1/offboarding/${id(userId)}`, offboardResultSchema, input);

export const useOffboardingReport = (userId: string) =>
  useQuery({ queryKey: [...exportControlKey, "offboarding", userId], queryFn: () => api.get(`/api/v1/offboarding/${id(userId)}/report`, offboardingReportSchema) });

/** The query string of an export address, as the approval request stores it. */
export const queryOfExportUrl = (url: string): Record<string, string> => Object.fromEntries(new URL(url, window.location.origin).searchParams.entries());

/**
 * Downloads an export through fetch, so a refusal reads as a problem (409 `export_approval_required` opens the
 * request dialog) instead of a saved error page. A file comes back as a blob saved under the server's name.
 */
export const downloadExport = async (url: string): Promise<void> => {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw problemToApiError(response.status, body, response.headers.get("retry-after"));
  }
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
};
