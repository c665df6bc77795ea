// Live updates at scale (issue 22): N browsers on /api/v1/events while new customer mentions
// arrive through a real channel at R per second. Three processes, so that only the server's own
// work counts against it:
//   this one    a real Earshot (startEarshot, as `earshot start` runs it) and the bookkeeping:
//               its memory, event-loop delay and CPU are the server's;
//   streams.ts  the N event streams (one connection and one session each);
//   sender.ts   the customers: signed webhook POSTs, or posts on a local Bluesky network.
// Measured per run: the intake's answer time (webhook POST, or the PDS's answer to the post),
// send → last stream (from just before the delivery is sent to the moment the last of the N
// streams shows its `mention.created`), whether every stream saw every mention, memory per
// stream (RSS and heap after a GC, before and after the streams open), event-loop delay and the
// server's CPU while the mentions arrive.
//
//   npm run bench:live -- [--stores pglite,postgres] [--streams 100,500,1000] [--rates 20]
//     [--seconds 10] [--runs 3] [--channel webhook|bluesky]
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (a role that may create databases; each run
// gets a fresh database, dropped at the end). `--profile DIR` writes the server's CPU profile of
// each measured round there (Chrome DevTools opens it).
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { startSession } from '../../src/app/auth/log-in.ts';
import { startEarshot } from '../../src/api/server.ts';
import { readConfig } from '../../src/config.ts';
import { createUser } from '../../src/store/users.repository.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';
import type { Sent } from './sender.ts';

const { values: args } = parseArgs({
  options: {
    stores: { type: 'string', default: 'pglite' },
    streams: { type: 'string', default: '100,500,1000' },
    rates: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    channel: { type: 'string', default: 'webhook' },
    // Writes the server's CPU profile of each measured round (.cpuprofile) into this folder.
    profile: { type: 'string' },
  },
});
const streamLevels = args.streams.split(',').map(Number);
const rates = args.rates.split(',').map(Number);
const seconds = Number(args.seconds);
const runs = Math.max(1, Number(args.runs));
const channel = args.channel === 'bluesky' ? 'bluesky' : 'webhook';
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const admin = { email: 'owner@bench.test', password: 'bench password 0123456789' };
const secret = 'bench-live-webhook-secret-0123456789abcdef';
const keyword = 'teapot';
/** How long after the last send a mention may still arrive before it counts as missed. */
const settleMs = 30_000;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
};
const median = (values: number[]) => quantile(values, 0.5);
const mb = (bytes: number) => bytes / 1024 / 1024;

/** A child process speaking messages; `ask` sends one and waits for the answer of that type. */
function child(file: string) {
  const process_ = fork(path.join(import.meta.dirname, file), { stdio: 'inherit' });
  const ask = <T>(message: object, answer: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: { type: string }) => {
        if (reply.type !== answer) return;
        process_.off('message', onMessage);
        process_.off('exit', onExit);
        resolve(reply as T);
      };
      const onExit = (code: number) => reject(new Error(`${file} exited (${code})`));
      process_.on('message', onMessage);
      process_.once('exit', onExit);
      process_.send(message);
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (process_.exitCode !== null) return resolve();
      process_.once('exit', () => resolve());
      process_.send({ type: 'close' });
    });
  return { ask, stop };
}

function gcMemory() {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

async function prepareDatabase(kind: string) {
  if (kind !== 'postgres') return { databaseUrl: undefined, drop: async () => {} };
  if (!adminUrl) throw new Error('the PostgreSQL run needs BENCH_DATABASE_URL or DATABASE_URL');
  const name = `earshot_bench_live_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

interface RunFigures {
  answerP50: number;
  answerP99: number;
  failed: number;
  lastStreamP50: number;
  lastStreamP99: number;
  allStreamsAll: boolean;
  missing: number;
  eventLoopP99: number;
  eventLoopMax: number;
  cpuShare: number;
  /** The server's CPU time per mention (all its threads): what contention cannot inflate. */
  cpuMsPerMention: number;
}

async function benchStore(kind: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `earshot-bench-live-${kind}-`));
  const database = await prepareDatabase(kind);
  const config = readConfig({
    ...process.env,
    DATABASE_URL: database.databaseUrl ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    EARSHOT_DATA_DIR: dataDir,
    EARSHOT_ADMIN_EMAIL: admin.email,
    EARSHOT_ADMIN_PASSWORD: admin.password,
    EARSHOT_DEMO: 'false',
    EARSHOT_ALLOW_PRIVATE_EGRESS: 'true',
    LOG_LEVEL: 'warn',
    // One address sends every delivery and opens every stream: no limit may answer for them.
    EARSHOT_REQUESTS_PER_MINUTE: '100000000',
    EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE: '100000000',
  });
  const earshot = await startEarshot({
    config,
    logger: pino({ level: 'warn' }),
    webRoot: undefined,
  });
  const sender = child('sender.ts');
  try {
    const { bluesky } = await sender.ask<{ bluesky?: Record<string, string> }>(
      { type: 'start', mode: channel },
      'started',
    );
    const api = async (method: string, route: string, headers: object, body?: unknown) => {
      const response = await fetch(`${earshot.url}${route}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(json)}`);
      return { json, response };
    };
    const login = await api('POST', '/api/v1/auth/login', {}, admin);
    const auth = {
      cookie: login.response.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': login.json.csrfToken as string,
    };
    const workspaceId = (login.json.memberships as Array<{ workspaceId: string }>)[0]!.workspaceId;
    const ws = `/api/v1/workspaces/${workspaceId}`;
    const brand = await api('POST', `${ws}/brands`, auth, {
      name: 'Teapot Co',
      keywords: [keyword],
    });
    const connected = await api('POST', `${ws}/channels`, auth, {
      network: channel,
      brandId: brand.json.id,
      name: 'Teapot Co',
      credentials: bluesky ?? { name: 'Contact form', secret },
    });
    const hookUrl = `${earshot.url}/hooks/${connected.json.id as string}`;

    // Logged-in agents: sessions made as a login makes them (startSession), without a password
    // hash per session (1,000 logins would take minutes and trip the login throttle).
    const most = Math.max(...streamLevels);
    const agents = [];
    for (let n = 0; n < 20; n += 1) {
      const user = await createUser(earshot.store.db, {
        email: `agent${n}@bench.test`,
        name: `Agent ${n}`,
        passwordHash: null,
      });
      await upsertMembership(earshot.store.db, { workspaceId, userId: user.id, role: 'agent' });
      agents.push(user);
    }
    const cookies: string[] = [];
    for (let n = 0; n < most; n += 1) {
      const started = await startSession(earshot.store.db, agents[n % agents.length]!, new Date());
      cookies.push(`earshot_session=${started.token}`);
    }

    let run = 0;
    const sendRound = async (rate: number, roundSeconds: number) => {
      run += 1;
      const runId = `${kind}-${process.pid}-${run}`;
      return (
        await sender.ask<{ sends: Sent[] }>(
          { type: 'send', rate, seconds: roundSeconds, run: runId, hookUrl, secret, keyword },
          'sent',
        )
      ).sends;
    };
    // Until the channel hears (a Bluesky account is picked up by the runner within seconds).
    for (let tries = 0; ; tries += 1) {
      const sends = await sendRound(2, 1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const found = await earshot.store.db
        .selectFrom('mentions')
        .select('id')
        .where('external_id', 'in', sends.map((s) => s.externalId).filter(Boolean))
        .execute();
      if (found.length > 0) break;
      if (tries > 40) throw new Error('the channel never heard a mention');
    }

    for (const level of streamLevels) {
      const before = gcMemory();
      const reader = child('streams.ts');
      await reader.ask(
        { type: 'open', url: earshot.url, workspaceId, cookies: cookies.slice(0, level) },
        'opened',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = gcMemory();
      const perStream = {
        rssKb: (after.rss - before.rss) / 1024 / level,
        heapKb: (after.heapUsed - before.heapUsed) / 1024 / level,
      };
      for (const rate of rates) {
        const figures: RunFigures[] = [];
        for (let r = 0; r < runs; r += 1) {
          const delay = monitorEventLoopDelay({ resolution: 10 });
          delay.enable();
          const profiler = args.profile ? new Session() : undefined;
          if (profiler) {
            profiler.connect();
            await profiler.post('Profiler.enable');
            await profiler.post('Profiler.start');
          }
          const cpu = process.cpuUsage();
          const wall = performance.now();
          const sends = await sendRound(rate, seconds);
          const sentIds = sends.filter((s) => s.status === 200).map((s) => s.externalId);
          // The stored mention of each delivery, to match what the streams saw against it.
          const waitUntil = Date.now() + settleMs;
          let seen = new Map<string, [number, number]>();
          let byExternal = new Map<string, string>();
          // Looked up in the database once they are all stored (a webhook's answer means
          // committed; a Bluesky post is heard a moment later), not on every poll: the
          // bookkeeping must not load the server it measures.
          for (;;) {
            if (byExternal.size < sentIds.length) {
              const rows = sentIds.length
                ? await earshot.store.db
                    .selectFrom('mentions')
                    .select(['id', 'external_id'])
                    .where('external_id', 'in', sentIds)
                    .execute()
                : [];
              byExternal = new Map(rows.map((row) => [row.external_id, row.id]));
            }
            const report = await reader.ask<{ heard: Array<[string, number, number]> }>(
              { type: 'report' },
              'report',
            );
            seen = new Map(report.heard.map(([id, count, lastAt]) => [id, [count, lastAt]]));
            const complete = sentIds.every(
              (id) => (seen.get(byExternal.get(id) ?? '')?.[0] ?? 0) >= level,
            );
            if (complete || Date.now() > waitUntil) break;
            await new Promise((resolve) =>
              setTimeout(resolve, byExternal.size < sentIds.length ? 1000 : 250),
            );
          }
          delay.disable();
          const used = process.cpuUsage(cpu);
          if (profiler) {
            const { profile } = await profiler.post('Profiler.stop');
            mkdirSync(args.profile!, { recursive: true });
            writeFileSync(
              path.join(args.profile!, `live-${kind}-${level}-${rate}-${r + 1}.cpuprofile`),
              JSON.stringify(profile),
            );
            profiler.disconnect();
          }
          const busyMs = (used.user + used.system) / 1000;
          const lastStream: number[] = [];
          let missing = 0;
          for (const sent of sends) {
            const heard = seen.get(byExternal.get(sent.externalId) ?? '');
            if (!heard || heard[0] < level) missing += 1;
            if (heard) lastStream.push(heard[1] - sent.sentAt);
          }
          figures.push({
            answerP50: quantile(
              sends.map((s) => s.answerMs),
              0.5,
            ),
            answerP99: quantile(
              sends.map((s) => s.answerMs),
              0.99,
            ),
            failed: sends.filter((s) => s.status !== 200).length,
            lastStreamP50: quantile(lastStream, 0.5),
            lastStreamP99: quantile(lastStream, 0.99),
            allStreamsAll: missing === 0,
            missing,
            eventLoopP99: delay.percentile(99) / 1e6,
            eventLoopMax: delay.max / 1e6,
            cpuShare: busyMs / (performance.now() - wall),
            cpuMsPerMention: busyMs / sends.length,
          });
          const f = figures.at(-1)!;
          console.log(
            `  ${kind} ${channel} N=${level} ${rate}/s run ${r + 1}: answer p50 ${f.answerP50.toFixed(0)} p99 ${f.answerP99.toFixed(0)} ms, ` +
              `send→last stream p50 ${f.lastStreamP50.toFixed(0)} p99 ${f.lastStreamP99.toFixed(0)} ms, ` +
              `missing ${f.missing}/${sends.length}, failed ${f.failed}, loop delay p99 ${f.eventLoopP99.toFixed(0)} max ${f.eventLoopMax.toFixed(0)} ms, ` +
              `server CPU ${(100 * f.cpuShare).toFixed(0)} % (${f.cpuMsPerMention.toFixed(1)} ms a mention)`,
          );
        }
        const m = (pick: (f: RunFigures) => number) => median(figures.map(pick));
        console.log(
          `| ${kind} | ${channel} | ${level} | ${rate} | ${m((f) => f.answerP50).toFixed(0)} | ${m((f) => f.answerP99).toFixed(0)} | ` +
            `${m((f) => f.lastStreamP50).toFixed(0)} | ${m((f) => f.lastStreamP99).toFixed(0)} | ` +
            `${figures.every((f) => f.allStreamsAll) ? 'yes' : `no (${figures.map((f) => f.missing).join(', ')} missed)`} | ` +
            `${m((f) => f.eventLoopP99).toFixed(0)} | ${(100 * m((f) => f.cpuShare)).toFixed(0)} % | ` +
            `${m((f) => f.cpuMsPerMention).toFixed(1)} | ` +
            `${perStream.rssKb.toFixed(0)} / ${perStream.heapKb.toFixed(0)} |`,
        );
      }
      await reader.stop();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      console.log(`  (${mb(gcMemory().rss).toFixed(0)} MB RSS after the streams closed)`);
    }
  } finally {
    await sender.stop();
    await earshot.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0]!.toFixed(1)}, ` +
    `node ${process.version}; ${runs} run(s) of ${seconds} s per row, medians`,
);
console.log(
  '| store | channel | streams | mentions/s | answer p50 (ms) | answer p99 (ms) | send→last stream p50 (ms) | p99 (ms) | every stream saw every mention | event-loop delay p99 (ms) | server CPU | server CPU ms a mention | per stream RSS / heap (kB) |',
);
console.log(
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
);
for (const kind of args.stores.split(',')) await benchStore(kind);
