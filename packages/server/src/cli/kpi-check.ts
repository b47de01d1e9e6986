import { checkEveryOrganization } from "../commands/check-kpi-rollups";
import { loadConfig } from "../config";
import { DataDirLockedError } from "../db/data-dir-lock";
import { openDatabase, type Database } from "../db/database";
import { migrateDatabase } from "../db/migrate";

/*
 * `npm run kpi:check [-- --rebuild]`: the KPI rollups' consistency check as an admin command (DESIGN.md). Each
 * organization's rollups are rebuilt from the raw tables and compared; with --rebuild, the ones that differ are
 * replaced in one transaction per organization. Exits 1 when a difference stays. Run it with the server stopped on
 * the embedded database (its data directory is locked while the server runs); on PostgreSQL any time.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

const main = async (): Promise<number> => {
  const config = loadConfig();
  const rebuild = process.argv.includes("--rebuild");
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openDatabase({ mode: "postgres", url: config.databaseUrl })
      : await openDatabase({ mode: "embedded", dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`\nThe KPI check cannot open the database: ${error.message}\nStop the server, or use POST /api/v1/kpi/check as an admin.\n\n`);
      return 1;
    }
    throw error;
  }
  try {
    await migrateDatabase(database.pool);
    return (await checkEveryOrganization(database.db, { rebuild, say })).differing === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
};

process.exitCode = await main();
