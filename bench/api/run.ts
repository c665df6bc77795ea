// The API's hot routes under load, end to end: a real `earshot start` (its own process) over a
// database holding one workspace's year of history (bench/reports/generate.ts: 1,000,000
// conversations by default), driven by autocannon at 20 and 100 connections. Every route's
// requests/s is also given as a share of `GET /health` in the same run: the floor of the HTTP
// stack, and the figure that compares across machines (absolute requests/s do not).
//
// With `--processes 1,2,4` (PostgreSQL only), each count starts that many `earshot start`
// processes on the one database behind a round-robin TCP balancer (`balancer.ts`, in its own
// process) and measures them together: how requests/s scale with processes.
//
// `node bench/api/run.ts [--stores postgres,pglite --conversations 1000000 --connections 20,100
//   --duration 10 --runs 3 --routes inbox,conversation --processes 1,2,4]`
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (a role that may create databases).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../../src/security/passwords.ts';
import { openStore } from '../../src/store/connect.ts';
import type { Store } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createUser } from '../../src/store/users.repository.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';
import { generateHistory } from '../reports/generate.ts';
import { spawnBalancer } from './balancer.ts';

const { values: args } = parseArgs({
  options: {
    stores: { type: 'string', default: 'postgres,pglite' },
    conversations: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '20,100' },
    duration: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    routes: { type: 'string', default: '' },
    processes: { type: 'string', default: '1' },
    // Writes the server's V8 CPU profile (.cpuprofile, for Chrome DevTools) into this folder.
    profile: { type: 'string' },
  },
});
const conversations = Number(args.conversations);
const connectionLevels = args.connections.split(',').map(Number);
const duration = Number(args.duration);
const runs = Math.max(1, Number(args.runs));
const processCounts = args.processes.split(',').map(Number);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const root = path.resolve(import.meta.dirname, '../..');
const owner = { email: 'owner@bench.test', password: 'bench password 1' };

interface Session {
  url: string;
  workspaceId: string;
  headers: Record<string, string>;
  conversationIds: string[];
  mentionIds: string[];
}

interface Route {
  name: string;
  method: 'GET' | 'POST';
  /** A path per request (rotating over the sample), and a body for writes. */
  request(session: Session, n: number): { path: string; body?: unknown };
}

const pick = <T>(items: T[], n: number) => items[n % items.length]!;
const sentiments = ['negative', 'neutral', 'positive'] as const;

const routes: Route[] = [
  { name: 'health', method: 'GET', request: () => ({ path: '/health' }) },
  { name: 'session', method: 'GET', request: () => ({ path: '/api/v1/session' }) },
  {
    name: 'inbox',
    method: 'GET',
    request: (s) => ({
      path: `/api/v1/workspaces/${s.workspaceId}/conversations?view=all&limit=50`,
    }),
  },
  {
    name: 'conversation',
    method: 'GET',
    request: (s, n) => ({
      path: `/api/v1/workspaces/${s.workspaceId}/conversations/${pick(s.conversationIds, n)}`,
    }),
  },
  {
    name: 'reply',
    method: 'POST',
    request: (s, n) => ({
      path: `/api/v1/workspaces/${s.workspaceId}/conversations/${pick(s.conversationIds, n)}/replies`,
      body: { text: `Sorry about that, we are on it (${n}).`, draft: true },
    }),
  },
  {
    name: 'note',
    method: 'POST',
    request: (s, n) => ({
      path: `/api/v1/workspaces/${s.workspaceId}/conversations/${pick(s.conversationIds, n)}/notes`,
      body: { body: `Checked the order, refund is on its way (${n}).` },
    }),
  },
  {
    name: 'triage correction',
    method: 'POST',
    request: (s, n) => ({
      path: `/api/v1/workspaces/${s.workspaceId}/mentions/${pick(s.mentionIds, n)}/triage/corrections`,
      body: { sentiment: pick([...sentiments], n) },
    }),
  },
];

/** A database with the generated history and an owner who can log in; `url` for PostgreSQL. */
async function prepareDatabase(kind: string, dataDir: string) {
  let store: Store;
  let databaseUrl: string | undefined;
  let drop = async () => {};
  if (kind === 'postgres') {
    if (!adminUrl) throw new Error('the PostgreSQL run needs BENCH_DATABASE_URL or DATABASE_URL');
    const name = `earshot_bench_api_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    store = await openStore({ databaseUrl, poolSize: 2 });
    drop = async () => {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    };
  } else {
    store = await openStore({ dataDir: path.join(dataDir, 'pglite') });
  }
  const started = performance.now();
  await migrateToLatest(store.db);
  const generated = await generateHistory(store.db, conversations);
  const user = await createUser(store.db, {
    email: owner.email,
    name: 'Bench owner',
    passwordHash: await hashPassword(owner.password),
  });
  await upsertMembership(store.db, {
    workspaceId: generated.workspaceId,
    userId: user.id,
    role: 'owner',
  });
  // A sample of open conversations and their customers' first posts, spread over the year.
  const step = Math.max(11, Math.floor(conversations / 500));
  const sample = await sql<{ conversation_id: string; mention_id: string }>`
    select c.id as conversation_id, m.id as mention_id
    from conversations c join mentions m on m.conversation_id = c.id and not m.from_brand
    where c.workspace_id = ${generated.workspaceId} and c.status = 'open'
      and m.external_id like '%-0' and m.hidden_at is null
      and (substr(c.root_external_id, 6)::int % ${step}) = 7
    limit 500`.execute(store.db);
  if (sample.rows.length === 0) throw new Error('no open conversation to sample');
  await store.close();
  console.log(
    `${kind}: ${generated.conversations.toLocaleString()} conversations, ` +
      `${generated.mentions.toLocaleString()} mentions, generated in ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return {
    databaseUrl,
    drop,
    workspaceId: generated.workspaceId,
    conversationIds: sample.rows.map((row) => row.conversation_id),
    mentionIds: sample.rows.map((row) => row.mention_id),
  };
}

/** `earshot start` in its own process, as users run it; resolves with its URL. */
function startServer(dataDir: string, databaseUrl: string | undefined) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : []),
      'bin/earshot.js',
      'start',
      '--port',
      '0',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        EARSHOT_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? '',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        EARSHOT_DEMO: 'false',
        // One session and one address make every request here: no limit may answer for the route.
        EARSHOT_REQUESTS_PER_MINUTE: '100000000',
        EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise<{ url: string; stop: () => Promise<void> }>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        output = '';
        resolve({
          url,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`earshot start exited (${code})`)));
  });
}

async function logIn(url: string) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' };
}

interface Measure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(session: Session, route: Route, connections: number): Promise<Measure> {
  let n = 0;
  const result = await autocannon({
    url: session.url,
    connections,
    duration,
    headers: session.headers,
    requests: [
      {
        method: route.method,
        setupRequest: (request) => {
          const { path: requestPath, body } = route.request(session, n++);
          return {
            ...request,
            path: requestPath,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function benchStore(kind: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `earshot-bench-api-${kind}-`));
  const prepared = await prepareDatabase(kind, dataDir);
  try {
    for (const count of processCounts) {
      if (count > 1 && kind !== 'postgres') {
        console.log(`\n${kind}: ${count} processes skipped (one process per embedded database)`);
        continue;
      }
      await benchProcesses(kind, count, dataDir, prepared);
    }
  } finally {
    await prepared.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `count` servers on the prepared database (behind a balancer when more than one), measured. */
async function benchProcesses(
  kind: string,
  count: number,
  dataDir: string,
  prepared: Awaited<ReturnType<typeof prepareDatabase>>,
) {
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  let balancer: Awaited<ReturnType<typeof spawnBalancer>> | undefined;
  const folders: string[] = [];
  try {
    // The first process has the prepared folder; the others their own (one process per folder).
    for (let i = 0; i < count; i++) {
      const folder = i === 0 ? dataDir : mkdtempSync(path.join(tmpdir(), 'earshot-bench-api-p-'));
      if (i > 0) folders.push(folder);
      servers.push(await startServer(folder, prepared.databaseUrl));
    }
    balancer = count > 1 ? await spawnBalancer(servers.map((s) => s.url)) : undefined;
    const url = balancer?.url ?? servers[0]!.url;
    const session: Session = {
      url,
      workspaceId: prepared.workspaceId,
      headers: await logIn(url),
      conversationIds: prepared.conversationIds,
      mentionIds: prepared.mentionIds,
    };
    // Each route once, first: a route that answers with an error would measure nothing.
    for (const route of routes) {
      const { path: requestPath, body } = route.request(session, 0);
      const response = await fetch(`${session.url}${requestPath}`, {
        method: route.method,
        headers: session.headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) {
        throw new Error(
          `${route.name}: ${response.status} ${(await response.text()).slice(0, 300)}`,
        );
      }
    }
    const wanted = args.routes ? args.routes.split(',') : [];
    const chosen = routes.filter(
      (r) => r.name === 'health' || !wanted.length || wanted.includes(r.name),
    );
    for (const connections of connectionLevels) {
      const measures = new Map<string, Measure[]>();
      // Runs interleave the routes, so a slow spell of a shared machine touches all of them.
      for (let run = 0; run < runs; run++) {
        for (const route of chosen) {
          const measure = await load(session, route, connections);
          measures.set(route.name, [...(measures.get(route.name) ?? []), measure]);
        }
      }
      const health = median(measures.get('health')!.map((m) => m.requestsPerSecond));
      const processes = count === 1 ? '1 process' : `${count} processes behind a balancer`;
      console.log(
        `\n${kind}, ${processes}, ${connections} connections, ${runs} × ${duration} s, median:`,
      );
      console.log('| route | requests/s | share of /health | p50 (ms) | p99 (ms) | errors |');
      console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
      for (const route of chosen) {
        const all = measures.get(route.name)!;
        const rps = median(all.map((m) => m.requestsPerSecond));
        console.log(
          `| ${route.name} | ${Math.round(rps).toLocaleString()} | ` +
            `${((100 * rps) / health).toFixed(1)} % | ${median(all.map((m) => m.p50))} | ` +
            `${median(all.map((m) => m.p99))} | ${all.reduce((sum, m) => sum + m.errors, 0)} |`,
        );
      }
    }
  } finally {
    await balancer?.close();
    await Promise.all(servers.map((server) => server.stop()));
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0]!.toFixed(1)}, ` +
    `node ${process.version}`,
);
for (const kind of args.stores.split(',')) await benchStore(kind);
