import { countryDefaults, type Country } from "@conveyor/contracts";
import type { Database } from "../db/database";
import { anyOrganizationExists, insertOrganization } from "../repositories/authentication.repository";
import { insertMember } from "../repositories/user.repository";
import { createDefaultPipeline } from "./create-default-pipeline";
import { hashPassword } from "../security/passwords";
import { newOneTimePassword } from "../security/tokens";

export type BootstrapOptions = {
  organizationName: string;
  country: Country;
  adminEmail: string;
  adminName: string;
  now: Date;
};

export type Bootstrapped = { organizationId: string; adminEmail: string; oneTimePassword: string };

/**
 * On an empty database: the first organization and its admin, with a random one-time
 * password the admin must change at first sign-in. Returns undefined when the database
 * already has an organization, so a restart never creates a second one.
 */
export const bootstrapInstallation = async (
  database: Database,
  options: BootstrapOptions,
): Promise<Bootstrapped | undefined> => {
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const defaults = countryDefaults[options.country];
  return database.db.transaction(async (tx) => {
    // Serializes concurrent first starts against one PostgreSQL.
    await tx.execute("select pg_advisory_xact_lock(7401190232)");
    if (await anyOrganizationExists(tx)) return undefined;
    const organizationId = await insertOrganization(tx, {
      name: options.organizationName,
      country: options.country,
      timeZone: defaults.timeZone,
      currency: defaults.currency,
      defaultLocale: null,
      createdAt: options.now,
      updatedAt: options.now,
    });
    await createDefaultPipeline(tx, organizationId, options.country);
    await insertMember(
      tx,
      { organizationId },
      {
        email: options.adminEmail,
        name: options.adminName,
        passwordHash,
        role: "admin",
        locale: null,
        mustChangePassword: true,
      },
      options.now,
    );
    return { organizationId, adminEmail: options.adminEmail, oneTimePassword };
  });
};
