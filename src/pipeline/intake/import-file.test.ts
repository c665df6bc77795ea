import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { pickBrandByTerms } from '../../domain/brand-pick.ts';
import { createBrand, listBrands } from '../../store/brands.repository.ts';
import { listRejectedRecords } from '../../store/rejected-records.repository.ts';
import { importFile } from './import-file.ts';

const samplePath = new URL('../../channels/import/fixtures/twcs-sample.csv', import.meta.url)
  .pathname;
const sample = readFileSync(samplePath, 'utf8');

interface SampleRow {
  tweet_id: string;
  inbound: string;
  in_response_to_tweet_id: string;
}

// Expectations come from the CSV itself, read by an independent parser.
const rows: SampleRow[] = parse(sample, { columns: true });
const byId = new Map(rows.map((row) => [row.tweet_id, row]));
function rootOf(id: string): string {
  let current = id;
  for (;;) {
    const parent = byId.get(current)?.in_response_to_tweet_id;
    if (!parent || !byId.has(parent)) return parent || current;
    current = parent;
  }
}
const expected = {
  mentions: rows.filter((row) => row.inbound === 'True').length,
  replies: rows.filter((row) => row.inbound === 'False').length,
  conversations: new Set(rows.map((row) => rootOf(row.tweet_id))).size,
};

// Three broken rows appended after the sample: a bad date, a short row, a repeated tweet id.
const first = rows[0]!.tweet_id;
const broken = [
  '900000001,105999,True,yesterday,@AppleSupport hello,,',
  '900000002,105999,True',
  `${first},105999,True,Wed Oct 11 06:55:44 +0000 2017,a second row with the same id,,`,
];
const brokenLines = broken.map((_, i) => sample.trimEnd().split('\n').length + 1 + i);

let database: TestDatabase;
let directory: string;
beforeAll(async () => {
  database = await createTestDatabase();
  directory = mkdtempSync(path.join(tmpdir(), 'earshot-import-'));
});
afterAll(async () => {
  await database?.close();
  rmSync(directory, { recursive: true, force: true });
});

async function counts(seeded: SeededWorkspace) {
  const { db } = database.store;
  const count = async (table: 'mentions' | 'conversations' | 'events' | 'rejected_records') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', seeded.workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    mentions: await count('mentions'),
    conversations: await count('conversations'),
    events: await count('events'),
    rejected: await count('rejected_records'),
  };
}

describe('importFile', () => {
  it('stores every sample tweet, the brand replies apart, one conversation per thread', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Sample');
    const summary = await importFile(database.store.db, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      format: 'twcs',
      path: samplePath,
    });
    expect(summary).toEqual({ ...expected, rejected: 0, duplicates: 0 });
    const stored = await database.store.db
      .selectFrom('mentions')
      .select(['external_id', 'from_brand'])
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(new Set(stored.map((row) => row.external_id))).toEqual(new Set(byId.keys()));
    for (const row of stored)
      expect(row.from_brand).toBe(byId.get(row.external_id)!.inbound === 'False');
  });

  it('stores nothing twice when the same file is imported again', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Again');
    const file = path.join(directory, 'again.csv');
    writeFileSync(file, `${sample.trimEnd()}\n${broken.join('\n')}\n`);
    const options = {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      format: 'twcs' as const,
      path: file,
    };
    const firstRun = await importFile(database.store.db, options);
    expect(firstRun).toEqual({ ...expected, rejected: broken.length, duplicates: 0 });
    const before = await counts(seeded);
    expect(before).toMatchObject({
      mentions: rows.length,
      conversations: expected.conversations,
      rejected: broken.length,
    });

    const secondRun = await importFile(database.store.db, options);
    expect(secondRun).toEqual({
      mentions: 0,
      replies: 0,
      conversations: 0,
      rejected: broken.length,
      duplicates: rows.length,
    });
    expect(await counts(seeded)).toEqual(before);
  });

  it('keeps each rejected row with its line and reason, shown to admins newest first', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Rejects');
    const file = path.join(directory, 'rejects.csv');
    writeFileSync(file, `${sample.trimEnd()}\n${broken.join('\n')}\n`);
    await importFile(database.store.db, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      format: 'twcs',
      path: file,
    });
    const firstPage = await listRejectedRecords(database.store.db, seeded.workspaceId, {
      limit: 2,
    });
    expect(firstPage.records).toHaveLength(2);
    const secondPage = await listRejectedRecords(database.store.db, seeded.workspaceId, {
      limit: 2,
      after: firstPage.next,
    });
    expect(secondPage.next).toBeUndefined();
    const all = [...firstPage.records, ...secondPage.records];
    expect(all.map((record) => record.line).sort()).toEqual(brokenLines);
    const reasonOf = (line: number) => all.find((record) => record.line === line)!.reason;
    expect(reasonOf(brokenLines[0]!)).toMatch(/created_at/);
    expect(reasonOf(brokenLines[1]!)).toMatch(/columns/);
    expect(reasonOf(brokenLines[2]!)).toMatch(/duplicate tweet_id/);
    for (const record of all) {
      expect(record.source).toBe('twcs:rejects.csv');
      expect(JSON.parse(record.preview)).toEqual({ file: 'rejects.csv', line: record.line });
    }
    // Another workspace sees none of them.
    const other = await seedWorkspace(database.store.db, 'Other');
    expect(
      (await listRejectedRecords(database.store.db, other.workspaceId, { limit: 10 })).records,
    ).toEqual([]);
  });

  it('resumes a run stopped midway without losing or doubling a row', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Resume');
    const options = {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      format: 'twcs' as const,
      path: samplePath,
      batchSize: 10,
    };
    // Stop after the third batch is stored, as a crash would.
    await expect(
      importFile(database.store.db, {
        ...options,
        onProgress: (progress) => {
          if (progress.records >= 30) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect((await counts(seeded)).mentions).toBe(30);

    const resumed = await importFile(database.store.db, options);
    expect(resumed.duplicates).toBe(30);
    expect(resumed.mentions + resumed.replies).toBe(rows.length - 30);
    const stored = await database.store.db
      .selectFrom('mentions')
      .select('external_id')
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(stored.map((row) => row.external_id).sort()).toEqual([...byId.keys()].sort());
  });

  it('gives each review of a file without a brand to the brand whose terms it names, and keeps the rest as rejected', async () => {
    const seeded = await seedWorkspace(database.store.db, 'By terms');
    const { db } = database.store;
    const northwind = await createBrand(db, seeded.workspaceId, {
      name: 'Northwind',
      handles: [],
      keywords: ['northwind'],
      exclusions: ['northwind trail'],
      isCompetitor: false,
    });
    const contoso = await createBrand(db, seeded.workspaceId, {
      name: 'Contoso',
      handles: [],
      keywords: [],
      hashtags: ['contoso'],
      isCompetitor: true,
    });
    const file = path.join(directory, 'reviews-by-terms.csv');
    writeFileSync(
      file,
      [
        'id,site,author,rating,title,text,posted_at,url',
        '1,yelp,Ann,2,,Northwind lost my bag,2026-11-01,',
        '2,yelp,Bo,5,,Loved #Contoso,2026-11-02,',
        '3,yelp,Cy,4,,Hiking the Northwind Trail was fun,2026-11-03,',
        '4,yelp,Di,1,,Never again,2026-11-04,',
      ].join('\n'),
    );
    const brands = await listBrands(db, seeded.workspaceId);
    const summary = await importFile(db, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      brandFor: (mention) => pickBrandByTerms(brands, mention.text, mention.language),
      format: 'reviews-csv',
      path: file,
    });
    expect(summary).toMatchObject({ mentions: 2, rejected: 2 });
    const stored = await db
      .selectFrom('mentions')
      .innerJoin('conversations', 'conversations.id', 'mentions.conversation_id')
      .select(['mentions.external_id as id', 'conversations.brand_id as brandId'])
      .where('mentions.workspace_id', '=', seeded.workspaceId)
      .orderBy('mentions.external_id')
      .execute();
    expect(stored).toEqual([
      { id: 'yelp:1', brandId: northwind.id },
      { id: 'yelp:2', brandId: contoso.id },
    ]);
    const rejected = await listRejectedRecords(db, seeded.workspaceId, { limit: 10 });
    expect(rejected.records.map((r) => r.reason)).toEqual([
      expect.stringContaining('names no brand of the workspace'),
      expect.stringContaining('names no brand of the workspace'),
    ]);
  });

  it('names the file when it does not exist', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Missing');
    const missing = path.join(directory, 'nope.csv');
    await expect(
      importFile(database.store.db, {
        workspaceId: seeded.workspaceId,
        brandId: seeded.brandId,
        format: 'twcs',
        path: missing,
      }),
    ).rejects.toThrow(missing);
  });
});
