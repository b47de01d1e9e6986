import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { startEmbeddedDatabase } from "./embedded";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything a repository can run SQL on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseMode = "embedded" | "postgres";

export type Database = {
  mode: DatabaseMode;
  pool: pg.Pool;
  db: Db;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions =
  | { mode: "postgres"; url: string; maxConnections?: number }
  | { mode: "embedded"; dataDir: string }
  /** An embedded database already started (tests start one for the whole run). */
  | { mode: "embedded-socket"; socketDir: string; port: number };

const connectEmbedded = async (socketDir: string, port: number, stop: () => Promise<void>): Promise<Database> => {
  // PGlite is one single-threaded backend: one connection, kept open, serializes all work.
  const pool = new pg.Pool({ host: socketDir, port, user: "postgres", database: "postgres", max: 1, idleTimeoutMillis: 0 });
  pool.on("error", () => undefined);
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    await stop();
    throw error;
  }
  return {
    mode: "embedded",
    pool,
    db: drizzle(pool, { schema }),
    close: async () => {
      await pool.end();
      await stop();
    },
  };
};

// timestamptz comes back as Date (pg's default); bigint as number where it fits.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/** Opens the database in either mode; both speak the Postgres wire protocol through `pg`. */
export const openDatabase = async (options: OpenDatabaseOptions): Promise<Database> => {
  if (options.mode === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    pool.on("error", () => undefined);
    await pool.query("select 1");
    return {
      mode: "postgres",
      pool,
      db: drizzle(pool, { schema }),
      close: () => pool.end(),
    };
  }

  if (options.mode === "embedded-socket") {
    return connectEmbedded(options.socketDir, options.port, async () => undefined);
  }
  const embedded = await startEmbeddedDatabase(options.dataDir);
  return connectEmbedded(embedded.socketDir, embedded.port, embedded.stop);
};
