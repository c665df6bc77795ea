import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.ts';

/** The SQL type of each column a table is written with through `unnestRows`. */
export type ColumnTypes = Readonly<Record<string, string>>;

/**
 * Rows as one array parameter per column, for `insert into t (columns) select * from unnest(…)`:
 * a batch of 500 rows is a short statement with a few dozen parameters that PostgreSQL parses
 * once, instead of a `values` list of thousands of parameters that Kysely compiles and the
 * server parses per batch. The columns are those any row names (in `types` order); a row
 * without one gets null there, so leave out only columns whose default is null.
 */
export function unnestRows(
  table: string,
  types: ColumnTypes,
  rows: readonly object[],
): { columns: RawBuilder<unknown>; arrays: RawBuilder<unknown> } {
  const named = new Set(rows.flatMap((row) => Object.keys(row)));
  for (const column of named) {
    // A column added to the table must be added to its types, or it would be stored wrongly.
    if (!types[column]) throw new Error(`unnestRows: no SQL type known for ${table}.${column}`);
  }
  const columns = Object.keys(types).filter((column) => named.has(column));
  const arrays = columns.map((column) => {
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[column];
      return value instanceof Date ? value.toISOString() : (value ?? null);
    });
    return sql`${values}::${sql.raw(types[column]!)}[]`;
  });
  return {
    columns: sql.join(columns.map((column) => sql.ref(column))),
    arrays: sql.join(arrays),
  };
}

/** Inserts rows into `table` in one `insert … select from unnest(…)` statement. */
export async function insertUnnested(
  db: Kysely<Database>,
  table: string,
  types: ColumnTypes,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const { columns, arrays } = unnestRows(table, types, rows);
  await sql`insert into ${sql.table(table)} (${columns}) select * from unnest(${arrays})`.execute(
    db,
  );
}
