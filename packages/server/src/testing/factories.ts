import { randomUUID } from "node:crypto";
import type { Country, Role } from "@conveyor/contracts";
import type { Database } from "../db/database";
import { insertOrganization } from "../repositories/authentication.repository";
import { insertMember } from "../repositories/user.repository";
import { hashPassword } from "../security/passwords";

/*
 * Factories for tests and benchmarks: each creates the parents it needs, and every call
 * makes new, unique records, so tests never clean up and can share one database.
 */

export const factoryPassword = "correct-horse-battery";

let cachedHash: Promise<string> | undefined;
const factoryPasswordHash = () => (cachedHash ??= hashPassword(factoryPassword));

export const uniqueEmail = (label = "user"): string => `${label}-${randomUUID().slice(0, 12)}@example.test`;

export type BuiltUser = { id: string; email: string; role: Role };
export type BuiltOrganization = { organizationId: string; admin: BuiltUser };

export const buildUser = async (
  database: Database,
  organizationId: string,
  options: { role?: Role; name?: string; email?: string; mustChangePassword?: boolean } = {},
): Promise<BuiltUser> => {
  const role = options.role ?? "seller";
  const email = options.email ?? uniqueEmail(role);
  const id = await insertMember(
    database.db,
    { organizationId },
    {
      email,
      name: options.name ?? `${role} ${randomUUID().slice(0, 6)}`,
      passwordHash: await factoryPasswordHash(),
      role,
      locale: null,
      mustChangePassword: options.mustChangePassword ?? false,
    },
    new Date(),
  );
  return { id, email, role };
};

/** An organization with an admin who has already chosen a password. */
export const buildOrganization = async (
  database: Database,
  options: { name?: string; country?: Country } = {},
): Promise<BuiltOrganization> => {
  const now = new Date();
  const organizationId = await insertOrganization(database.db, {
    name: options.name ?? `Org ${randomUUID().slice(0, 8)}`,
    country: options.country ?? "RU",
    timeZone: "Europe/Moscow",
    currency: "RUB",
    defaultLocale: null,
    createdAt: now,
    updatedAt: now,
  });
  const admin = await buildUser(database, organizationId, { role: "admin" });
  return { organizationId, admin };
};
