import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../domain/mention.ts';
import type { ImportRecord } from './import-record.ts';
import { readTwcs, readTwcsFile } from './twcs.ts';

const samplePath = new URL('./fixtures/twcs-sample.csv', import.meta.url).pathname;
const header =
  'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';

interface SampleRow {
  tweet_id: string;
  author_id: string;
  inbound: string;
  created_at: string;
  text: string;
  in_response_to_tweet_id: string;
}

async function collect(records: AsyncIterable<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

function fromText(text: string): AsyncGenerator<ImportRecord> {
  return readTwcs(async function* () {
    yield text;
  });
}

function mentions(records: ImportRecord[]): Mention[] {
  return records.flatMap((record) => (record.kind === 'mention' ? [record.mention] : []));
}

describe('twcs import', () => {
  // Expectations come from the rows themselves, read by an independent CSV parser.
  const rows: SampleRow[] = parse(readFileSync(samplePath), { columns: true });
  const byId = new Map(rows.map((row) => [row.tweet_id, row]));
  function expectedRoot(id: string): string | undefined {
    let current = byId.get(id);
    if (!current?.in_response_to_tweet_id) return undefined;
    for (;;) {
      const parentId: string = current.in_response_to_tweet_id;
      const parent = byId.get(parentId);
      if (!parent) return parentId;
      if (!parent.in_response_to_tweet_id) return parentId;
      current = parent;
    }
  }

  it('reads every sample row as a mention with its parent and the first tweet of its chain as root', async () => {
    const records = await collect(readTwcsFile(samplePath));
    expect(records.filter((record) => record.kind === 'rejected')).toEqual([]);
    const got = mentions(records);
    expect(got.map((mention) => mention.externalId)).toEqual(rows.map((row) => row.tweet_id));
    for (const mention of got) {
      const row = byId.get(mention.externalId);
      expect(mention.parentExternalId).toBe(row?.in_response_to_tweet_id || undefined);
      expect(mention.rootExternalId).toBe(expectedRoot(mention.externalId));
      expect(mention.fromBrand).toBe(row?.inbound === 'False');
      expect(mention.author.externalId).toBe(row?.author_id);
      expect(mention.network).toBe('import');
      expect(mention.isPrivate).toBe(false);
    }
    // The sample has real multi-tweet conversations: several mentions share a root.
    const rootCounts = new Map<string, number>();
    for (const mention of got) {
      const root = mention.rootExternalId ?? mention.externalId;
      rootCounts.set(root, (rootCounts.get(root) ?? 0) + 1);
    }
    expect(Math.max(...rootCounts.values())).toBeGreaterThan(3);
  });

  it("decodes Twitter's escaped entities into plain text and parses created_at as UTC", async () => {
    const got = mentions(await collect(readTwcsFile(samplePath)));
    const escaped = rows.find((row) => row.text.includes('&amp;'));
    const mention = got.find((m) => m.externalId === escaped?.tweet_id);
    expect(mention?.text).toBe(escaped?.text.replaceAll('&amp;', '&'));
    const first = got[0];
    expect(first?.postedAt.toISOString()).toBe(new Date(`${rows[0]?.created_at}`).toISOString());
  });

  it('rejects bad dates, missing ids and broken quoting with their line, and keeps the other rows', async () => {
    const text = [
      header,
      '1,alice,True,Wed Oct 11 06:55:44 +0000 2017,@Brand my order is late,2,',
      '2,Brand,False,Wed Oct 11 07:00:00 +0000 2017,"@alice sorry, DM us",,1',
      '3,bob,True,yesterday at noon,@Brand hello,,',
      ',carol,True,Wed Oct 11 06:55:44 +0000 2017,@Brand no id,,',
      '4,dave,True,Wed Oct 11 06:55:44 +0000 2017,"@Brand broken"quote,,',
      '5,erin,True,Thu Feb 30 06:55:44 +0000 2017,@Brand impossible day,,',
      '6,frank,True,Wed Oct 11 06:55:44 +0000 2017,too few columns',
      '7,Brand,False,Wed Oct 11 08:00:00 +0000 2017,"@alice ""still"" here,\nsecond line",,2',
      '1,alice,True,Wed Oct 11 06:55:44 +0000 2017,duplicate,,',
      '8,gina,True,Wed Oct 11 06:55:44 +0000 2017,"@Brand never closed,,',
    ].join('\n');
    const records = await collect(fromText(text));
    const rejected = records.filter((record) => record.kind === 'rejected');
    expect(rejected.map((record) => record.line)).toEqual([4, 5, 6, 7, 8, 11, 12]);
    expect(rejected[0]?.reason).toMatch(/created_at/);
    expect(rejected[1]?.reason).toMatch(/tweet_id/);
    expect(rejected[2]?.reason).toMatch(/closing quote/);
    expect(rejected[3]?.reason).toMatch(/created_at/);
    expect(rejected[4]?.reason).toMatch(/columns/);
    expect(rejected[5]?.reason).toMatch(/duplicate tweet_id 1 \(first on line 2\)/);
    expect(rejected[6]?.reason).toMatch(/never closed/);
    const kept = mentions(records);
    expect(
      kept.map((mention) => [mention.externalId, mention.parentExternalId, mention.rootExternalId]),
    ).toEqual([
      ['1', undefined, undefined],
      ['2', '1', '1'],
      ['7', '2', '1'],
    ]);
    expect(kept[2]?.text).toBe('@alice "still" here,\nsecond line');
  });

  it('refuses a file that is not twcs with a message naming the header it found', async () => {
    await expect(collect(fromText('id,text\n1,hello\n'))).rejects.toThrow(
      /expected the header .* found "id,text"/,
    );
  });
});
