// Latency from a post on a local AT Protocol network to its `mention.created` event on a running
// Earshot's /api/v1/events: PDS → firehose → channel runner → ingest (triage on) → NOTIFY → SSE.
// `npm run bench:bluesky-latency [-- --posts 100 --backoff 20]`. PostgreSQL: BENCH_DATABASE_URL
// or DATABASE_URL (a role that may create databases; the run gets a fresh one, dropped at the
// end), else PGlite in a temp folder. Everything listens on 127.0.0.1 only.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RichText } from '@atproto/api';
import pg from 'pg';
import pino from 'pino';
import { startEarshot } from '../../src/api/server.ts';
import { readConfig } from '../../src/config.ts';
import { startLocalBlueskyNetwork } from '../../test/helpers/bluesky-network.ts';
import { openEventStream } from './event-stream.ts';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '5' },
    // The PDS sequencer's longest idle wait (ms); the PDS's own default backs off up to 1,000.
    backoff: { type: 'string', default: '20' },
  },
});
const posts = Number(args.posts);
const warmup = Number(args.warmup);
const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-bench-bsky-'));
const email = 'bench@example.test';
const password = 'bench-password-0123456789';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const benchDatabase = `earshot_bench_bsky_${process.pid}`;
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
let databaseUrl = '';
if (adminUrl) {
  await admin(`create database ${benchDatabase}`);
  const url = new URL(adminUrl);
  url.pathname = `/${benchDatabase}`;
  databaseUrl = url.toString();
}

const network = await startLocalBlueskyNetwork({ sequencerMaxBackoffMs: Number(args.backoff) });
const config = readConfig({
  ...process.env,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  PORT: '0',
  HOST: '127.0.0.1',
  EARSHOT_DATA_DIR: dataDir,
  EARSHOT_ADMIN_EMAIL: email,
  EARSHOT_ADMIN_PASSWORD: password,
  EARSHOT_DEMO: 'false',
  LOG_LEVEL: 'warn',
});
const earshot = await startEarshot({ config, logger: pino({ level: 'warn' }), webRoot: undefined });

async function api(method: string, route: string, auth: Record<string, string>, body?: unknown) {
  const response = await fetch(`${earshot.url}${route}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

try {
  const [brandAccount, customer] = await Promise.all([
    network.createAccount('teapotco'),
    network.createAccount('casey'),
  ]);
  const login = await fetch(`${earshot.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const session = (await login.json()) as {
    csrfToken: string;
    memberships: Array<{ workspaceId: string }>;
  };
  const auth = {
    cookie: login.headers.get('set-cookie')!.split(';')[0]!,
    'x-csrf-token': session.csrfToken,
  };
  const workspaceId = session.memberships[0]!.workspaceId;
  const ws = `/api/v1/workspaces/${workspaceId}`;
  const brand = await api('POST', `${ws}/brands`, auth, {
    name: 'Teapot Co',
    keywords: ['teapot'],
  });
  const appPassword = await brandAccount.agent.com.atproto.server.createAppPassword({
    name: 'bench',
  });
  await api('POST', `${ws}/channels`, auth, {
    network: 'bluesky',
    brandId: brand.id,
    name: 'Teapot Co',
    credentials: {
      service: network.pdsUrl,
      identifier: brandAccount.handle,
      appPassword: appPassword.data.password,
      firehoseUrl: network.firehoseUrl,
      plcUrl: network.plcUrl,
    },
  });
  const events = await openEventStream(
    `${earshot.url}/api/v1/events?workspace=${workspaceId}`,
    auth,
  );

  async function postAndWait(index: number, timeoutMs = 60_000): Promise<number> {
    const rich = new RichText({ text: `@${brandAccount.handle} teapot question #${index}` });
    await rich.detectFacets(customer.agent);
    const waiting = events.next('mention.created', timeoutMs);
    const started = performance.now();
    await customer.agent.post({ text: rich.text, facets: rich.facets });
    await waiting;
    return performance.now() - started;
  }

  // The runner finds the new account within its 5 s reconcile and listens from then on: post
  // until one is heard, then a few more so no late event of those is taken for a measured one.
  const connectedAt = performance.now();
  let index = 0;
  for (;;) {
    index += 1;
    const heard = await postAndWait(index, 3_000).then(
      () => true,
      () => false,
    );
    if (heard) break;
    if (performance.now() - connectedAt > 60_000) throw new Error('the runner never heard a post');
  }
  const listeningAfter = performance.now() - connectedAt;
  for (let n = 0; n < warmup; n += 1) await postAndWait((index += 1));
  const samples: number[] = [];
  for (let n = 0; n < posts; n += 1) samples.push(await postAndWait((index += 1)));
  events.close();

  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(
    `machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores; node ${process.version}; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `store: ${earshot.store.kind}; PDS sequencer backoff ≤ ${args.backoff} ms; first post heard ${ms(listeningAfter)} after connecting`,
  );
  console.log(
    `${samples.length} posts, one at a time: p50 ${ms(at(0.5))}, p90 ${ms(at(0.9))}, p99 ${ms(at(0.99))}, min ${ms(samples[0]!)}, max ${ms(samples.at(-1)!)}`,
  );
} finally {
  await earshot.close();
  await network.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) await admin(`drop database if exists ${benchDatabase} with (force)`);
}
