import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database";

/**
 * Many rows into one table as a single JSON parameter (json_populate_recordset), for the
 * imports' batches of a thousand rows: a VALUES list of 17,000 parameters spent more time being
 * parsed and planned than written. Takes the same objects as `insert(table).values(rows)`;
 * the columns no row sets take their defaults.
 */
export const insertRows = async <T extends PgTable>(
  ex: Executor,
  table: T,
  rows: ReadonlyArray<T["$inferInsert"]>,
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> => {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const used = columns.filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(used.map(([key, column]) => [column.name, (row as Record<string, unknown>)[key] ?? null]))),
  );
  const list = sql.raw(used.map(([, column]) => `"${column.name}"`).join(", "));
  const name = sql.identifier(getTableName(table));
  await ex.execute(
    sql`insert into ${name} (${list}) select ${list} from json_populate_recordset(null::${name}, ${json}::json)${
      options.onConflictDoNothing ? sql` on conflict do nothing` : sql``
    }`,
  );
};
