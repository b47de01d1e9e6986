import type { CreateUser, Role, UpdateMe, UpdateUser } from "@conveyor/contracts";
import type { AppContext } from "../context";
import type { Executor } from "../db/database";
import { AppError, notFound } from "../http/app-error";
import { revokeUserApiTokens } from "../repositories/api-token.repository";
import { revokeUserSessions } from "../repositories/session.repository";
import {
  countActiveAdmins,
  emailExists,
  findMember,
  insertMember,
  setMemberPassword,
  updateMemberProfile,
  updateMembership,
  type MemberRow,
} from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { hashPassword } from "../security/passwords";

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && error.code === "23505";

const emailTaken = () =>
  new AppError("email_taken", "A user with this email already exists", {
    errors: [{ field: "email", code: "email_taken", message: "A user with this email already exists" }],
  });

const mustFind = async (ex: Executor, viewer: Viewer, userId: string): Promise<MemberRow> => {
  const member = await findMember(ex, viewer, userId);
  if (!member) throw notFound("The user");
  return member;
};

/** The admin adds a person with a temporary password they must change at first sign-in. */
export const createUser = async (
  context: AppContext,
  viewer: Viewer,
  input: Omit<CreateUser, "email"> & { email: string },
): Promise<MemberRow> => {
  const { db } = context.database;
  const now = context.now();
  if (await emailExists(db, input.email)) throw emailTaken();
  const passwordHash = await hashPassword(input.temporaryPassword);
  try {
    return await db.transaction(async (tx) => {
      const userId = await insertMember(
        tx,
        viewer,
        {
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.role,
          locale: input.locale ?? null,
          mustChangePassword: true,
        },
        now,
      );
      return mustFind(tx, viewer, userId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
};

/** Keeps at least one active admin, and stops an admin from locking themselves out. */
const guardAdminChange = async (ex: Executor, viewer: Viewer, target: MemberRow, next: { role: Role; active: boolean }) => {
  const losesAdmin = target.role === "admin" && target.status === "active" && (next.role !== "admin" || !next.active);
  if (!losesAdmin) return;
  if (target.id === viewer.userId) {
    throw new AppError("cannot_deactivate_self", "You cannot remove your own admin rights or deactivate yourself");
  }
  if ((await countActiveAdmins(ex, viewer)) <= 1) {
    throw new AppError("last_admin", "The organization must keep at least one active admin");
  }
};

export const updateUser = async (
  context: AppContext,
  viewer: Viewer,
  userId: string,
  patch: UpdateUser,
): Promise<MemberRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    const target = await mustFind(tx, viewer, userId);
    if (patch.role !== undefined && patch.role !== target.role) {
      await guardAdminChange(tx, viewer, target, { role: patch.role, active: target.status === "active" });
      await updateMembership(tx, viewer, userId, { role: patch.role }, now);
    }
    if (patch.name !== undefined) await updateMemberProfile(tx, viewer, userId, { name: patch.name }, now);
    return mustFind(tx, viewer, userId);
  });
};

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
    const target = await mustFind(tx, viewer, userId);
    if (!active && target.id === viewer.userId) {
      throw new AppError("cannot_deactivate_self", "You cannot deactivate yourself");
    }
    if ((target.status === "active") === active) return target;
    await guardAdminChange(tx, viewer, target, { role: target.role as Role, active });
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
    return mustFind(tx, viewer, userId);
  });
};

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
    await mustFind(tx, viewer, userId);
    await setMemberPassword(tx, viewer, userId, passwordHash, true, now);
    await revokeUserSessions(tx, viewer, userId, now);
    return mustFind(tx, viewer, userId);
  });
};

export const updateMe = async (context: AppContext, viewer: Viewer, patch: UpdateMe): Promise<MemberRow> => {
  const now = context.now();
  return context.database.db.transaction(async (tx) => {
    await updateMemberProfile(tx, viewer, viewer.userId, patch, now);
    return mustFind(tx, viewer, viewer.userId);
  });
};

export const getUser = (context: AppContext, viewer: Viewer, userId: string): Promise<MemberRow> =>
  mustFind(context.database.db, viewer, userId);
