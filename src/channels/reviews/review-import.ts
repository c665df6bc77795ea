import { readCsvRecords } from '../import/csv-records.ts';
import type { ImportRecord } from '../import/import-record.ts';
import {
  requiredColumns,
  reviewRowToMention,
  type ReviewMapping,
  defaultReviewMapping,
} from './review-row.ts';

type Source = AsyncIterable<string | Uint8Array>;

/**
 * Reviews from a CSV export (Yelp, Trustpilot, TripAdvisor… by a column mapping) as Mentions,
 * streamed. Each row that cannot be read or mapped comes out as a rejected record with its
 * line; a file without the mapped columns is refused whole with the missing names. The reader
 * is the import's own (csv-records.ts): csv-parse, after a broken quote, swallows the rows that
 * follow into one skipped error, and those reviews would be lost without a trace.
 */
export async function* readReviewsCsv(
  source: Source,
  mapping: ReviewMapping = defaultReviewMapping,
): AsyncGenerator<ImportRecord> {
  let header: string[] | undefined;
  for await (const record of readCsvRecords(source)) {
    if (!header) {
      if ('error' in record)
        throw new Error(`reviews import: line ${record.line}: unreadable header (${record.error})`);
      header = record.fields.map((name) => name.replace(/^\uFEFF/, '').trim());
      const found = header;
      const missing = requiredColumns(mapping).filter((column) => !found.includes(column));
      if (missing.length) {
        throw new Error(
          `reviews import: line ${record.line}: missing column(s) ${missing.join(', ')}; found ${found.join(', ')}`,
        );
      }
      continue;
    }
    if ('error' in record) {
      yield { kind: 'rejected', line: record.line, reason: record.error };
      continue;
    }
    if (record.fields.length !== header.length) {
      yield {
        kind: 'rejected',
        line: record.line,
        reason: `expected ${header.length} columns, found ${record.fields.length}`,
      };
      continue;
    }
    const values = Object.fromEntries(header.map((name, index) => [name, record.fields[index]]));
    const result = reviewRowToMention(values, mapping, record.line);
    yield 'mention' in result
      ? { kind: 'mention', line: record.line, mention: result.mention }
      : { kind: 'rejected', line: record.line, reason: result.reason };
  }
  if (!header) throw new Error('reviews import: the file is empty');
}

/**
 * Reviews from JSON Lines (one object a line; `line` is the file line) or a JSON array (`line`
 * is the item's position). Keys are matched with the same mapping as CSV columns.
 */
export async function* readReviewsJson(
  source: Source,
  mapping: ReviewMapping = defaultReviewMapping,
): AsyncGenerator<ImportRecord> {
  const decoder = new TextDecoder();
  let text = '';
  let line = 0;
  let isArray: boolean | undefined;
  for await (const chunk of source) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    isArray ??= text.trimStart() === '' ? undefined : text.trimStart().startsWith('[');
    if (isArray !== false) continue;
    let newline: number;
    while ((newline = text.indexOf('\n')) !== -1) {
      line += 1;
      const record = jsonLine(text.slice(0, newline), line, mapping);
      text = text.slice(newline + 1);
      if (record) yield record;
    }
  }
  text += decoder.decode();
  if (isArray) {
    yield* jsonArray(text, mapping);
    return;
  }
  const last = jsonLine(text, line + 1, mapping);
  if (last) yield last;
}

function jsonLine(text: string, line: number, mapping: ReviewMapping): ImportRecord | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'rejected', line, reason: 'not valid JSON' };
  }
  return fromValue(value, line, mapping);
}

function* jsonArray(text: string, mapping: ReviewMapping): Generator<ImportRecord> {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `reviews import: the file is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
      { cause: error },
    );
  }
  if (!Array.isArray(items))
    throw new Error('reviews import: a JSON file must hold an array of reviews');
  for (const [index, item] of items.entries()) yield fromValue(item, index + 1, mapping);
}

function fromValue(value: unknown, line: number, mapping: ReviewMapping): ImportRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'rejected', line, reason: 'a review must be a JSON object' };
  }
  const result = reviewRowToMention(value as Record<string, unknown>, mapping, line);
  return 'mention' in result
    ? { kind: 'mention', line, mention: result.mention }
    : { kind: 'rejected', line, reason: result.reason };
}
