import type { UpdateUser } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { updateMemberProfile, updateMembership, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { mustFindMember } from "./find-member";
import { guardAdminChange } from "./guard-admin-change";

/** The admin renames a person or changes their role; the last admin keeps theirs. */
export const updateUser = async (
  context: AppContext,
  viewer: Viewer,
  userId: string,
  patch: UpdateUser,
): Promise<MemberRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const target = await mustFindMember(tx, viewer, userId);
    if (patch.role !== undefined && patch.role !== target.role) {
      await guardAdminChange(tx, viewer, target, { role: patch.role, active: target.status === "active" });
      await updateMembership(tx, viewer, userId, { role: patch.role }, now);
      await auditAs(tx, viewer, "role_changed", now, { kind: "user", id: userId }, { from: target.role, to: patch.role });
    }
    if (patch.name !== undefined) {
      await updateMemberProfile(tx, viewer, userId, { name: patch.name }, now);
      if (patch.name !== target.name) await auditAs(tx, viewer, "user_updated", now, { kind: "user", id: userId }, { name: { from: target.name, to: patch.name } });
    }
    return mustFindMember(tx, viewer, userId);
  });
};
