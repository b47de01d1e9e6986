import type { AppContext } from "../context";
import { revokeUserSessions } from "../repositories/session.repository";
import { setMemberPassword, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { hashPassword } from "../security/passwords";
import { mustFindMember } from "./find-member";

/** The admin sets a new temporary password; the person must change it at next sign-in. */
export const resetUserPassword = async (
  context: AppContext,
  viewer: Viewer,
  userId: string,
  temporaryPassword: string,
): Promise<MemberRow> => {
  const now = context.now();
  const passwordHash = await hashPassword(temporaryPassword);
  return context.database.db.transaction(async (tx) => {
    await mustFindMember(tx, viewer, userId);
    await setMemberPassword(tx, viewer, userId, passwordHash, true, now);
    await revokeUserSessions(tx, viewer, userId, now);
    await auditAs(tx, viewer, "password_reset", now, { kind: "user", id: userId });
    return mustFindMember(tx, viewer, userId);
  });
};
