import { roleSchema } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { revokeUserApiTokens } from "../repositories/api-token.repository";
import { revokeUserSessions } from "../repositories/session.repository";
import { updateMembership, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { mustFindMember } from "./find-member";
import { guardAdminChange } from "./guard-admin-change";

/**
 * Deactivating ends the person's sessions and API tokens in the same transaction, so their
 * next request is already refused. The account and its history stay.
 */
export const setUserActive = async (
  context: AppContext,
  viewer: Viewer,
  userId: string,
  active: boolean,
): Promise<MemberRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const target = await mustFindMember(tx, viewer, userId);
    if (!active && target.id === viewer.userId) {
      throw new AppError("cannot_deactivate_self", "You cannot deactivate yourself");
    }
    if ((target.status === "active") === active) return target;
    await guardAdminChange(tx, viewer, target, { role: roleSchema.parse(target.role), active });
    await updateMembership(
      tx,
      viewer,
      userId,
      active ? { status: "active", deactivatedAt: null } : { status: "deactivated", deactivatedAt: now },
      now,
    );
    if (!active) {
      await revokeUserSessions(tx, viewer, userId, now);
      await revokeUserApiTokens(tx, viewer, userId, now);
    }
    await auditAs(tx, viewer, active ? "user_reactivated" : "user_deactivated", now, { kind: "user", id: userId }, active ? undefined : { sessionsRevoked: true, apiTokensRevoked: true });
    return mustFindMember(tx, viewer, userId);
  });
};
