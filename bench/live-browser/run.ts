// What one live event costs an open browser: a real `earshot start` (its own process, the demo
// workspace), K real Chromium pages (half on the inbox, half on a conversation), M new mentions
// delivered through a connected webhook channel (signed, as a sender posts them) and a few
// status and assignment changes through the API. Every API request each page makes while the
// events arrive is counted (page.on('request')); the events themselves are counted on the
// bench's own stream of the same workspace. The figure is requests per event per page.
//
// `node bench/live-browser/run.ts [--pages 4 --mentions 20 --changes 6 --runs 3 --interval 250]`
// PostgreSQL instead of PGlite: `--store postgres` with BENCH_DATABASE_URL or DATABASE_URL.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { signWebhookBody } from '../../src/channels/webhook/webhook-signature.ts';
import { launchChromium } from '../../test/browser/chromium.ts';
import { logIn as logInPage, openPage } from '../../test/browser/session.ts';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '4' },
    mentions: { type: 'string', default: '20' },
    changes: { type: 'string', default: '6' },
    runs: { type: 'string', default: '3' },
    interval: { type: 'string', default: '250' },
    store: { type: 'string', default: 'pglite' },
  },
});
const pageCount = Math.max(2, Number(args.pages));
const mentionCount = Number(args.mentions);
const changeCount = Number(args.changes);
const runs = Math.max(1, Number(args.runs));
const intervalMs = Number(args.interval);
const root = path.resolve(import.meta.dirname, '../..');
const owner = { email: 'owner@bench.test', password: 'bench password 1' };
const secret = 'bench-live-browser-webhook-secret-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function databaseUrl(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  if (args.store !== 'postgres') return { url: undefined, drop: async () => {} };
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('--store postgres needs BENCH_DATABASE_URL or DATABASE_URL');
  const name = `earshot_bench_live_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

/** `earshot start` as a new user runs it (the demo workspace seeded), on a free port. */
function startServer(dataDir: string, url: string | undefined) {
  const child = spawn(process.execPath, ['bin/earshot.js', 'start', '--port', '0'], {
    cwd: root,
    env: {
      ...process.env,
      EARSHOT_DATA_DIR: dataDir,
      DATABASE_URL: url ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      EARSHOT_DEMO: 'true',
      EARSHOT_ADMIN_EMAIL: owner.email,
      EARSHOT_ADMIN_PASSWORD: owner.password,
      EARSHOT_ALLOW_PRIVATE_EGRESS: 'true',
      EARSHOT_REQUESTS_PER_MINUTE: '100000000',
      EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<{ url: string; stop: () => Promise<void> }>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (!found) return;
      output = '';
      resolve({
        url: found,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`earshot start exited (${code})`)));
  });
}

type Api = <T>(method: string, requestPath: string, body?: unknown) => Promise<T>;

async function apiSession(url: string): Promise<{ api: Api; cookie: string }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const api: Api = async (method, requestPath, body) => {
    const answer = await fetch(`${url}${requestPath}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!answer.ok)
      throw new Error(`${method} ${requestPath}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as never;
  };
  return { api, cookie };
}

/** The bench's own event stream of the workspace: counts what every page is told. */
function countEvents(url: string, cookie: string, workspaceId: string) {
  const counted = new Map<string, number>();
  const controller = new AbortController();
  let counting = false;
  void (async () => {
    const response = await fetch(`${url}/api/v1/events?workspace=${workspaceId}`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const type = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (type && type !== 'ready' && counting) counted.set(type, (counted.get(type) ?? 0) + 1);
      }
    }
  })().catch(() => {});
  return {
    start: () => {
      counted.clear();
      counting = true;
    },
    stop: () => {
      counting = false;
      return new Map(counted);
    },
    close: () => controller.abort(),
  };
}

/** What a request is for, so the table says which refetches an event caused. */
function kindOf(url: string): string | undefined {
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/api/')) return undefined;
  if (pathname === '/api/v1/events') return 'stream';
  if (/\/conversations$/.test(pathname)) return 'list';
  if (pathname.endsWith('/inbox-counts')) return 'counts';
  if (pathname.endsWith('/presence')) return 'presence';
  if (/\/conversations\/[0-9a-f-]{36}/.test(pathname)) return 'conversation';
  return 'other';
}

interface Watched {
  page: Page;
  on: 'inbox' | 'conversation';
  counts: Map<string, number>;
  counting: boolean;
}

function watch(page: Page, on: Watched['on']): Watched {
  const watched: Watched = { page, on, counts: new Map(), counting: false };
  page.on('request', (request) => {
    const kind = kindOf(request.url());
    if (!kind || !watched.counting) return;
    watched.counts.set(kind, (watched.counts.get(kind) ?? 0) + 1);
  });
  return watched;
}

function webhookDelivery(url: string, channelId: string) {
  return async (mention: object) => {
    const body = JSON.stringify(mention);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${url}/hooks/${channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-earshot-timestamp': String(timestamp),
        'x-earshot-signature': signWebhookBody(body, timestamp, secret),
      },
      body,
    });
    if (!response.ok) throw new Error(`webhook: ${response.status} ${await response.text()}`);
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-bench-live-browser-'));
  const database = await databaseUrl();
  const started = performance.now();
  const server = await startServer(dataDir, database.url);
  console.log(
    `earshot with the demo workspace up in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const browser = await launchChromium();
  try {
    const { api, cookie } = await apiSession(server.url);
    const session = await api<{ memberships: { workspaceId: string; workspaceName: string }[] }>(
      'GET',
      '/api/v1/session',
    );
    const workspaceId = session.memberships[0]!.workspaceId;
    const ws = `/api/v1/workspaces/${workspaceId}`;
    const { items: brands } = await api<{ items: { id: string; isCompetitor: boolean }[] }>(
      'GET',
      `${ws}/brands`,
    );
    const brand = brands.find((b) => !b.isCompetitor)!;
    const channel = await api<{ id: string }>('POST', `${ws}/channels`, {
      network: 'webhook',
      brandId: brand.id,
      name: 'Bench form',
      credentials: { name: 'Bench form', secret },
    });
    const deliver = webhookDelivery(server.url, channel.id);
    const author = (n: number) => ({ id: `bench-${n}`, handle: `bench.customer${n}` });
    let serial = 0;
    // The conversation the conversation pages keep open: replies and changes reach it too.
    await deliver({
      id: 'bench-open-0',
      text: 'My booking vanished from the app, can you help?',
      author: author(0),
      postedAt: new Date().toISOString(),
    });
    const byText = await api<{ items: { id: string; preview: string }[] }>(
      'GET',
      `${ws}/conversations?view=all&q=${encodeURIComponent('booking vanished')}`,
    );
    const openId = byText.items[0]!.id;
    const { items: members } = await api<{ items: { userId: string }[] }>('GET', `${ws}/members`);

    const watched: Watched[] = [];
    for (let i = 0; i < pageCount; i += 1) {
      const { page } = await openPage(browser, server.url);
      await logInPage(page, owner);
      const on = i % 2 === 0 ? 'inbox' : 'conversation';
      if (on === 'conversation') {
        const href = await page.locator('.inbox-row a').first().getAttribute('href');
        await page.goto(href!.replace(/[0-9a-f-]{36}$/, openId));
        await page.getByText('booking vanished', { exact: false }).first().waitFor();
      }
      await page.getByText('Live', { exact: true }).first().waitFor();
      watched.push(watch(page, on));
    }
    const stream = countEvents(server.url, cookie, workspaceId);
    await sleep(3000);

    const results: {
      on: string;
      perEvent: number;
      perChange: number;
      events: number;
      kinds: Map<string, number>;
    }[][] = [];
    for (let run = 0; run < runs; run += 1) {
      for (const w of watched) {
        w.counts.clear();
        w.counting = true;
      }
      stream.start();
      const created: string[] = [];
      for (let i = 0; i < mentionCount; i += 1) {
        serial += 1;
        const reply = i % 4 === 0;
        await deliver({
          id: `bench-${run}-${serial}`,
          text: reply
            ? `Any news on this? (${serial})`
            : `My flight ${serial} was cancelled, refund?`,
          author: author(reply ? 0 : serial),
          postedAt: new Date().toISOString(),
          ...(reply ? { rootId: 'bench-open-0' } : {}),
        });
        if (!reply) created.push(`My flight ${serial} was`);
        await sleep(intervalMs);
      }
      const found = await api<{ items: { id: string; preview: string }[] }>(
        'GET',
        `${ws}/conversations?view=all&q=${encodeURIComponent('cancelled refund')}&limit=100`,
      );
      const targets = [openId, ...found.items.map((item) => item.id)];
      for (let i = 0; i < changeCount; i += 1) {
        const id = targets[i % targets.length]!;
        if (i % 2 === 0)
          await api('POST', `${ws}/conversations/${id}/status`, {
            status: i % 4 === 0 ? 'pending' : 'open',
          });
        else
          await api('POST', `${ws}/conversations/${id}/assign`, {
            assigneeId: members[i % members.length]!.userId,
          });
        await sleep(intervalMs);
      }
      await sleep(3000);
      const events = stream.stop();
      for (const w of watched) w.counting = false;
      const total = [...events].filter(([type]) => type !== 'presence.updated');
      const eventCount = total.reduce((sum, [, n]) => sum + n, 0);
      console.log(
        `run ${run + 1}: ${eventCount} events (${[...events].map(([t, n]) => `${t} ${n}`).join(', ')})`,
      );
      results.push(
        watched.map((w) => {
          const requests = [...w.counts].filter(
            ([kind]) => kind !== 'stream' && kind !== 'presence',
          );
          const sum = requests.reduce((s, [, n]) => s + n, 0);
          return {
            on: w.on,
            perEvent: sum / eventCount,
            perChange: sum / (mentionCount + changeCount),
            events: eventCount,
            kinds: new Map(w.counts),
          };
        }),
      );
      for (const [i, r] of results.at(-1)!.entries())
        console.log(
          `  page ${i} (${r.on}): ${r.perEvent.toFixed(2)} requests/event — ` +
            [...r.kinds].map(([k, n]) => `${k} ${n}`).join(', '),
        );
    }
    stream.close();
    console.log(
      `\n${cpus().length} cores; ${pageCount} pages, ${mentionCount} mentions and ${changeCount} changes a run, ${runs} runs`,
    );
    console.log(
      '| page | events per change | requests per event | requests per change | list | counts | conversation | other |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const on of ['inbox', 'conversation'] as const) {
      const rows = results.flatMap((run) => run.filter((r) => r.on === on));
      const med = (kind: string) => median(rows.map((r) => r.kinds.get(kind) ?? 0)).toFixed(0);
      const perChange = median(rows.map((r) => r.events / (mentionCount + changeCount)));
      console.log(
        `| ${on} | ${perChange.toFixed(2)} | ${median(rows.map((r) => r.perEvent)).toFixed(2)} | ` +
          `${median(rows.map((r) => r.perChange)).toFixed(2)} | ${med('list')} | ${med('counts')} | ` +
          `${med('conversation')} | ${med('other')} |`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
