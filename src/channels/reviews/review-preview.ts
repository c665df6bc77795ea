import { readCsvRecords } from '../import/csv-records.ts';
import type { ImportRecord } from '../import/import-record.ts';
import { readReviewsCsv, readReviewsJson } from './review-import.ts';
import { requiredColumns } from './review-row.ts';
import type { ReviewMapping } from './review-row.ts';
import { reviewTemplates } from './review-templates.ts';

export type ReviewFileFormat = 'csv' | 'json';

/** The file's format from its name, or else from its first character (`[` or `{` is JSON). */
export function detectReviewFormat(name: string, text: string): ReviewFileFormat {
  if (/\.(jsonl?|ndjson)$/i.test(name)) return 'json';
  if (/\.(csv|txt)$/i.test(name)) return 'csv';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
}

async function* source(text: string): AsyncGenerator<string> {
  yield text;
}

/**
 * The columns a file has: a CSV's header, or the keys of a JSON file's first records (a nested
 * object's keys as `user.name`). Throws with the reason when there is nothing to read.
 */
export async function detectReviewColumns(
  format: ReviewFileFormat,
  text: string,
): Promise<string[]> {
  if (format === 'csv') {
    for await (const record of readCsvRecords(source(text))) {
      if ('error' in record)
        throw new Error(`line ${record.line}: unreadable header (${record.error})`);
      return record.fields.map((name) => name.replace(/^\uFEFF/, '').trim());
    }
    throw new Error('the file is empty');
  }
  const columns = new Set<string>();
  for (const item of firstJsonObjects(text, 20)) {
    for (const [key, value] of Object.entries(item)) {
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        for (const inner of Object.keys(value)) columns.add(`${key}.${inner}`);
      else columns.add(key);
    }
  }
  if (columns.size === 0) throw new Error('no JSON object with fields found in the file');
  return [...columns];
}

function firstJsonObjects(text: string, count: number): Array<Record<string, unknown>> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let items: unknown[];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      items = Array.isArray(parsed) ? parsed.slice(0, count) : [];
    } catch (error) {
      throw new Error(
        `the file is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
        { cause: error },
      );
    }
  } else {
    items = trimmed
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(0, count)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as unknown];
        } catch {
          return [];
        }
      });
  }
  return items.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

// Names a column goes by in exports, lower case, for a file no template fits.
const aliases: Record<
  'id' | 'text' | 'rating' | 'postedAt' | 'site' | 'author' | 'title' | 'url',
  string[]
> = {
  id: ['id', 'review id', 'review_id', 'reviewid', 'reference'],
  text: [
    'text',
    'review',
    'review text',
    'review content',
    'content',
    'comment',
    'comments',
    'body',
  ],
  rating: ['rating', 'stars', 'star rating', 'review stars', 'score', 'grade', 'overall rating'],
  postedAt: [
    'posted_at',
    'date',
    'review date',
    'created',
    'created at',
    'created_at',
    'time_created',
    'published_date',
    'review created (utc)',
  ],
  site: ['site', 'source', 'platform'],
  author: ['author', 'name', 'reviewer', 'reviewer name', 'user', 'user.name', 'customer'],
  title: ['title', 'review title', 'headline', 'subject'],
  url: ['url', 'link', 'review url', 'review link'],
};

export interface MappingSuggestion {
  /** The built-in template whose columns the file has, if one does. */
  template: string | null;
  mapping: Partial<ReviewMapping>;
  /** Fields a mapping needs that no column was found for. */
  missing: string[];
}

/** A template whose columns the file has (the first, most specific); else a guess by column name. */
export function suggestReviewMapping(columns: readonly string[]): MappingSuggestion {
  const has = new Set(columns);
  // Earshot's own layout is tried last: its short names (id, text) fit many files loosely.
  const ordered = [...reviewTemplates.filter((t) => t.id !== 'earshot'), reviewTemplates[0]!];
  for (const template of ordered) {
    if (requiredColumns(template.mapping).every((column) => has.has(column)))
      return { template: template.id, mapping: template.mapping, missing: [] };
  }
  const byName = new Map(columns.map((column) => [column.toLowerCase().trim(), column]));
  const mapping: Record<string, string> = {};
  for (const [field, names] of Object.entries(aliases)) {
    const found = names.map((name) => byName.get(name)).find((column) => column !== undefined);
    if (found) mapping[field] = found;
  }
  const missing = ['id', 'text', 'rating', 'postedAt', 'site'].filter((field) => !mapping[field]);
  return { template: null, mapping, missing };
}

/** The first records of a file read with a mapping, to show before anything is stored. */
export async function previewReviews(
  format: ReviewFileFormat,
  text: string,
  mapping: ReviewMapping,
  limit = 10,
): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  const read = format === 'csv' ? readReviewsCsv : readReviewsJson;
  for await (const record of read(source(text), mapping)) {
    records.push(record);
    if (records.length >= limit) break;
  }
  return records;
}
