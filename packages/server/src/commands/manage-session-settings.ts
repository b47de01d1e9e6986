import type { SecuritySettings, UpdateSecuritySettings } from "@conveyor/contracts";
import { checkIpAllowList, type SessionTimeouts } from "@conveyor/domain";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { lockSecuritySettings, readSecuritySettings, saveSecuritySettings, type SecuritySettingsRow } from "../repositories/security-settings.repository";
import type { Viewer } from "../scope";
import { appendAudit } from "../security/audit-log";

/*
 * [anti-leak] The organization's sign-in hardening: idle and absolute session timeouts, "require two-factor for
 * admins and heads", the IP allow-list. Without a saved row the installation's defaults hold.
 */

export const defaultSecuritySettings = (context: AppContext): SecuritySettingsRow => ({
  idleTimeoutMinutes: Math.round(context.security.sessionIdleTimeoutMs / 60_000),
  absoluteTimeoutHours: Math.round(context.security.sessionTtlMs / 3_600_000),
  requireTwoFactor: false,
  ipAllowList: [],
});

export const effectiveTimeouts = async (context: AppContext, ex: Executor, viewer: Pick<Viewer, "organizationId">): Promise<SessionTimeouts> => {
  const row = (await readSecuritySettings(ex, viewer)) ?? defaultSecuritySettings(context);
  return { idleTimeoutMinutes: row.idleTimeoutMinutes, absoluteTimeoutHours: row.absoluteTimeoutHours };
};

export const readSessionSettings = async (context: AppContext, viewer: Viewer, currentIp: string | null): Promise<SecuritySettings> => {
  const row = (await readSecuritySettings(context.database.db, viewer)) ?? defaultSecuritySettings(context);
  return { ...row, currentIp };
};

/**
 * Saves the changed settings. The allow-list must parse and must allow the address the admin is using now,
 * so nobody locks themself out (`validation_failed` on `ipAllowList`).
 */
export const updateSessionSettings = async (
  context: AppContext,
  viewer: Viewer,
  change: UpdateSecuritySettings,
  currentIp: string,
): Promise<SecuritySettings> => {
  const now = context.now();
  let ipAllowList: string[] | undefined;
  if (change.ipAllowList !== undefined) {
    const checked = checkIpAllowList(change.ipAllowList, currentIp);
    if (!checked.ok) {
      const message = checked.reason === "invalid" ? "Not an IP address or CIDR block" : `The list does not include your current address (${currentIp})`;
      throw new AppError("validation_failed", message, {
        errors: [{ field: checked.index === null ? "ipAllowList" : `ipAllowList.${checked.index}`, code: checked.reason, message }],
      });
    }
    ipAllowList = checked.normalized;
  }
  return context.database.db.transaction(async (tx) => {
    await lockSecuritySettings(tx, viewer);
    const before = (await readSecuritySettings(tx, viewer)) ?? defaultSecuritySettings(context);
    const after: SecuritySettingsRow = {
      idleTimeoutMinutes: change.idleTimeoutMinutes ?? before.idleTimeoutMinutes,
      absoluteTimeoutHours: change.absoluteTimeoutHours ?? before.absoluteTimeoutHours,
      requireTwoFactor: change.requireTwoFactor ?? before.requireTwoFactor,
      ipAllowList: ipAllowList ?? before.ipAllowList,
    };
    if (after.idleTimeoutMinutes > after.absoluteTimeoutHours * 60) {
      const message = "The idle timeout cannot be longer than the absolute one";
      throw new AppError("validation_failed", message, { errors: [{ field: "idleTimeoutMinutes", code: "too_big", message }] });
    }
    await saveSecuritySettings(tx, viewer, after, now);
    const changed = Object.fromEntries(
      (Object.keys(after) as (keyof SecuritySettingsRow)[])
        .filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]))
        .map((key) => [key, { from: before[key], to: after[key] }]),
    );
    if (Object.keys(changed).length > 0) {
      await appendAudit(tx, {
        organizationId: viewer.organizationId,
        actorId: viewer.userId,
        action: "settings_changed",
        targetKind: "security_settings",
        targetId: viewer.organizationId,
        details: { changed },
        ip: currentIp,
        at: now,
      });
    }
    return { ...after, currentIp };
  });
};
