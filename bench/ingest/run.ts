// Ingest end to end (read the twcs CSV → normalise → triage → rebuild threads → store: dedupe,
// conversations, contacts, events, NOTIFY) of generated mentions into PostgreSQL and PGlite,
// beside two COPYs in the same run: the file into a plain table (the raw limit), and the stored
// mention rows into a fresh copy of the real `mentions` table with its indexes, generated search
// column and constraints (the limit of storing those rows). Median of N runs.
// `npm run bench:ingest [-- --rows 100000 --runs 3 --stores postgres,pglite --no-triage]`
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (a role that may create databases).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createTriageAssess } from '../../src/pipeline/intake/assess.ts';
import { importFile } from '../../src/pipeline/intake/import-file.ts';
import { createBrand } from '../../src/store/brands.repository.ts';
import { openStore } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createWorkspace } from '../../src/store/workspaces.repository.ts';
import { loadTriageModels } from '../../src/triage/models.ts';
import { copySameTables, tableCounts } from './copy-same-tables.ts';
import type { SameTablesCopy } from './copy-same-tables.ts';
import { writeTwcsFile } from './generate-twcs.ts';
import { openPgliteBench, openPostgresBench } from './stores.ts';
import type { BenchStore, QueryTime } from './stores.ts';

const goalPerSecond = 5_000;
const goalShareOfCopy = 0.5;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    stores: { type: 'string', default: 'postgres,pglite' },
    // Runs ANALYZE once the first 1,000 rows are in: shows what planner statistics change.
    'analyze-early': { type: 'boolean', default: false },
    // Labels every mention with the triage models, as `earshot import` does (--no-triage: off).
    triage: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const assess = args.triage ? createTriageAssess(loadTriageModels()) : undefined;
const rows = Number(args.rows);
const runs = Math.max(1, Number(args.runs));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const stores = args.stores
  .split(',')
  .filter((s) => s === 'pglite' || (s === 'postgres' && adminUrl));
if (args.stores.includes('postgres') && !adminUrl)
  console.error('bench:ingest: no BENCH_DATABASE_URL or DATABASE_URL; skipping PostgreSQL');

interface Sample {
  perSecond: number;
  perCpuSecond: number;
  /** Per CPU-second of this process and the database server together: what an idle machine would do. */
  perTotalCpuSecond: number;
  peakRssMb: number;
  /** Peak minus the RSS when the import started. */
  rssGrowthMb: number;
  copyPerSecond: number;
  copyPerTotalCpuSecond: number;
  /** The same mention rows COPYed into a copy of the real `mentions` table. */
  copyMentionsPerSecond: number;
  copyMentionsPerTotalCpuSecond: number;
  /** Ingest's wall time over a COPY's of the same rows into the same tables (goal ≥ 0.5). */
  sameTables: SameTablesCopy & { ingestSeconds: number; ingestCpuSeconds: number };
  queries: Map<string, QueryTime>;
}

/** A freshly migrated store of the same kind, and how to remove it. */
type OpenFresh = (label: string) => Promise<{ store: BenchStore; drop: () => Promise<void> }>;

const directory = mkdtempSync(path.join(tmpdir(), 'earshot-bench-ingest-'));
const file = path.join(directory, 'tweets.csv');
const generated = writeTwcsFile(file, { rows, seed: 42 });
const mentionsFile = path.join(directory, 'mentions.csv');

const copyTable = `create table copy_target (tweet_id text, author_id text, inbound text,
  created_at text, text text, response_tweet_id text, in_response_to_tweet_id text)`;

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function measured<T>(work: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      result,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRss: peak,
      rssGrowth: peak - before,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function runOnce(store: BenchStore, openFresh: OpenFresh): Promise<Sample> {
  const workspace = await createWorkspace(store.db, `Bench ${Date.now()}`);
  const brand = await createBrand(store.db, workspace.id, {
    name: 'Acme',
    handles: ['@AcmeSupport'],
    keywords: [],
    isCompetitor: false,
  });
  const countsBefore = await tableCounts(store);
  store.queryTimes.clear();
  const serverCpuBefore = await store.serverCpuSeconds();
  let analyzing: Promise<unknown> | undefined;
  const ingest = await measured(async () => {
    const summary = await importFile(store.db, {
      workspaceId: workspace.id,
      brandId: brand.id,
      format: 'twcs',
      path: file,
      ...(assess ? { assess } : {}),
      onProgress: ({ records }) => {
        if (args['analyze-early'] && !analyzing && records >= 1000)
          analyzing = sql`analyze`.execute(store.db);
      },
    });
    await analyzing;
    return summary;
  });
  const stored = ingest.result.mentions + ingest.result.replies;
  if (stored !== generated.ids.length)
    throw new Error(`stored ${stored} of ${generated.ids.length} mentions`);
  const serverCpu = (await store.serverCpuSeconds()) - serverCpuBefore;
  const queries = new Map(store.queryTimes);
  await sql.raw(copyTable).execute(store.db);
  const copyServerBefore = await store.serverCpuSeconds();
  const copy = await measured(() => store.copyCsv('copy_target', file));
  const copyServerCpu = (await store.serverCpuSeconds()) - copyServerBefore;
  const columns = await prepareMentionsReplica(store);
  const copyMentionsServerBefore = await store.serverCpuSeconds();
  const copyMentions = await measured(() => store.copyCsv('mentions_copy', mentionsFile, columns));
  const copyMentionsServerCpu = (await store.serverCpuSeconds()) - copyMentionsServerBefore;
  await sql`drop table copy_target, mentions_copy`.execute(store.db);
  const fresh = await openFresh('copy');
  let sameTables: SameTablesCopy;
  try {
    sameTables = await copySameTables(store, countsBefore, fresh.store);
  } finally {
    await fresh.store.close();
    await fresh.drop();
  }
  return {
    perSecond: stored / ingest.seconds,
    perCpuSecond: stored / ingest.cpuSeconds,
    perTotalCpuSecond: stored / (ingest.cpuSeconds + serverCpu),
    peakRssMb: ingest.peakRss / 2 ** 20,
    rssGrowthMb: ingest.rssGrowth / 2 ** 20,
    copyPerSecond: rows / copy.seconds,
    copyPerTotalCpuSecond: rows / (copy.cpuSeconds + copyServerCpu),
    copyMentionsPerSecond: stored / copyMentions.seconds,
    copyMentionsPerTotalCpuSecond: stored / (copyMentions.cpuSeconds + copyMentionsServerCpu),
    sameTables: {
      ...sameTables,
      ingestSeconds: ingest.seconds,
      ingestCpuSeconds: ingest.cpuSeconds + serverCpu,
    },
    queries,
  };
}

/**
 * Makes `mentions_copy`: the real table's columns, defaults, generated search column, checks,
 * indexes and foreign keys, empty; and writes the stored mention rows to `mentionsFile` for it
 * (not timed). Returns the columns the file holds (all but the generated one).
 */
async function prepareMentionsReplica(store: BenchStore): Promise<string[]> {
  await sql`create table mentions_copy (like mentions including all)`.execute(store.db);
  const { rows: keys } = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = 'mentions'::regclass and contype = 'f'`.execute(store.db);
  for (const key of keys)
    await sql
      .raw(`alter table mentions_copy add constraint ${key.name}_copy ${key.definition}`)
      .execute(store.db);
  const { rows: columns } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = 'mentions' and is_generated = 'NEVER'
    order by ordinal_position`.execute(store.db);
  const names = columns.map((column) => `"${column.name}"`);
  await store.exportCsv(`select ${names.join(', ')} from mentions`, mentionsFile);
  return names;
}

async function pgliteTemplate(): Promise<Blob> {
  const store = await openStore({});
  await migrateToLatest(store.db);
  const dump = await store.dumpDataDir!();
  await store.close();
  return dump;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function runStore(kind: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  const template = kind === 'pglite' ? await pgliteTemplate() : undefined;
  const openFresh: OpenFresh = async (label) => {
    if (template) return { store: await openPgliteBench(template), drop: async () => {} };
    const name = `earshot_bench_${process.pid}_${label}`;
    await admin(`drop database if exists ${name}`);
    await admin(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const store = await openPostgresBench(url.toString());
    await migrateToLatest(store.db);
    return { store, drop: () => admin(`drop database if exists ${name} with (force)`) };
  };
  for (let run = 0; run < runs; run++) {
    const { store, drop } = await openFresh(String(run));
    try {
      samples.push(await runOnce(store, openFresh));
    } finally {
      await store.close();
      await drop();
    }
    const last = samples.at(-1)!;
    console.log(
      `  ${kind} run ${run + 1} (load ${loadavg()[0]?.toFixed(1)}): ${fmt(last.perSecond)} mentions/s, ${fmt(last.perTotalCpuSecond)}/CPU-s; COPY ${fmt(last.copyPerSecond)} rows/s, into mentions ${fmt(last.copyMentionsPerSecond)} rows/s; same rows into the same tables ${last.sameTables.seconds.toFixed(1)} s vs ingest ${last.sameTables.ingestSeconds.toFixed(1)} s (${sameTablesRatio(last).toFixed(2)} ×); peak RSS ${fmt(last.peakRssMb)} MB (+${fmt(last.rssGrowthMb)} MB during the import)`,
    );
  }
  return samples;
}

/** Ingest's speed as a share of the same-tables COPY's: the COPY's time over ingest's. */
const sameTablesRatio = (sample: Sample) =>
  sample.sameTables.seconds / sample.sameTables.ingestSeconds;
const sameTablesCpuRatio = (sample: Sample) =>
  sample.sameTables.cpuSeconds / sample.sameTables.ingestCpuSeconds;

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log(
  `${fmt(rows)} generated twcs rows (${fmt(generated.ids.length)} mentions), ${runs} runs, triage ${assess ? 'on' : 'off'}`,
);
let met = true;
try {
  for (const kind of stores) {
    const samples = await runStore(kind);
    const perSecond = median(samples.map((s) => s.perSecond));
    const copy = median(samples.map((s) => s.copyPerSecond));
    console.log(
      `${kind}: median ${fmt(perSecond)} mentions/s (${fmt(median(samples.map((s) => s.perCpuSecond)))} per CPU-s of this process, ${fmt(median(samples.map((s) => s.perTotalCpuSecond)))} per CPU-s with the server's), peak RSS ${fmt(median(samples.map((s) => s.peakRssMb)))} MB (+${fmt(median(samples.map((s) => s.rssGrowthMb)))} MB during the import); COPY ${fmt(copy)} rows/s; ingest = ${(perSecond / copy).toFixed(2)} × COPY`,
    );
    const cpuIngest = median(samples.map((s) => s.perTotalCpuSecond));
    const cpuCopy = median(samples.map((s) => s.copyPerTotalCpuSecond));
    console.log(
      `  by CPU time (client + server): ingest ${fmt(cpuIngest)} mentions/CPU-s, COPY ${fmt(cpuCopy)} rows/CPU-s, ingest = ${(cpuIngest / cpuCopy).toFixed(3)} × COPY`,
    );
    const copyMentions = median(samples.map((s) => s.copyMentionsPerSecond));
    const cpuCopyMentions = median(samples.map((s) => s.copyMentionsPerTotalCpuSecond));
    console.log(
      `  COPY of the stored rows into a copy of the real mentions table: ${fmt(copyMentions)} rows/s, ${fmt(cpuCopyMentions)} rows/CPU-s; ingest = ${(perSecond / copyMentions).toFixed(2)} × that COPY (wall), ${(cpuIngest / cpuCopyMentions).toFixed(2)} × (CPU)`,
    );
    const ratio = median(samples.map(sameTablesRatio));
    const cpuRatio = median(samples.map(sameTablesCpuRatio));
    console.log(
      `  COPY of the same rows into the same tables intake writes (indexes, keys, triggers), fresh database: ingest = ${ratio.toFixed(2)} × that COPY (wall), ${cpuRatio.toFixed(2)} × (CPU, client + server)`,
    );
    const medianRun = samples.find((s) => s.perSecond === perSecond) ?? samples[0]!;
    console.log('  that COPY, table by table (median run):');
    for (const table of medianRun.sameTables.tables)
      console.log(
        `    ${fmt(table.milliseconds).padStart(7)} ms  ${fmt(table.rows).padStart(8)} rows  ${table.name}`,
      );
    const total = [...medianRun.queries.values()].reduce((sum, q) => sum + q.milliseconds, 0);
    console.log(`  time in queries (median run): ${fmt(total)} ms; the costliest:`);
    for (const query of [...medianRun.queries.values()]
      .sort((a, b) => b.milliseconds - a.milliseconds)
      .slice(0, 14))
      console.log(
        `    ${fmt(query.milliseconds).padStart(7)} ms  ${String(query.calls).padStart(5)} calls  ${query.statement}`,
      );
    if (kind === 'postgres' && (perSecond < goalPerSecond || ratio < goalShareOfCopy)) met = false;
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
console.log(
  !stores.includes('postgres')
    ? 'goal (into PostgreSQL) not measured'
    : met
      ? 'goal met'
      : `goal NOT met: ≥ ${fmt(goalPerSecond)} mentions/s and ≥ ${goalShareOfCopy} × a COPY of the same rows into the same tables, into PostgreSQL`,
);
process.exitCode = met ? 0 : 2;
