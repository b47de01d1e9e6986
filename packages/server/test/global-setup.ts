import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/db/database";
import { startEmbeddedDatabase } from "../src/db/embedded";
import { migrateDatabase } from "../src/db/migrate";

export type TestDatabaseTarget =
  | { mode: "postgres"; url: string }
  | { mode: "embedded"; socketDir: string; port: number };

declare module "vitest" {
  // Module augmentation can only merge into an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    database: TestDatabaseTarget;
  }
}

/**
 * One migrated database for the whole run: the machine's PostgreSQL when DATABASE_URL is
 * set, else an embedded PGlite in a temporary directory. Tests never truncate: each makes
 * its own organization.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env["DATABASE_URL"];
  if (url) {
    const database = await openDatabase({ mode: "postgres", url, maxConnections: 2 });
    await migrateDatabase(database.pool);
    await database.close();
    project.provide("database", { mode: "postgres", url });
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "cvt-"));
  const embedded = await startEmbeddedDatabase(dir);
  const target: TestDatabaseTarget = { mode: "embedded", socketDir: embedded.socketDir, port: embedded.port };
  const pg = await import("pg");
  const pool = new pg.default.Pool({ host: embedded.socketDir, port: embedded.port, user: "postgres", database: "postgres", max: 1 });
  await migrateDatabase(pool);
  await pool.end();
  project.provide("database", target);
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
