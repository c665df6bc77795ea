import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { ImportRecord } from '../channels/import/import-record.ts';
import { readTwcs } from '../channels/import/twcs.ts';
import { readReviewsCsv, readReviewsJson } from '../channels/reviews/review-import.ts';
import type { Mention } from '../domain/mention.ts';
import { analyzeIngestTables, findStoredMentions } from '../store/mentions.repository.ts';
import { insertRejectedRecords } from '../store/rejected-records.repository.ts';
import type { NewRejectedRecord } from '../store/rejected-records.repository.ts';
import type { Database } from '../store/schema.ts';
import { ingestMentions } from './ingest.ts';
import type { Assess } from './ingest.ts';

/** Opens the file afresh each call: a reader may read it more than once (twcs reads it twice). */
export type OpenFile = () => AsyncIterable<string | Uint8Array>;

/** Each file format Earshot imports: a streaming reader from the file to records in file order. */
export const importFormats = {
  twcs: (open: OpenFile) => readTwcs(open),
  'reviews-csv': (open: OpenFile) => readReviewsCsv(open()),
  'reviews-json': (open: OpenFile) => readReviewsJson(open()),
} satisfies Record<string, (open: OpenFile) => AsyncIterable<ImportRecord>>;

export type ImportFormat = keyof typeof importFormats;

export function isImportFormat(name: string): name is ImportFormat {
  return Object.hasOwn(importFormats, name);
}

export interface ImportProgress {
  /** 1 for the first read of the file, 2 for the second… */
  pass: number;
  bytesRead: number;
  fileBytes: number;
  /** Records (mentions and rejected rows) handed to the store so far. */
  records: number;
}

export interface ImportFileOptions {
  workspaceId: string;
  brandId: string;
  channelAccountId?: string | null;
  format: ImportFormat;
  path: string;
  /** Records per transaction. */
  batchSize?: number;
  assess?: Assess;
  onProgress?: (progress: ImportProgress) => void;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * What one run stored. Every record of the file lands in exactly one of mentions, replies,
 * duplicates (stored by an earlier run, so a re-run or a resumed run stores nothing twice)
 * and rejected.
 */
export interface ImportSummary {
  /** Customers' posts stored by this run. */
  mentions: number;
  conversations: number;
  /** The brand's own posts stored by this run. */
  replies: number;
  rejected: number;
  duplicates: number;
}

const defaultBatchSize = 500;
/** Stored records after which a large import refreshes planner statistics (and again at its end). */
const analyzeAfterRecords = 2_000;

/**
 * Streams a file into the store a batch at a time, each batch one transaction holding its
 * mentions and its rejected rows, so memory stays flat and a crash loses at most the batch in
 * flight, which the next run stores again (intake is at-least-once, storage idempotent).
 */
export async function importFile(
  db: Kysely<Database>,
  options: ImportFileOptions,
): Promise<ImportSummary> {
  const { size: fileBytes } = await stat(options.path);
  const source = `${options.format}:${path.basename(options.path)}`;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const now = options.now ?? (() => new Date());
  const summary: ImportSummary = {
    mentions: 0,
    conversations: 0,
    replies: 0,
    rejected: 0,
    duplicates: 0,
  };
  const progress: ImportProgress = { pass: 0, bytesRead: 0, fileBytes, records: 0 };
  const open: OpenFile = () => {
    progress.pass += 1;
    progress.bytesRead = 0;
    return counted(createReadStream(options.path), (bytes) => {
      progress.bytesRead += bytes;
      options.onProgress?.({ ...progress });
    });
  };

  let mentions: Mention[] = [];
  let rejected: NewRejectedRecord[] = [];
  const flush = async (): Promise<void> => {
    if (mentions.length === 0 && rejected.length === 0) return;
    const batch = { mentions, rejected };
    mentions = [];
    rejected = [];
    await storeBatch(db, options, batch, now(), summary);
    const before = progress.records;
    progress.records += batch.mentions.length + batch.rejected.length;
    if (before < analyzeAfterRecords && progress.records >= analyzeAfterRecords)
      await analyzeIngestTables(db);
    options.onProgress?.({ ...progress });
  };

  for await (const record of importFormats[options.format](open)) {
    if (record.kind === 'rejected') {
      rejected.push({
        source,
        line: record.line,
        reason: record.reason,
        payload: JSON.stringify({ file: path.basename(options.path), line: record.line }),
      });
    } else {
      // ingestMentions takes one network per batch.
      if (mentions.length > 0 && mentions[0]!.network !== record.mention.network) await flush();
      mentions.push(record.mention);
    }
    if (mentions.length + rejected.length >= batchSize) await flush();
  }
  await flush();
  if (progress.records >= analyzeAfterRecords) await analyzeIngestTables(db);
  return summary;
}

async function storeBatch(
  db: Kysely<Database>,
  options: ImportFileOptions,
  batch: { mentions: Mention[]; rejected: NewRejectedRecord[] },
  now: Date,
  summary: ImportSummary,
): Promise<void> {
  const { workspaceId, brandId } = options;
  const channelAccountId = options.channelAccountId ?? null;
  await db.transaction().execute(async (tx) => {
    await insertRejectedRecords(tx, workspaceId, channelAccountId, batch.rejected);
    summary.rejected += batch.rejected.length;
    if (batch.mentions.length === 0) return;
    // Which of the brand's posts an earlier run stored: the split of the summary needs it,
    // ingest's own count does not say which were duplicates.
    const brandPosts = new Set(
      batch.mentions.filter((mention) => mention.fromBrand).map((mention) => mention.externalId),
    );
    const storedBrandPosts = await findStoredMentions(tx, workspaceId, batch.mentions[0]!.network, [
      ...brandPosts,
    ]);
    const result = await ingestMentions(
      tx,
      { workspaceId, brandId, channelAccountId, mentions: batch.mentions },
      now,
      options.assess,
    );
    const replies = brandPosts.size - storedBrandPosts.length;
    summary.replies += replies;
    summary.mentions += result.stored - replies;
    summary.duplicates += result.duplicates;
    summary.conversations += result.conversationsCreated;
  });
}

async function* counted(
  stream: AsyncIterable<string | Uint8Array>,
  onRead: (bytes: number) => void,
): AsyncGenerator<string | Uint8Array> {
  for await (const chunk of stream) {
    onRead(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    yield chunk;
  }
}
