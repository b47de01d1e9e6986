import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Database } from "./database";

/** What a repository needs to run a statement: a database, a transaction, or `preparedStatements`. */
export type SqlRunner = { execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[] }> };

const dialect = new PgDialect();
/** Statement text → its number. The intake's statements have a few shapes each, their values are parameters. */
const numbers = new Map<string, number>();
const maxStatements = 500;
/**
 * Names are per connection: the embedded database is one backend session for every connection made to it, so a
 * statement a closed connection prepared is still there when the next one names it.
 */
const processTag = randomBytes(4).toString("hex");
const connectionTags = new WeakMap<pg.PoolClient, string>();
let connections = 0;
const tagOf = (client: pg.PoolClient): string => {
  let tag = connectionTags.get(client);
  if (tag === undefined) {
    connections += 1;
    tag = `${processTag}_${connections}`;
    connectionTags.set(client, tag);
  }
  return tag;
};

/** The statement's text and parameters, and its name on `client` (none once `maxStatements` shapes are known). */
const namedQuery = (client: pg.PoolClient, query: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let number = numbers.get(text);
  if (number === undefined && numbers.size < maxStatements) {
    number = numbers.size + 1;
    numbers.set(text, number);
  }
  return { ...(number !== undefined && { name: `intake_${tagOf(client)}_${number}` }), text, values: params };
};

/**
 * Runs statements as named prepared statements on the pool: each shape is parsed and planned once per connection
 * instead of with every lead (the intake's write is a dozen inserts in one statement). Outside any transaction; for
 * the statements the intake sends hundreds of times a second. Rows come with pg's own type parsing (timestamps as
 * Date), unlike `db.execute`'s strings: the intake reads none.
 */
export const preparedStatements = (database: Pick<Database, "pool">): SqlRunner => ({
  execute: async (query) => {
    const client = await database.pool.connect();
    try {
      const result = await client.query<Record<string, unknown>>(namedQuery(client, query));
      client.release();
      return { rows: result.rows };
    } catch (error) {
      // As pool.query does: a client that failed is not given to anyone else.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  },
});

/**
 * Runs `work` in one transaction on one connection of the pool, its statements prepared as `preparedStatements`
 * prepares them: the intake's group commit (commands/receive-lead-batch.ts). Commits when `work` returns, rolls
 * back when it throws.
 */
export const preparedTransaction = async <T>(database: Pick<Database, "pool">, work: (tx: SqlRunner) => Promise<T>): Promise<T> => {
  const client = await database.pool.connect();
  const tx: SqlRunner = { execute: async (query) => ({ rows: (await client.query<Record<string, unknown>>(namedQuery(client, query))).rows }) };
  try {
    await client.query("begin");
    const value = await work(tx);
    await client.query("commit");
    client.release();
    return value;
  } catch (error) {
    const failed = await client.query("rollback").then(
      () => false,
      () => true,
    );
    // A connection that cannot even roll back is not given to anyone else.
    client.release(failed);
    throw error;
  }
};
