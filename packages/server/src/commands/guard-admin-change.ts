import type { Role } from "@conveyor/contracts";
import type { Executor } from "../db/database";
import { AppError } from "../http/app-error";
import { countActiveAdmins, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";

/** Keeps at least one active admin, and stops an admin from locking themselves out. */
export const guardAdminChange = async (ex: Executor, viewer: Viewer, target: MemberRow, next: { role: Role; active: boolean }) => {
  const losesAdmin = target.role === "admin" && target.status === "active" && (next.role !== "admin" || !next.active);
  if (!losesAdmin) return;
  if (target.id === viewer.userId) {
    throw new AppError("cannot_deactivate_self", "You cannot remove your own admin rights or deactivate yourself");
  }
  if ((await countActiveAdmins(ex, viewer)) <= 1) {
    throw new AppError("last_admin", "The organization must keep at least one active admin");
  }
};
