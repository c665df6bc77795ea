// The shared Bluesky firehose consumer against a local relay replaying generated frames:
// commits decoded and matched per CPU-second of the consumer (the relay is another process),
// and the lag of matched posts at a paced rate. 1,000 brands × 5 terms by default.
//   npm run bench:firehose [-- --frames 30000 --brands 1000 --runs 3 --rate 2000]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IdResolver } from '@atproto/identity';
import { Firehose } from '@atproto/sync';
import {
  decodeFirehoseFrame,
  decodeWholeFrame,
} from '../../src/channels/bluesky/firehose-frames.ts';
import type { FirehoseFrame } from '../../src/channels/bluesky/firehose-frames.ts';
import { FirehoseHub } from '../../src/channels/bluesky/firehose-hub.ts';
import { TermsMatcher } from '../../src/channels/bluesky/terms-matcher.ts';
import { matchTerms, noTerms } from '../../src/domain/listening.ts';
import type { ListeningTerms } from '../../src/domain/listening.ts';
import type { BlueskyPostEvent } from '../../src/channels/bluesky/post-event.ts';
import { brandTerms, generateFrames } from './frames.ts';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const frameCount = argument('frames', 30_000);
const brandCount = argument('brands', 1000);
const termsPerBrand = argument('terms', 5);
const runs = argument('runs', 3);
const pacedRate = argument('rate', 2000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
};

const terms = brandTerms(brandCount, termsPerBrand);
const listeningTerms: ListeningTerms[] = terms.map((keywords) => ({ ...noTerms, keywords }));
const startedGenerating = Date.now();
const generated = await generateFrames(frameCount, terms, { seed: 1, brandShare: 0.02 });
console.log(
  `${frameCount} frames (${(generated.bytes / frameCount).toFixed(0)} B average), ${generated.posts} posts, ` +
    `${generated.brandPosts} naming a brand; generated in ${((Date.now() - startedGenerating) / 1000).toFixed(1)} s`,
);
const folder = mkdtempSync(path.join(os.tmpdir(), 'earshot-firehose-bench-'));
const framesFile = path.join(folder, 'frames.bin');
writeFileSync(
  framesFile,
  Buffer.concat(
    generated.frames.flatMap((frame) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(frame.length);
      return [length, frame];
    }),
  ),
);

async function startRelay(rate: number): Promise<{ url: string; stop(): void }> {
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [framesFile, String(rate)], {
    stdio: 'inherit',
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (message) => resolve((message as { port: number }).port)),
  );
  return { url: `ws://127.0.0.1:${port}`, stop: () => child.kill() };
}

interface Outcome {
  commitsPerCpuSecond: number;
  commitsPerSecond: number;
  heard: number;
  lags: number[];
}

/** The shared source as Earshot runs it: own decoder, one automaton for every brand. */
async function runHub(
  rate: number,
  decode: (bytes: Uint8Array) => FirehoseFrame = decodeFirehoseFrame,
): Promise<Outcome> {
  const relay = await startRelay(rate);
  const lags: number[] = [];
  let heard = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const hub = new FirehoseHub({
    service: relay.url,
    cursor: 0,
    resolveHandle: async () => undefined,
    decode,
    deliver: async (batch) => {
      const at = Date.now();
      for (const { events } of batch.heard)
        for (const event of events) {
          heard += 1;
          lags.push(at - Date.parse((event.raw as BlueskyPostEvent).time));
        }
    },
    onError: (error) => console.error('hub:', error.message),
  });
  listeningTerms.forEach((brandTerms, index) =>
    hub.add({ id: `brand-${index}`, brandDid: `did:plc:brand${index}`, terms: () => [brandTerms] }),
  );
  hub.start();
  while (hub.frames < frameCount) await new Promise((resolve) => setTimeout(resolve, 5));
  await hub.drain();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await hub.close();
  relay.stop();
  return {
    commitsPerCpuSecond: frameCount / ((used.user + used.system) / 1e6),
    commitsPerSecond: frameCount / seconds,
    heard,
    lags,
  };
}

/** @atproto/sync's Firehose (no signature checks, posts only) feeding the same automaton. */
async function runSyncFirehose(): Promise<Outcome> {
  const relay = await startRelay(0);
  const matcher = new TermsMatcher(listeningTerms.map((t, key) => ({ key, terms: t })));
  let frames = 0;
  let heard = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const firehose = new Firehose({
    idResolver: new IdResolver(),
    service: relay.url,
    filterCollections: ['app.bsky.feed.post'],
    unauthenticatedCommits: true,
    excludeIdentity: true,
    excludeAccount: true,
    excludeSync: true,
    getCursor: () => 0,
    handleEvent: async (event) => {
      frames = event.seq;
      if (event.event === 'create' && typeof event.record.text === 'string')
        heard += matcher.match(event.record.text).length;
    },
    onError: () => {},
  });
  const running = firehose.start();
  // Only post frames reach handleEvent: the last post's seq marks the end.
  const lastPostSeq = generated.lastPostSeq;
  let errors = 0;
  firehose.opts.onError = (error) => {
    if ((errors += 1) === 1) console.error('sync:', error.message, error.cause ?? '');
  };
  while (frames < lastPostSeq && errors < 100)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await firehose.destroy();
  await running;
  relay.stop();
  return {
    commitsPerCpuSecond: frameCount / ((used.user + used.system) / 1e6),
    commitsPerSecond: frameCount / seconds,
    heard,
    lags: [],
  };
}

/** Matching alone on the generated posts' texts: the automaton against per-brand scans. */
function matchOnly(): Record<string, number> {
  const texts = generated.texts;
  const matcher = new TermsMatcher(listeningTerms.map((t, key) => ({ key, terms: t })));
  const regexes = terms.map(
    (keywords) =>
      new RegExp(
        `(?<![\\p{L}\\p{N}_])(?:${keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}_])`,
        'iu',
      ),
  );
  const timeIt = (match: (text: string) => number, limit: number) => {
    const sample = texts.slice(0, limit);
    const cpu = process.cpuUsage();
    let hits = 0;
    for (const text of sample) hits += match(text);
    const used = process.cpuUsage(cpu);
    return { perSecond: sample.length / ((used.user + used.system) / 1e6), hits };
  };
  const automaton = timeIt((text) => matcher.match(text).length, texts.length);
  const regex = timeIt((text) => regexes.filter((r) => r.test(text)).length, 500);
  const reference = timeIt(
    (text) => listeningTerms.filter((t) => matchTerms(text, t).length > 0).length,
    200,
  );
  return {
    'automaton posts/CPU-s': Math.round(automaton.perSecond),
    'one regex per brand posts/CPU-s': Math.round(regex.perSecond),
    'matchTerms per brand posts/CPU-s': Math.round(reference.perSecond),
  };
}

try {
  const hub: Outcome[] = [];
  for (let run = 0; run < runs; run += 1) hub.push(await runHub(0));
  const whole: Outcome[] = [];
  for (let run = 0; run < runs; run += 1) whole.push(await runHub(0, decodeWholeFrame));
  const sync: Outcome[] = [];
  for (let run = 0; run < runs; run += 1) sync.push(await runSyncFirehose());
  const paced = await runHub(pacedRate);
  const report = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}`,
    brands: brandCount,
    termsPerBrand,
    frames: frameCount,
    postsNamingABrand: generated.brandPosts,
    'shared hub (in-place walk, only post records decoded) + automaton': {
      'commits/CPU-s (median)': Math.round(median(hub.map((o) => o.commitsPerCpuSecond))),
      runs: hub.map((o) => Math.round(o.commitsPerCpuSecond)),
      'commits/s wall (median)': Math.round(median(hub.map((o) => o.commitsPerSecond))),
      heard: hub[0]!.heard,
    },
    'shared hub, whole-frame decode (lex-cbor) + automaton': {
      'commits/CPU-s (median)': Math.round(median(whole.map((o) => o.commitsPerCpuSecond))),
      runs: whole.map((o) => Math.round(o.commitsPerCpuSecond)),
      'commits/s wall (median)': Math.round(median(whole.map((o) => o.commitsPerSecond))),
    },
    '@atproto/sync Firehose (unauthenticated) + automaton': {
      'commits/CPU-s (median)': Math.round(median(sync.map((o) => o.commitsPerCpuSecond))),
      runs: sync.map((o) => Math.round(o.commitsPerCpuSecond)),
      'commits/s wall (median)': Math.round(median(sync.map((o) => o.commitsPerSecond))),
    },
    [`lag of matched posts at ${pacedRate} commits/s (ms)`]: {
      p50: quantile(paced.lags, 0.5),
      p99: quantile(paced.lags, 0.99),
      max: quantile(paced.lags, 1),
      heard: paced.heard,
    },
    'matching only': matchOnly(),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
