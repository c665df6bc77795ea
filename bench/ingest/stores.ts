// The two stores as the benchmark opens them: like src/store/connect.ts, plus a Kysely query
// log that adds up the time of each statement, so a slow run says which queries cost what.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/store/schema.ts';

const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => value);

export interface QueryTime {
  statement: string;
  calls: number;
  milliseconds: number;
}

export interface BenchStore {
  db: Kysely<Database>;
  queryTimes: Map<string, QueryTime>;
  /** CPU seconds the database server has spent for this store so far (PostgreSQL: its backend). */
  serverCpuSeconds(): Promise<number>;
  /** COPY of a CSV file into `table` (a header line unless `columns` names them). */
  copyCsv(table: string, file: string, columns?: readonly string[]): Promise<void>;
  /** Writes what `select` returns to `file` as CSV without a header (COPY … TO). */
  exportCsv(select: string, file: string): Promise<void>;
  close(): Promise<void>;
}

/** "insert into "mentions" (…) values (…), (…)" → one key for every batch size. */
function statementKey(sql: string): string {
  return sql
    .replace(/\(\$\d+(?:, \$\d+)*\)(?:, \(\$\d+(?:, \$\d+)*\))*/g, '(…)')
    .replace(/\$\d+/g, '?')
    .replace(/\s+/g, ' ')
    .slice(0, 110);
}

const copyTarget = (table: string, columns?: readonly string[]) =>
  columns ? `${table} (${columns.join(', ')})` : table;
const csv = (columns?: readonly string[]) =>
  columns ? 'with (format csv)' : 'with (format csv, header true)';

function queryLog(times: Map<string, QueryTime>) {
  return (event: LogEvent): void => {
    const statement = statementKey(event.query.sql);
    const entry = times.get(statement) ?? { statement, calls: 0, milliseconds: 0 };
    entry.calls += 1;
    entry.milliseconds += event.queryDurationMillis;
    times.set(statement, entry);
  };
}

export async function openPgliteBench(template: Blob): Promise<BenchStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-bench-pglite-'));
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir: template,
    parsers: { [INT8_OID]: (value: string) => value },
  });
  const queryTimes = new Map<string, QueryTime>();
  const db = new Kysely<Database>({
    dialect: new PGliteDialect({ pglite }),
    log: queryLog(queryTimes),
  });
  return {
    db,
    queryTimes,
    // PGlite runs inside this process: its CPU time is already the process's.
    serverCpuSeconds: async () => 0,
    async copyCsv(table, file, columns) {
      const { readFile } = await import('node:fs/promises');
      const blob = new Blob([await readFile(file)]);
      await pglite.query(
        `copy ${copyTarget(table, columns)} from '/dev/blob' ${csv(columns)}`,
        [],
        {
          blob,
        },
      );
    },
    async exportCsv(select, file) {
      const { writeFile } = await import('node:fs/promises');
      const result = await pglite.query(`copy (${select}) to '/dev/blob' with (format csv)`);
      await writeFile(file, Buffer.from(await result.blob!.arrayBuffer()));
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function openPostgresBench(databaseUrl: string): Promise<BenchStore> {
  // One connection, kept: its backend's CPU time is the server's share of the work.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 0 });
  const queryTimes = new Map<string, QueryTime>();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: queryLog(queryTimes),
  });
  const backend = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  const backendPid = backend.rows[0]!.pid;
  return {
    db,
    queryTimes,
    async serverCpuSeconds() {
      // /proc/PID/stat fields 14 and 15: user and system time in clock ticks (100 a second).
      const { readFile } = await import('node:fs/promises');
      const stat = await readFile(`/proc/${backendPid}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
    },
    async copyCsv(table, file, columns) {
      const [{ from }, { createReadStream }, { pipeline }] = await Promise.all([
        import('pg-copy-streams'),
        import('node:fs'),
        import('node:stream/promises'),
      ]);
      const client = await pool.connect();
      try {
        await pipeline(
          createReadStream(file),
          client.query(from(`copy ${copyTarget(table, columns)} from stdin ${csv(columns)}`)),
        );
      } finally {
        client.release();
      }
    },
    async exportCsv(select, file) {
      const [{ to }, { createWriteStream }, { pipeline }] = await Promise.all([
        import('pg-copy-streams'),
        import('node:fs'),
        import('node:stream/promises'),
      ]);
      const client = await pool.connect();
      try {
        await pipeline(
          client.query(to(`copy (${select}) to stdout with (format csv)`)),
          createWriteStream(file),
        );
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
