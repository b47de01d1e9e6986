import type { AppContext } from "../context";
import { AppError } from "../http/app-error";
import { findPasswordHash, setMemberPassword } from "../repositories/user.repository";
import { insertSession, revokeUserSessions } from "../repositories/session.repository";
import type { Viewer } from "../scope";
import { hashPassword, verifyPassword } from "../security/passwords";
import { newSecret, sha256 } from "../security/tokens";
import type { SignedIn } from "./sign-in";

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
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + context.security.sessionTtlMs);
  const sessionId = await db.transaction(async (tx) => {
    await setMemberPassword(tx, viewer, viewer.userId, newHash, false, now);
    await revokeUserSessions(tx, viewer, viewer.userId, now);
    return insertSession(
      tx,
      {
        organizationId: viewer.organizationId,
        userId: viewer.userId,
        tokenHash: sha256(token),
        csrfToken,
        ip: options.ip,
        userAgent: options.userAgent?.slice(0, 400) ?? null,
        expiresAt,
      },
      now,
    );
  });
  return {
    token,
    sessionId,
    csrfToken,
    organizationId: viewer.organizationId,
    userId: viewer.userId,
    role: viewer.role,
    expiresAt,
  };
};

