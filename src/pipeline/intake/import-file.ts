import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { ImportRecord } from '../../channels/import/import-record.ts';
import { readTwcs } from '../../channels/import/twcs.ts';
import { readReviewsCsv, readReviewsJson } from '../../channels/reviews/review-import.ts';
import type { ReviewMapping } from '../../channels/reviews/review-row.ts';
import type { Mention } from '../../domain/mention.ts';
import { analyzeIngestTables } from '../../store/mentions.repository.ts';
import { insertRejectedRecords } from '../../store/rejected-records.repository.ts';
import type { NewRejectedRecord } from '../../store/rejected-records.repository.ts';
import type { Database } from '../../store/schema.ts';
import { ingestMentions } from './ingest.ts';
import type { MentionAssessment } from '../../domain/intake-plan.ts';
import type { Assess } from './ingest.ts';

/** Opens the file afresh each call: a reader may read it more than once (twcs reads it twice). */
export type OpenFile = () => AsyncIterable<string | Uint8Array>;

/**
 * Each file format Earshot imports: a streaming reader from the file to records in file order.
 * Review files are read with a column mapping (Earshot's own layout when none is given).
 */
export const importFormats = {
  twcs: (open: OpenFile) => readTwcs(open),
  'reviews-csv': (open: OpenFile, mapping?: ReviewMapping) => readReviewsCsv(open(), mapping),
  'reviews-json': (open: OpenFile, mapping?: ReviewMapping) => readReviewsJson(open(), mapping),
} satisfies Record<
  string,
  (open: OpenFile, mapping?: ReviewMapping) => AsyncIterable<ImportRecord>
>;

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
  /** The brand every record concerns; or, with `brandFor`, the brand of none named. */
  brandId: string;
  /**
   * Picks each mention's brand when the file does not name one (a review export for several
   * brands): a brand id, or the reason none fits, kept as a rejected record.
   */
  brandFor?: (mention: Mention) => { brandId: string } | { reason: string };
  channelAccountId?: string | null;
  format: ImportFormat;
  /** A file on disk (the CLI), or `file`: text already in memory (an upload to the API). */
  path?: string;
  file?: ImportSource;
  /** Which column holds each field of a review file. */
  mapping?: ReviewMapping;
  /** Told of each rejected record (the API lists them in its answer); they are stored anyway. */
  onRejected?: (record: { line: number; reason: string }) => void;
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
/** Records read (and labelled) between two turns of the event loop, while a batch is written. */
const recordsBetweenYields = 64;

/** What an import reads: a name (kept with rejected records), a size, and the bytes, re-readable. */
export interface ImportSource {
  name: string;
  bytes: number;
  open: OpenFile;
}

/** A file on disk as an import source. */
async function fileSource(filePath: string): Promise<ImportSource> {
  const { size } = await stat(filePath);
  return { name: path.basename(filePath), bytes: size, open: () => createReadStream(filePath) };
}

/** Text already in memory (an uploaded file) as an import source. */
export function textSource(name: string, text: string): ImportSource {
  const bytes = Buffer.from(text, 'utf8');
  return {
    name,
    bytes: bytes.byteLength,
    // In chunks, as a file would be read, so a large upload is labelled and written a batch at a time.
    async *open() {
      for (let start = 0; start < bytes.byteLength; start += 64 * 1024)
        yield bytes.subarray(start, start + 64 * 1024);
    },
  };
}

/**
 * Streams a file into the store a batch at a time, each batch one transaction holding its
 * mentions and its rejected rows, so memory stays flat and a crash loses at most the batch in
 * flight, which the next run stores again (intake is at-least-once, storage idempotent).
 */
export async function importFile(
  db: Kysely<Database>,
  options: ImportFileOptions,
): Promise<ImportSummary> {
  const file =
    options.file ?? (options.path !== undefined ? await fileSource(options.path) : undefined);
  if (!file) throw new Error('importFile: give a path or a file');
  const fileBytes = file.bytes;
  const source = `${options.format}:${file.name}`;
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
    return counted(file.open(), (bytes) => {
      progress.bytesRead += bytes;
      options.onProgress?.({ ...progress });
    });
  };

  const write = async (batch: PendingBatch): Promise<void> => {
    await storeBatch(db, options, batch, now(), summary);
    const before = progress.records;
    progress.records += batch.mentions.length + batch.rejected.length;
    if (before < analyzeAfterRecords && progress.records >= analyzeAfterRecords)
      await analyzeIngestTables(db);
    options.onProgress?.({ ...progress });
  };
  // One batch is written while the next is read and labelled (triage is the import's costliest
  // work in this process, the writes the database's). Batches still commit one at a time in
  // file order, so a reply's thread is stored before the reply and a crash loses at most the
  // batch being written and the one being read, which a re-run stores.
  let writing: Promise<void> = Promise.resolve();
  let pending = emptyBatch();
  const flush = async (): Promise<void> => {
    if (pending.mentions.length === 0 && pending.rejected.length === 0) return;
    const batch = pending;
    pending = emptyBatch();
    await writing;
    writing = write(batch);
    // Its failure is thrown by the next flush or at the end; until then it is not unhandled.
    writing.catch(() => {});
  };

  let sinceYield = 0;
  try {
    for await (const record of importFormats[options.format](open, options.mapping)) {
      if (record.kind === 'rejected') {
        options.onRejected?.(record);
        pending.rejected.push({
          source,
          line: record.line,
          reason: record.reason,
          payload: JSON.stringify({ file: file.name, line: record.line }),
        });
      } else {
        const { mention } = record;
        const picked = options.brandFor?.(mention) ?? { brandId: options.brandId };
        if ('reason' in picked) {
          options.onRejected?.({ line: record.line, reason: picked.reason });
          pending.rejected.push({
            source,
            line: record.line,
            reason: picked.reason,
            payload: JSON.stringify({ file: file.name, line: record.line }),
          });
          if (pending.mentions.length + pending.rejected.length >= batchSize) await flush();
          continue;
        }
        // ingestMentions takes one network and one brand per batch.
        if (
          pending.mentions.length > 0 &&
          (pending.mentions[0]!.network !== mention.network || pending.brandId !== picked.brandId)
        )
          await flush();
        pending.brandId = picked.brandId;
        pending.mentions.push(mention);
        if (options.assess) pending.assessed.set(mention, options.assess(mention, now()));
      }
      if (pending.mentions.length + pending.rejected.length >= batchSize) await flush();
      // Let the batch being written have its round trips between records read and labelled.
      if (++sinceYield === recordsBetweenYields) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await flush();
  } finally {
    await writing.catch(() => {});
  }
  await writing;
  if (progress.records >= analyzeAfterRecords) await analyzeIngestTables(db);
  return summary;
}

/** Records read and labelled, waiting for their transaction. */
interface PendingBatch {
  /** The brand of every mention of the batch. */
  brandId: string | undefined;
  mentions: Mention[];
  /** Triage's labels of the mentions, given while the batch before was being written. */
  assessed: Map<Mention, MentionAssessment>;
  rejected: NewRejectedRecord[];
}

function emptyBatch(): PendingBatch {
  return { brandId: undefined, mentions: [], assessed: new Map(), rejected: [] };
}

async function storeBatch(
  db: Kysely<Database>,
  options: ImportFileOptions,
  batch: PendingBatch,
  now: Date,
  summary: ImportSummary,
): Promise<void> {
  const { workspaceId } = options;
  const brandId = batch.brandId ?? options.brandId;
  const channelAccountId = options.channelAccountId ?? null;
  await db.transaction().execute(async (tx) => {
    await insertRejectedRecords(tx, workspaceId, channelAccountId, batch.rejected);
    summary.rejected += batch.rejected.length;
    if (batch.mentions.length === 0) return;
    const result = await ingestMentions(
      tx,
      {
        workspaceId,
        brandId,
        channelAccountId,
        mentions: batch.mentions,
        assessed: batch.assessed,
      },
      now,
      options.assess,
    );
    summary.replies += result.storedFromBrand;
    summary.mentions += result.stored - result.storedFromBrand;
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
