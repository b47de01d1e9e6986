import type { CreateUser } from "@conveyor/contracts";
import type { AppContext } from "../context";
import { isUniqueViolation } from "../db/errors";
import { AppError } from "../http/app-error";
import { emailExists, insertMember, type MemberRow } from "../repositories/user.repository";
import type { Viewer } from "../scope";
import { auditAs } from "../security/audit-log";
import { hashPassword } from "../security/passwords";
import { mustFindMember } from "./find-member";

const emailTaken = () =>
  new AppError("email_taken", "A user with this email already exists", {
    errors: [{ field: "email", code: "email_taken", message: "A user with this email already exists" }],
  });

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
      await auditAs(tx, viewer, "user_created", now, { kind: "user", id: userId }, { email: input.email, role: input.role });
      return mustFindMember(tx, viewer, userId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
};
