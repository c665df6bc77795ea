// Report queries on a year of one workspace's history (~1 million mentions and ~1.2 million
// events at the default size), timed over repeated runs: p50 and p95 per report and range.
// `node bench/reports/run.ts [--conversations 435000 --runs 15 --stores postgres,pglite]`
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (a role that may create databases).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import type { ReportFilter } from '../../src/domain/report-filter.ts';
import { percentileCont } from '../../src/domain/report-stats.ts';
import { openStore } from '../../src/store/connect.ts';
import type { Store } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { foldPendingReportFacts } from '../../src/store/reporting/facts/report-facts-fold.ts';
import { findCompetitorReport } from '../../src/store/reporting/reports/reports-competitors.ts';
import { findCsatReport } from '../../src/store/reporting/reports/reports-csat.ts';
import { findFlowReport } from '../../src/store/reporting/reports/reports-flow.ts';
import { findIdeasReport } from '../../src/store/reporting/reports/reports-ideas.ts';
import { findResponseReport } from '../../src/store/reporting/reports/reports-responses.ts';
import { findSentimentChangeReport } from '../../src/store/reporting/reports/reports-sentiment-change.ts';
import { findSlaReport } from '../../src/store/reporting/reports/reports-sla.ts';
import { findTopicsReport } from '../../src/store/reporting/reports/reports-topics.ts';
import {
  findHeatMap,
  findSentimentTrend,
  findVolumeReport,
} from '../../src/store/reporting/reports/reports-volume.ts';
import { generateHistory, historyEnd } from './generate.ts';

const goalP95Ms = 300;
const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '435000' },
    runs: { type: 'string', default: '15' },
    stores: { type: 'string', default: 'postgres,pglite' },
    // Keep the PostgreSQL database afterwards (its name is printed), to EXPLAIN queries on it.
    keep: { type: 'boolean', default: false },
    // A comma-separated subset of the reports, e.g. `responses`.
    reports: { type: 'string', default: '' },
  },
});
const conversations = Number(args.conversations);
const runs = Math.max(2, Number(args.runs));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

// Every report the dashboard and `earshot report` read.
const reports = {
  responses: findResponseReport,
  flow: findFlowReport,
  volume: findVolumeReport,
  'heat-map': findHeatMap,
  sentiment: findSentimentTrend,
  'sentiment-change': findSentimentChangeReport,
  competitors: findCompetitorReport,
  topics: findTopicsReport,
  sla: findSlaReport,
  csat: findCsatReport,
  ideas: findIdeasReport,
} satisfies Record<string, (db: Store['db'], filter: ReportFilter) => Promise<unknown>>;

async function openBenchStore(kind: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const name = `earshot_bench_reports_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: url.toString(), poolSize: 1 });
    return {
      store,
      async drop() {
        await store.close();
        if (args.keep) console.log(`kept database ${name}`);
        else await admin.query(`drop database ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-bench-reports-'));
  const store = await openStore({ dataDir });
  return {
    store,
    async drop() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU milliseconds of one PostgreSQL backend so far (/proc/PID/stat utime + stime, 10 ms ticks). */
function backendCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function benchStore(kind: string): Promise<boolean> {
  const { store, drop } = await openBenchStore(kind);
  let met = true;
  try {
    await migrateToLatest(store.db);
    // PostgreSQL: one pooled connection, no parallel workers, so its backend's CPU time is the
    // whole cost of a query — the figure a shared, loaded machine does not distort.
    let backendPid: number | undefined;
    if (kind === 'postgres') {
      await sql`set max_parallel_workers_per_gather = 0`.execute(store.db);
      backendPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db))
        .rows[0]!.pid;
    }
    const began = performance.now();
    const data = await generateHistory(store.db, conversations);
    console.log(
      `${kind}: ${data.conversations.toLocaleString('en')} conversations, ${data.mentions.toLocaleString('en')} mentions, ${data.events.toLocaleString('en')} events generated in ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
    // The triggers queued every generated conversation: fold them all (the backfill a worker
    // does after an upgrade or a large import), then refresh the planner's statistics.
    const foldBegan = performance.now();
    await foldPendingReportFacts(store.db, data.workspaceId);
    await sql`vacuum analyze`.execute(store.db);
    console.log(
      `${kind}: reporting facts folded in ${((performance.now() - foldBegan) / 1000).toFixed(0)} s`,
    );
    const day = 86_400_000;
    const base = { workspaceId: data.workspaceId, to: historyEnd, timeZone: 'UTC' };
    const scenarios: Array<[string, ReportFilter]> = [
      ['30 days', { ...base, from: new Date(historyEnd.getTime() - 30 * day) }],
      [
        '30 days, one brand',
        { ...base, from: new Date(historyEnd.getTime() - 30 * day), brandId: data.brandIds[0]! },
      ],
      ['365 days', { ...base, from: new Date(historyEnd.getTime() - 365 * day) }],
    ];
    console.log(
      `\n| store | report | range | p50 ms | p95 ms | server CPU p50 / p95 ms | goal p95 < ${goalP95Ms} ms |`,
    );
    console.log('| --- | --- | --- | ---: | ---: | ---: | --- |');
    for (const [range, filter] of scenarios) {
      for (const [name, report] of Object.entries(reports)) {
        if (args.reports && !args.reports.split(',').includes(name)) continue;
        await report(store.db, filter); // warm the cache and the plan
        const times: number[] = [];
        const cpu: number[] = [];
        for (let run = 0; run < runs; run++) {
          const cpuBefore = backendPid ? backendCpuMs(backendPid) : 0;
          const started = performance.now();
          await report(store.db, filter);
          times.push(performance.now() - started);
          if (backendPid) cpu.push(backendCpuMs(backendPid) - cpuBefore);
        }
        times.sort((a, b) => a - b);
        cpu.sort((a, b) => a - b);
        const cpuCell = backendPid
          ? `${percentileCont(cpu, 0.5)!.toFixed(0)} / ${percentileCont(cpu, 0.95)!.toFixed(0)}`
          : '(in-process)';
        const p95 = percentileCont(times, 0.95)!;
        if (p95 >= goalP95Ms) met = false;
        console.log(
          `| ${kind} | ${name} | ${range} | ${percentileCont(times, 0.5)!.toFixed(0)} | ${p95.toFixed(0)} | ${cpuCell} | ${p95 < goalP95Ms ? 'met' : 'not met'} |`,
        );
      }
    }
  } finally {
    await drop();
  }
  return met;
}

console.log(
  `bench:reports: ${cpus().length} CPUs (${cpus()[0]?.model}), load ${loadavg()[0]!.toFixed(1)}, Node ${process.version}, ${runs} timed runs each`,
);
let allMet = true;
for (const kind of args.stores.split(',')) {
  if (kind === 'postgres' && !adminUrl) {
    console.error('bench:reports: no BENCH_DATABASE_URL or DATABASE_URL; skipping PostgreSQL');
    continue;
  }
  if (kind !== 'postgres' && kind !== 'pglite') continue;
  allMet = (await benchStore(kind)) && allMet;
}
process.exitCode = allMet ? 0 : 2;
