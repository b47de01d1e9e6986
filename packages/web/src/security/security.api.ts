import {
  auditPageSchema,
  auditVerifyReportSchema,
  recoveryCodesSchema,
  revokedSessionsSchema,
  securitySettingsSchema,
  sessionListSchema,
  twoFactorEnrollmentSchema,
  twoFactorSignedInSchema,
  twoFactorStatusSchema,
  type AuditAction,
  type UpdateSecuritySettings,
} from "@conveyor/contracts";
import { api } from "../app/api";

/** [anti-leak] The audit log, your sessions, two-factor sign-in and the organization's security settings. */
export const securityKey = ["security"];
export const auditKey = [...securityKey, "audit"];
export const sessionsKey = [...securityKey, "sessions"];
export const twoFactorKey = [...securityKey, "two-factor"];
export const securitySettingsKey = [...securityKey, "settings"];

export type AuditFilters = { actorId: string | null; action: AuditAction | null; from: string | null; to: string | null; targetKind: string | null; targetId: string | null };

export const searchAudit = (filters: AuditFilters, cursor?: string) =>
  api.get("/api/v1/audit", auditPageSchema, { ...filters, cursor, limit: 50 });

export const verifyAudit = () => api.get("/api/v1/audit/verify", auditVerifyReportSchema);

export const listSessions = () => api.get("/api/v1/me/sessions", sessionListSchema);
export const revokeSession = (id: string) => api.send("DELETE", `/api/v1/me/sessions/${encodeURIComponent(id)}`);
export const revokeOtherSessions = () => api.post("/api/v1/me/sessions/revoke-others", revokedSessionsSchema);

export const getTwoFactor = () => api.get("/api/v1/me/two-factor", twoFactorStatusSchema);
export const startEnrollment = () => api.post("/api/v1/me/two-factor/enroll", twoFactorEnrollmentSchema);
export const confirmEnrollment = (code: string) => api.post("/api/v1/me/two-factor/confirm", recoveryCodesSchema, { code });
export const disableTwoFactor = (password: string) => api.send("POST", "/api/v1/me/two-factor/disable", { body: { password } });

/** The sign-in second step (the challenge travels in an HttpOnly cookie). */
export const startSignInEnrollment = () => api.post("/api/v1/auth/two-factor/enroll", twoFactorEnrollmentSchema);
export const completeSignIn = (body: { code: string } | { recoveryCode: string }) =>
  api.post("/api/v1/auth/two-factor", twoFactorSignedInSchema, body);

export const getSecuritySettings = () => api.get("/api/v1/organization/security", securitySettingsSchema);
/** An admin clears another person's two-factor (a lost phone): audited, and their sessions end. */
export const resetTwoFactorOf = (userId: string) => api.send("DELETE", `/api/v1/organization/security/two-factor/${encodeURIComponent(userId)}`);
export const updateSecuritySettings = (body: UpdateSecuritySettings) => api.patch("/api/v1/organization/security", securitySettingsSchema, body);
