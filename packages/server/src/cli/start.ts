import { pino } from "pino";
import { bootstrapInstallation } from "../commands/bootstrap-installation";
import { sealPlainTwoFactorSecrets } from "../commands/manage-two-factor";
import { loadConfig, readVersion } from "../config";
import { defaultSecurity } from "../context";
import { DataDirLockedError } from "../db/data-dir-lock";
import { openDatabase, type Database } from "../db/database";
import { migrateDatabase } from "../db/migrate";
import { buildApp, logRedactPaths } from "../http/app";
import { loadServerKeys } from "../security/secret-box";
import { buildWebIfNeeded, webDistDir } from "./web-build";

const say = (line: string) => process.stdout.write(`${line}\n`);

const printFirstStart = (email: string, password: string, url: string) => {
  const lines = [
    "Conveyor is set up. Sign in as the administrator — this password is shown only once:",
    "",
    `  URL:       ${url}`,
    `  Email:     ${email}`,
    `  Password:  ${password}`,
    "",
    "You will be asked to choose a new password at first sign-in.",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  say(`\n${"=".repeat(width)}`);
  for (const line of lines) say(`  ${line}`);
  say(`${"=".repeat(width)}\n`);
};

const main = async (): Promise<void> => {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: { paths: logRedactPaths, censor: "[redacted]" } });

  let database: Database;
  try {
    database = config.databaseUrl
      ? await openDatabase({ mode: "postgres", url: config.databaseUrl })
      : await openDatabase({ mode: "embedded", dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`\nConveyor cannot start: ${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }

  // After the lock is taken, so a second start on the same data directory fails at once.
  if (config.serveWeb) buildWebIfNeeded(say);
  await migrateDatabase(database.pool);
  const { keys, source: keySource } = loadServerKeys({ secret: config.secret, dataDir: config.dataDir });
  // TOTP secrets stored before they were sealed (0017) are sealed now, once.
  const sealed = await sealPlainTwoFactorSecrets(database.db, keys);
  if (sealed > 0) logger.info({ sealed }, "two-factor secrets sealed");
  const url = `http://localhost:${config.port}`;
  const bootstrapped = await bootstrapInstallation(database, { ...config.bootstrap, now: new Date() });
  // The demo department: always on a new embedded database, on PostgreSQL only with --demo.
  const wantsDemo = database.mode === "embedded" || process.argv.includes("--demo");
  if (bootstrapped && wantsDemo) {
    const { seedDemoDepartment } = await import("@conveyor/bench/generator");
    const summary = await seedDemoDepartment(database, { organizationId: bootstrapped.organizationId, now: new Date() });
    const { seedDemoLeads } = await import("../commands/seed-demo-leads");
    const leads = await seedDemoLeads({ database, now: () => new Date(), security: defaultSecurity, keys, version: readVersion() }, bootstrapped.organizationId);
    logger.info({ ...summary, leadSources: leads.sources, leads: leads.leads }, "demo department created");
  } else if (!bootstrapped && process.argv.includes("--demo")) {
    logger.warn("--demo ignored: the database already has an organization");
  }

  const app = await buildApp({
    context: { database, now: () => new Date(), security: defaultSecurity, keys, version: readVersion() },
    logger,
    ...(config.serveWeb && { webDistDir }),
    trustProxy: config.trustProxy,
    scheduleSweep: true,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, "shutting down: draining requests");
    // A client that never finishes its request must not hold the process forever.
    const force = setTimeout(() => app.server.closeAllConnections(), 10_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      logger.info("stopped cleanly");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  if (bootstrapped) printFirstStart(bootstrapped.adminEmail, bootstrapped.oneTimePassword, url);
  logger.info(
    { url, database: database.mode, keys: keySource, readyInMs: Date.now() - startedAt },
    `Conveyor is ready at ${url} (${database.mode === "embedded" ? `embedded database in ${config.dataDir}` : "PostgreSQL"})`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`Conveyor failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
