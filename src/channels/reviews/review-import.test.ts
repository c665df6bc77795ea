import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../import/import-record.ts';
import { readReviewsCsv, readReviewsJson } from './review-import.ts';
import { reviewRating } from './review-rating.ts';

const fixturePath = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function collect(records: AsyncIterable<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

async function* text(value: string) {
  yield value;
}

describe('review import', () => {
  it('maps the default CSV layout into Mentions and rejects each bad row with its line and reason', async () => {
    const records = await collect(
      readReviewsCsv(createReadStream(fixturePath('reviews-import-sample.csv'))),
    );
    const kept = records.flatMap((r) => (r.kind === 'mention' ? [r] : []));
    const rejected = records.flatMap((r) => (r.kind === 'rejected' ? [r] : []));
    expect(kept.map((r) => [r.line, r.mention.externalId])).toEqual([
      [2, 'trustpilot:tp-1001'],
      [4, 'trustpilot:tp-1002'],
      [5, 'yelp:yelp-77'],
      [10, 'trustpilot:tp-1003'],
    ]);
    expect(rejected.map((r) => r.line)).toEqual([6, 7, 8, 9]);
    expect(rejected[0]?.reason).toMatch(/^rating must be from 1 to 5/);
    expect(rejected[1]?.reason).toMatch(/^id is empty/);
    expect(rejected[2]?.reason).toMatch(/^posted_at must be an ISO 8601 date/);
    expect(rejected[3]?.reason).toBe('expected 8 columns, found 5');
  });

  it('keeps title, multi-line text, quotes and markup as plain text, with the rating', async () => {
    const records = await collect(
      readReviewsCsv(createReadStream(fixturePath('reviews-import-sample.csv'))),
    );
    const mentions = records.flatMap((r) => (r.kind === 'mention' ? [r.mention] : []));
    expect(mentions[0]).toMatchObject({
      network: 'reviews',
      text: 'Never again\n\nOrdered twice, both arrived broken.\nSupport never answered.',
      author: { handle: 'Hannah K' },
      url: 'https://www.trustpilot.com/reviews/tp-1001',
    });
    expect(mentions[0]?.postedAt.toISOString()).toBe('2026-11-02T10:15:00.000Z');
    expect(mentions[1]?.text).toBe('Lovely\n\nFast delivery, "perfect" packaging');
    expect(mentions[2]?.postedAt.toISOString()).toBe('2026-11-05T03:00:00.000Z');
    expect(mentions[3]?.author.handle).toBe('Ana "AJ" Lopez');
    expect(mentions[3]?.text).toContain('<script>alert(1)</script>');
    expect(mentions.map((m) => reviewRating(m))).toEqual([1, 5, 3, 4]);
  });

  it('reads another export through a column mapping', async () => {
    const csv = [
      'Review ID,Review Created (UTC),Review Title,Review Content,Review Stars,Review Consumer Name,Review Consumer User ID',
      'abc1,2026-11-02T10:15:00Z,Slow,Took 3 weeks,2,Ravi,u-9',
    ].join('\r\n');
    const mapping = {
      id: 'Review ID',
      postedAt: 'Review Created (UTC)',
      title: 'Review Title',
      text: 'Review Content',
      rating: 'Review Stars',
      author: 'Review Consumer Name',
      authorId: 'Review Consumer User ID',
      defaultSite: 'Trustpilot',
    };
    const [record] = await collect(readReviewsCsv(text(csv), mapping));
    expect(record).toMatchObject({
      kind: 'mention',
      line: 2,
      mention: {
        externalId: 'trustpilot:abc1',
        text: 'Slow\n\nTook 3 weeks',
        author: { externalId: 'trustpilot:u-9', handle: 'Ravi' },
      },
    });
  });

  it('refuses a file without the mapped columns, naming them', async () => {
    await expect(collect(readReviewsCsv(text('id,text\n1,hi\n')))).rejects.toThrow(
      /missing column\(s\) rating, posted_at, site; found id, text/,
    );
  });

  it('rejects a row with broken quoting without losing the file', async () => {
    const csv = [
      'id,site,author,rating,title,text,posted_at,url',
      'a1,yelp,Al,4,Ok,"broken"quote,2026-11-01,',
      'a2,yelp,Bo,5,Good,fine,2026-11-01,',
      'a3,yelp,Cy,2,Meh,"also fine",2026-11-02,',
    ].join('\n');
    const records = await collect(readReviewsCsv(text(csv)));
    expect(records.find((r) => r.kind === 'rejected')?.reason).toMatch(/quote/i);
    expect(records.flatMap((r) => (r.kind === 'mention' ? [r.mention.externalId] : []))).toContain(
      'yelp:a3',
    );
  });

  it('reads JSON Lines, rejecting bad lines with their line number', async () => {
    const records = await collect(
      readReviewsJson(createReadStream(fixturePath('reviews-import-sample.jsonl'))),
    );
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['mention', 1],
      ['rejected', 2],
      ['rejected', 3],
      ['mention', 4],
    ]);
    expect(records[1]).toMatchObject({ reason: expect.stringMatching(/^rating must be a number/) });
    expect(records[2]).toMatchObject({ reason: 'not valid JSON' });
    // A field the mapping does not know is kept with the raw record, not dropped.
    const last = records[3];
    expect(
      last?.kind === 'mention' && (last.mention.raw as { record: { room: string } }).record.room,
    ).toBe('214');
  });

  it('reads a JSON array, numbering items', async () => {
    const items = [
      { id: 'x1', site: 'yelp', rating: '4/5', text: 'good', posted_at: '2026-11-01' },
      { id: 'x2', site: 'yelp', rating: 0, text: 'bad', posted_at: '2026-11-01' },
      'nope',
    ];
    const records = await collect(readReviewsJson(text(JSON.stringify(items, null, 2))));
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['mention', 1],
      ['rejected', 2],
      ['rejected', 3],
    ]);
    expect(records[0]?.kind === 'mention' && reviewRating(records[0].mention)).toBe(4);
    await expect(collect(readReviewsJson(text('[{"id": ')))).rejects.toThrow(/not valid JSON/);
  });
});
