// The limit intake is compared against (issue 22, point 6): a COPY of the very rows an import
// stored into the very tables it wrote them to (mentions, conversations, contacts, identities,
// events and the rest), with their indexes, constraints, foreign keys and triggers, in a fresh
// database migrated the same way. Tables that triggers fill (the report queue) are left to those
// triggers, as they are during the import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { BenchStore } from './stores.ts';

/** Row counts of every table of the schema (Kysely's own bookkeeping left out). */
export async function tableCounts(store: BenchStore): Promise<Map<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely_migration%'
    order by table_name`.execute(store.db);
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(
      store.db,
    );
    counts.set(name, Number(rows[0]!.n));
  }
  return counts;
}

/** Tables a trigger function inserts into: their rows come with the rows of other tables. */
async function triggerTargets(store: BenchStore): Promise<Set<string>> {
  const { rows } = await sql<{ source: string }>`
    select distinct p.prosrc as source from pg_trigger t join pg_proc p on p.oid = t.tgfoid
    where not t.tgisinternal`.execute(store.db);
  const targets = new Set<string>();
  for (const { source } of rows)
    for (const match of source.matchAll(/insert\s+into\s+"?(\w+)"?/gi))
      targets.add(match[1]!.toLowerCase());
  return targets;
}

/** The columns a COPY can fill: not generated, not an identity the database always assigns. */
async function copyColumns(store: BenchStore, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
      and is_generated = 'NEVER' and not (is_identity = 'YES' and identity_generation = 'ALWAYS')
    order by ordinal_position`.execute(store.db);
  return rows.map((row) => `"${row.name}"`);
}

/** `tables` ordered so a table comes after every other one of them it has a foreign key to. */
async function foreignKeyOrder(store: BenchStore, tables: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c where c.contype = 'f' and c.conrelid <> c.confrelid`.execute(store.db);
  const wanted = new Set(tables);
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of rows)
    if (wanted.has(child) && wanted.has(parent)) parents.get(child)!.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find(
      (table) => !placed.has(table) && [...parents.get(table)!].every((p) => placed.has(p)),
    );
    if (!next) throw new Error(`foreign keys form a cycle among ${tables.join(', ')}`);
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

export interface SameTablesCopy {
  /** The tables COPYed, in the order they were, with their rows and time. */
  tables: { name: string; rows: number; milliseconds: number }[];
  rows: number;
  seconds: number;
  /** This process and the database server together. */
  cpuSeconds: number;
}

/**
 * COPYs what the import stored (`source`, the tables that grew from `before`) into `target`, a
 * freshly migrated database: first, untimed, the rows that were there before the import
 * (workspace, brand); then, timed, the import's tables in foreign-key order.
 */
export async function copySameTables(
  source: BenchStore,
  before: ReadonlyMap<string, number>,
  target: BenchStore,
): Promise<SameTablesCopy> {
  const after = await tableCounts(source);
  const filledByTriggers = await triggerTargets(source);
  const prerequisites = [...before].filter(([, n]) => n > 0).map(([name]) => name);
  const written = [...after]
    .filter(([name, n]) => n > (before.get(name) ?? 0) && !filledByTriggers.has(name))
    .map(([name]) => name);
  const overlap = written.filter((name) => (before.get(name) ?? 0) > 0);
  if (overlap.length > 0)
    throw new Error(`tables with rows before the import grew: ${overlap.join(', ')}`);
  const directory = mkdtempSync(path.join(tmpdir(), 'earshot-bench-copy-'));
  try {
    const files = new Map<string, { file: string; columns: string[] }>();
    for (const name of [...prerequisites, ...written]) {
      const columns = await copyColumns(source, name);
      const file = path.join(directory, `${name}.csv`);
      await source.exportCsv(`select ${columns.join(', ')} from "${name}"`, file);
      files.set(name, { file, columns });
    }
    const prerequisiteOrder = await foreignKeyOrder(source, prerequisites);
    for (const name of [...prerequisiteOrder].reverse())
      await sql`delete from ${sql.table(name)}`.execute(target.db);
    for (const name of prerequisiteOrder) {
      const { file, columns } = files.get(name)!;
      await target.copyCsv(name, file, columns);
    }
    const tables: SameTablesCopy['tables'] = [];
    const serverBefore = await target.serverCpuSeconds();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const name of await foreignKeyOrder(source, written)) {
      const { file, columns } = files.get(name)!;
      const tableStarted = performance.now();
      await target.copyCsv(name, file, columns);
      tables.push({
        name,
        rows: after.get(name)! - (before.get(name) ?? 0),
        milliseconds: performance.now() - tableStarted,
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const serverCpu = (await target.serverCpuSeconds()) - serverBefore;
    return {
      tables,
      rows: tables.reduce((sum, table) => sum + table.rows, 0),
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6 + serverCpu,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
