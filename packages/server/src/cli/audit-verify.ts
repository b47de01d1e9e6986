import { loadConfig } from "../config";
import { DataDirLockedError } from "../db/data-dir-lock";
import { openDatabase, type Database } from "../db/database";
import { migrateDatabase } from "../db/migrate";
import { verifyEveryAuditChain } from "../security/audit-verify";

/*
 * `npm run audit:verify`: walks every organization's audit hash chain from its first row and exits 1 naming
 * the first broken row (edited, removed, inserted or re-linked). Run it with the server stopped on the
 * embedded database (its data directory is locked while the server runs); on PostgreSQL any time.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

const main = async (): Promise<number> => {
  const config = loadConfig();
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openDatabase({ mode: "postgres", url: config.databaseUrl })
      : await openDatabase({ mode: "embedded", dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`\nThe audit verify cannot open the database: ${error.message}\nStop the server first.\n\n`);
      return 1;
    }
    throw error;
  }
  try {
    await migrateDatabase(database.pool);
    const reports = await verifyEveryAuditChain(database.db, say);
    const broken = reports.filter((r) => r.broken);
    say(broken.length === 0 ? `audit log intact: ${reports.length} chain(s)` : `audit log BROKEN in ${broken.length} chain(s)`);
    return broken.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
};

process.exitCode = await main();
