import { randomUUID } from "node:crypto";
import type { Country, Role } from "@conveyor/contracts";
import type { Database } from "../db/database";
import { companyShares, teamMembers, teams } from "../db/schema";
import { createDefaultPipeline } from "../commands/create-default-pipeline";
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
  await createDefaultPipeline(database.db, organizationId, options.country ?? "RU");
  const admin = await buildUser(database, organizationId, { role: "admin" });
  return { organizationId, admin };
};

/** A team led by `leadId` with the given members ([conveyor] adds the screens for teams). */
export const buildTeam = async (
  database: Database,
  organizationId: string,
  options: { leadId: string; memberIds: string[]; name?: string },
): Promise<string> => {
  const rows = await database.db
    .insert(teams)
    .values({ organizationId, name: options.name ?? `Team ${randomUUID().slice(0, 6)}`, leadUserId: options.leadId })
    .returning({ id: teams.id });
  const teamId = rows[0]?.id;
  if (!teamId) throw new Error("insert into teams returned no row");
  for (const userId of [options.leadId, ...options.memberIds]) {
    await database.db.insert(teamMembers).values({ organizationId, teamId, userId });
  }
  return teamId;
};

export const shareCompany = async (database: Database, organizationId: string, companyId: string, userId: string) => {
  await database.db.insert(companyShares).values({ organizationId, companyId, userId });
};
