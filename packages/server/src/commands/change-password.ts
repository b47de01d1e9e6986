import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { findPasswordHash, setMemberPassword } from "../repositories/user.repository";
import { revokeUserSessions } from "../repositories/session.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { hashPassword, verifyPassword } from "../security/passwords";
import { openSession, type SignedIn } from "./open-session";

export type ChangePasswordOptions = {
  viewer: Viewer;
  currentPassword: string;
  newPassword: string;
  ip: string;
  userAgent: string | null;
};

/**
 * Sets a new password and ends every session of the person, this one included, then opens
 * a fresh session: a stolen cookie or a shared one-time password stops working at once.
 */
export const changePassword = async (context: AppContext, options: ChangePasswordOptions): Promise<SignedIn> => {
  const { db } = context.database;
  const now = context.now();
  const { viewer } = options;
  const currentHash = await findPasswordHash(db, viewer, viewer.userId);
  if (!currentHash || !(await verifyPassword(currentHash, options.currentPassword))) {
    throw new AppError("wrong_password", "The current password is wrong", {
      errors: [{ field: "currentPassword", code: "wrong_password", message: "The current password is wrong" }],
    });
  }
  const newHash = await hashPassword(options.newPassword);
  return db.transaction(async (tx) => {
    await setMemberPassword(tx, viewer, viewer.userId, newHash, false, now);
    await revokeUserSessions(tx, viewer, viewer.userId, now);
    await auditAs(tx, viewer, "password_changed", now, { kind: "user", id: viewer.userId });
    return openSession(tx, {
      organizationId: viewer.organizationId,
      userId: viewer.userId,
      role: viewer.role,
      ip: options.ip,
      userAgent: options.userAgent,
      ttlMs: context.security.sessionTtlMs,
      now,
    });
  });
};
