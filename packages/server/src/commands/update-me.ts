import type { UpdateMe } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { updateMemberProfile, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { mustFindMember } from "./find-member";

/** A person changes their own name or language. */
export const updateMe = async (context: AppContext, viewer: Viewer, patch: UpdateMe): Promise<MemberRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    await updateMemberProfile(tx, viewer, viewer.userId, patch, now);
    return mustFindMember(tx, viewer, viewer.userId);
  });
};
