import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/pipeline/intake/import-file.ts';
import { createBrand } from '../src/store/brands.repository.ts';
import { findResponseReport } from '../src/store/reporting/reports/reports-responses.ts';
import { createTestDatabase } from './helpers/database.ts';
import type { TestDatabase } from './helpers/database.ts';
import { seedWorkspace } from './helpers/seed.ts';

// The hand count: the twcs sample imported through the real import path, one Earshot brand per
// support account, and every brand's first response times and response rate checked against
// figures worked out here from the CSV alone, with none of the report code.

interface Tweet {
  tweet_id: string;
  author_id: string;
  inbound: string;
  created_at: string;
  text: string;
  response_tweet_id: string;
  in_response_to_tweet_id: string;
}

const samplePath = path.resolve(
  import.meta.dirname,
  '../src/channels/import/fixtures/twcs-sample.csv',
);
const columns = [
  'tweet_id',
  'author_id',
  'inbound',
  'created_at',
  'text',
  'response_tweet_id',
  'in_response_to_tweet_id',
] as const;
const tweets: Tweet[] = parse(readFileSync(samplePath), { columns: true });
const byId = new Map(tweets.map((tweet) => [tweet.tweet_id, tweet]));
const fromBrand = (tweet: Tweet) => tweet.inbound === 'False';
const postedAt = (tweet: Tweet) => new Date(tweet.created_at).getTime();

// A thread is every tweet with the same first tweet (or the same missing parent).
function rootOf(id: string): string {
  const parent = byId.get(id)?.in_response_to_tweet_id;
  if (!parent) return id;
  return byId.has(parent) ? rootOf(parent) : parent;
}
const threads = new Map<string, Tweet[]>();
for (const tweet of tweets) {
  const root = rootOf(tweet.tweet_id);
  threads.set(root, [...(threads.get(root) ?? []), tweet]);
}

// A thread belongs to the account that answered in it, or else to the account its first tweet
// addresses.
const accounts = new Set(tweets.filter(fromBrand).map((tweet) => tweet.author_id));
function accountOf(thread: Tweet[]): string {
  const answerer = thread.find(fromBrand)?.author_id;
  if (answerer) return answerer;
  const addressed = thread[0]!.text.match(/@(\w+)/g)?.map((handle) => handle.slice(1)) ?? [];
  const account = addressed.find((handle) => accounts.has(handle));
  if (!account) throw new Error(`no support account for thread ${thread[0]!.tweet_id}`);
  return account;
}
const threadsOf = new Map<string, Tweet[][]>();
for (const thread of threads.values()) {
  const account = accountOf(thread);
  threadsOf.set(account, [...(threadsOf.get(account) ?? []), thread]);
}

function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const below = sorted[Math.floor(rank)]!;
  const above = sorted[Math.ceil(rank)]!;
  return below + (above - below) * (rank - Math.floor(rank));
}

/** First response of each thread, and which customer tweets an answer followed. */
function handCount(account: string) {
  const firstResponses: number[] = [];
  let customerTweets = 0;
  let answered = 0;
  for (const thread of threadsOf.get(account)!) {
    // In time order; a customer's tweet comes before an answer stamped the same second.
    const ordered = [...thread].sort(
      (a, b) => postedAt(a) - postedAt(b) || Number(fromBrand(a)) - Number(fromBrand(b)),
    );
    const answers = ordered.filter(fromBrand).map(postedAt);
    const customers = ordered.filter((tweet) => !fromBrand(tweet));
    for (const tweet of customers) {
      customerTweets += 1;
      if (answers.some((time) => time >= postedAt(tweet))) answered += 1;
    }
    const first = customers[0];
    const answer = first && answers.find((time) => time >= postedAt(first));
    if (first && answer !== undefined) firstResponses.push((answer - postedAt(first)) / 1000);
  }
  return {
    count: firstResponses.length,
    median: percentile(firstResponses, 0.5),
    p90: percentile(firstResponses, 0.9),
    mean:
      firstResponses.length === 0
        ? null
        : firstResponses.reduce((sum, value) => sum + value, 0) / firstResponses.length,
    customerTweets,
    answered,
  };
}

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

let database: TestDatabase;
let directory: string;
let workspaceId: string;
const brandIds = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  directory = mkdtempSync(path.join(tmpdir(), 'earshot-twcs-report-'));
  workspaceId = (await seedWorkspace(database.store.db, 'Twcs')).workspaceId;
  for (const [account, accountThreads] of threadsOf) {
    const file = path.join(directory, `${account}.csv`);
    const lines = accountThreads
      .flat()
      .map((tweet) => columns.map((column) => quote(tweet[column])).join(','));
    writeFileSync(file, `${columns.join(',')}\n${lines.join('\n')}\n`);
    const brand = await createBrand(database.store.db, workspaceId, {
      name: account,
      handles: [`@${account}`],
      keywords: [],
      isCompetitor: false,
    });
    brandIds.set(account, brand.id);
    const summary = await importFile(database.store.db, {
      workspaceId,
      brandId: brand.id,
      format: 'twcs',
      path: file,
    });
    expect(summary.rejected).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await database.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('reports on the imported twcs sample', () => {
  it('has a brand for each of the thirteen support accounts', () => {
    expect([...threadsOf.keys()].sort()).toEqual([...accounts].sort());
    expect(accounts.size).toBe(13);
  });

  it.each([...accounts].sort())(
    '%s: first response median, p90, mean and response rate match the hand count',
    async (account) => {
      const expected = handCount(account);
      const times = tweets.map(postedAt);
      const report = await findResponseReport(database.store.db, {
        workspaceId,
        brandId: brandIds.get(account)!,
        from: new Date(Math.min(...times)),
        to: new Date(Math.max(...times) + 1000),
        timeZone: 'UTC',
      });
      expect(report.firstResponse.count).toBe(expected.count);
      expect(report.firstResponse.medianSeconds).toBeCloseTo(expected.median!, 6);
      expect(report.firstResponse.p90Seconds).toBeCloseTo(expected.p90!, 6);
      expect(report.firstResponse.meanSeconds).toBeCloseTo(expected.mean!, 6);
      // Nothing was triaged on import, so every customer tweet asked for an answer.
      expect(report.needingReply).toBe(expected.customerTweets);
      expect(report.answered).toBe(expected.answered);
      expect(report.responseRate).toBeCloseTo(expected.answered / expected.customerTweets, 9);
    },
  );

  it('adds up over the whole workspace', async () => {
    const report = await findResponseReport(database.store.db, {
      workspaceId,
      from: new Date('2017-01-01'),
      to: new Date('2018-01-01'),
      timeZone: 'UTC',
    });
    const counts = [...accounts].map(handCount);
    expect(report.needingReply).toBe(tweets.filter((t) => !fromBrand(t)).length);
    expect(report.answered).toBe(counts.reduce((sum, c) => sum + c.answered, 0));
    expect(report.firstResponse.count).toBe(counts.reduce((sum, c) => sum + c.count, 0));
    // Not a trivial sample: most customers had an answer, and answers took minutes to hours.
    expect(report.responseRate).toBeGreaterThan(0.5);
    expect(report.responseRate).toBeLessThan(1);
    expect(report.firstResponse.medianSeconds).toBeGreaterThan(60);
  });
});
