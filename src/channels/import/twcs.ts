import { createReadStream } from 'node:fs';
import type { Mention } from '../../domain/mention.ts';
import { readCsvRecords } from './csv-records.ts';
import type { ImportRecord } from './import-record.ts';
import { parseTwcsRow, twcsColumns, unescapeTweetText, type TwcsRow } from './twcs-row.ts';

/** Opens the file afresh: the import reads it twice, so it never holds the whole file in memory. */
type OpenTwcs = () => AsyncIterable<string | Uint8Array>;

/**
 * Where each tweet sits in its chain: the only thing kept in memory between the two passes.
 * Keys are numbers when the id fits one, which takes about half the memory of string keys.
 */
interface ThreadIndex {
  /** Line of the first valid row for each tweet id (later rows with the same id are duplicates). */
  lineOf: Map<Key, number>;
  /** Parent of each tweet that answers another. */
  parentOf: Map<Key, Key>;
}

type Key = number | string;

const key = (id: string): Key => (/^[1-9]\d{0,14}$/.test(id) ? Number(id) : id);

/** Reads a twcs CSV file from disk. */
export function readTwcsFile(path: string): AsyncGenerator<ImportRecord> {
  return readTwcs(() => createReadStream(path));
}

/**
 * Streams the "Customer Support on Twitter" dataset as Mentions, in file order, with each
 * reply's parent and root rebuilt (the root is the first tweet of its chain; when the chain
 * leads to a tweet absent from the file, that absent tweet is the earliest we know, so it is
 * the root). The brand's own tweets (inbound=False) come out as fromBrand. Rows that cannot be
 * read come out as rejected records with their line and reason.
 */
export async function* readTwcs(open: OpenTwcs): AsyncGenerator<ImportRecord> {
  const index = await indexThreads(open);
  for await (const item of readRows(open)) {
    if ('reason' in item) {
      yield { kind: 'rejected', line: item.line, reason: item.reason };
      continue;
    }
    const { line, row, fields } = item;
    const firstLine = index.lineOf.get(key(row.tweet_id));
    if (firstLine !== line) {
      yield {
        kind: 'rejected',
        line,
        reason: `duplicate tweet_id ${row.tweet_id} (first on line ${firstLine})`,
      };
      continue;
    }
    const root = rootOf(index, row.tweet_id);
    if (root === null) {
      yield {
        kind: 'rejected',
        line,
        reason: `reply chain of tweet ${row.tweet_id} loops back on itself`,
      };
      continue;
    }
    yield { kind: 'mention', line, mention: toMention(row, root, fields, line) };
  }
}

async function indexThreads(open: OpenTwcs): Promise<ThreadIndex> {
  const lineOf = new Map<Key, number>();
  const parentOf = new Map<Key, Key>();
  for await (const item of readRows(open)) {
    if ('reason' in item) continue;
    const id = key(item.row.tweet_id);
    if (lineOf.has(id)) continue;
    lineOf.set(id, item.line);
    const parent = item.row.in_response_to_tweet_id;
    if (parent !== undefined) parentOf.set(id, key(parent));
  }
  return { lineOf, parentOf };
}

type RowItem = { line: number; row: TwcsRow; fields: string[] } | { line: number; reason: string };

async function* readRows(open: OpenTwcs): AsyncGenerator<RowItem> {
  let header = true;
  for await (const record of readCsvRecords(open())) {
    if (header) {
      header = false;
      const found = 'fields' in record ? record.fields.join(',') : record.error;
      if (found.replace(/^\uFEFF/, '') !== twcsColumns.join(',')) {
        throw new Error(
          `twcs import: line ${record.line}: expected the header "${twcsColumns.join(',')}", found "${found.slice(0, 200)}"`,
        );
      }
      continue;
    }
    if ('error' in record) {
      yield { line: record.line, reason: record.error };
      continue;
    }
    const parsed = parseTwcsRow(record.fields);
    yield 'row' in parsed
      ? { line: record.line, row: parsed.row, fields: record.fields }
      : { line: record.line, reason: parsed.reason };
  }
}

/** undefined for a tweet that starts its chain; null when the chain is a loop (corrupt data). */
function rootOf(index: ThreadIndex, tweetId: string): string | undefined | null {
  const start = key(tweetId);
  const seen = new Set<Key>([start]);
  let current = start;
  for (;;) {
    const parent = index.parentOf.get(current);
    if (parent === undefined) return current === start ? undefined : String(current);
    if (!index.lineOf.has(parent)) return String(parent);
    if (seen.has(parent)) return null;
    seen.add(parent);
    current = parent;
  }
}

function toMention(
  row: TwcsRow,
  root: string | undefined,
  fields: string[],
  line: number,
): Mention {
  return {
    network: 'import',
    externalId: row.tweet_id,
    text: unescapeTweetText(row.text),
    author: { externalId: row.author_id, handle: row.author_id },
    postedAt: row.created_at,
    parentExternalId: row.in_response_to_tweet_id,
    rootExternalId: root,
    isPrivate: false,
    fromBrand: row.inbound === 'False',
    // The row as read, but for its text: stored beside it (unescaped) and the bulk of each row,
    // so keeping it twice would double what an import writes.
    raw: {
      source: 'twcs',
      line,
      ...Object.fromEntries(
        twcsColumns.flatMap((column, i) => (column === 'text' ? [] : [[column, fields[i]]])),
      ),
    },
  };
}
