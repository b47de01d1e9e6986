import { z } from "zod";
import { sessionSchema } from "./auth";
import { idSchema, isoDateTimeSchema, pageOf } from "./common";

/*
 * [anti-leak] (#9): the tamper-evident audit log, sessions and sign-in hardening, two-factor.
 * The action names are stable: stored in the audit log, searched by, shown translated.
 */

export const auditActionValues = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "session_revoked",
  "password_changed",
  "password_reset",
  "user_created",
  "user_updated",
  "role_changed",
  "user_deactivated",
  "user_reactivated",
  "membership_changed",
  "owner_changed",
  "export",
  "export_approved",
  "reveal",
  "deleted",
  "settings_changed",
  "api_token_created",
  "api_token_revoked",
  "two_factor_enabled",
  "two_factor_disabled",
  "two_factor_failed",
  "recovery_code_used",
  "ip_denied",
] as const;
export const auditActionSchema = z.enum(auditActionValues);
export type AuditAction = z.infer<typeof auditActionSchema>;

// ---------------------------------------------------------------- audit log

export const auditQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  actorId: idSchema.optional(),
  action: auditActionSchema.optional(),
  targetKind: z.string().trim().min(1).max(50).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  /**
   * The period: a date ("2026-12-07") is that whole day in the organization's time zone (`from` its first
   * instant, `to` its last); a date-time with an offset is that exact instant.
   */
  from: z.union([z.iso.date(), isoDateTimeSchema]).optional(),
  to: z.union([z.iso.date(), isoDateTimeSchema]).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: idSchema,
  seq: z.number().int().positive(),
  at: isoDateTimeSchema,
  actor: z.object({ id: idSchema, name: z.string() }).nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = pageOf(auditEntrySchema);
export type AuditPage = z.infer<typeof auditPageSchema>;

// ---------------------------------------------------------------- sessions

export const sessionInfoSchema = z.object({
  id: idSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  lastSeenAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionListSchema = z.object({ items: z.array(sessionInfoSchema) });
export type SessionList = z.infer<typeof sessionListSchema>;

export const revokeSessionsSchema = z.strictObject({ scope: z.literal("others") });
export const revokedSessionsSchema = z.object({ revoked: z.number().int().nonnegative() });

// ---------------------------------------------------------------- security settings

/** A v4 CIDR (1.2.3.0/24) or a single address; v6 likewise. Checked in full by domain/security/ip-allow-list. */
export const cidrSchema = z.string().trim().min(2).max(50);

export const securitySettingsSchema = z.object({
  /** Minutes without a request after which a session ends. */
  idleTimeoutMinutes: z.number().int(),
  /** Hours after sign-in after which a session ends regardless of activity. */
  absoluteTimeoutHours: z.number().int(),
  requireTwoFactor: z.boolean(),
  ipAllowList: z.array(z.string()),
  /** The address the server sees for this request (so an admin sees what the allow-list must include). */
  currentIp: z.string().nullable(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const minIdleTimeoutMinutes = 5;
export const maxIdleTimeoutMinutes = 7 * 24 * 60;
export const minAbsoluteTimeoutHours = 1;
export const maxAbsoluteTimeoutHours = 30 * 24;

export const updateSecuritySettingsSchema = z
  .strictObject({
    idleTimeoutMinutes: z.number().int().min(minIdleTimeoutMinutes).max(maxIdleTimeoutMinutes).optional(),
    absoluteTimeoutHours: z.number().int().min(minAbsoluteTimeoutHours).max(maxAbsoluteTimeoutHours).optional(),
    requireTwoFactor: z.boolean().optional(),
    ipAllowList: z.array(cidrSchema).max(100).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change" });
export type UpdateSecuritySettings = z.infer<typeof updateSecuritySettingsSchema>;

// ---------------------------------------------------------------- two-factor

export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/, "six digits");
/** A recovery code: 10 characters, shown grouped as xxxxx-xxxxx. */
export const recoveryCodeSchema = z.string().trim().regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/i, "recovery code");

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** The organization requires it of this person (admins and heads when the setting is on). */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int().nonnegative(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

/** Enrollment started: the secret (base32) and the otpauth:// URI for the authenticator app. */
export const twoFactorEnrollmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TwoFactorEnrollment = z.infer<typeof twoFactorEnrollmentSchema>;

export const confirmTwoFactorSchema = z.strictObject({ code: totpCodeSchema });
export type ConfirmTwoFactor = z.infer<typeof confirmTwoFactorSchema>;

/** Shown once, on confirmation. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const disableTwoFactorSchema = z.strictObject({ password: z.string().min(1).max(200) });

/** The sign-in second step: a TOTP code or one recovery code. */
export const twoFactorSignInSchema = z.union([
  z.strictObject({ code: totpCodeSchema }),
  z.strictObject({ recoveryCode: recoveryCodeSchema }),
]);
export type TwoFactorSignIn = z.infer<typeof twoFactorSignInSchema>;

/** What POST /auth/sign-in answers when a second step is due (HTTP 202). */
export const signInChallengeSchema = z.object({
  /** "verify": enter a code; "enroll": the organization requires 2FA and the person has none yet. */
  twoFactor: z.enum(["verify", "enroll"]),
});
export type SignInChallenge = z.infer<typeof signInChallengeSchema>;

/** The cookie that carries a sign-in challenge between the password and the code (HttpOnly, 5 minutes). */
export const signInChallengeCookie = "conveyor_sign_in";

/** The second step's answer: the session, and — right after enrolling at sign-in — the recovery codes, once. */
export const twoFactorSignedInSchema = sessionSchema.extend({ recoveryCodes: z.array(z.string()).optional() });
export type TwoFactorSignedIn = z.infer<typeof twoFactorSignedInSchema>;

/** What POST /auth/sign-in answers: the session (200) or the second step due (202). */
export const signInResultSchema = z.union([sessionSchema, signInChallengeSchema]);
export type SignInResult = z.infer<typeof signInResultSchema>;

/** GET /audit/verify: the organization's chain walked from its first row; `broken` names the first broken one. */
export const auditVerifyReportSchema = z.object({
  organizationId: idSchema,
  rows: z.number().int().nonnegative(),
  broken: z.object({ seq: z.number().int(), id: z.string().nullable(), reason: z.string() }).nullable(),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyReportSchema>;
