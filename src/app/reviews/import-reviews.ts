import {
  detectReviewColumns,
  detectReviewFormat,
  previewReviews,
  suggestReviewMapping,
} from '../../channels/reviews/review-preview.ts';
import type { MappingSuggestion, ReviewFileFormat } from '../../channels/reviews/review-preview.ts';
import { requiredColumns } from '../../channels/reviews/review-row.ts';
import type { ReviewMapping } from '../../channels/reviews/review-row.ts';
import { findReviewTemplate, reviewTemplates } from '../../channels/reviews/review-templates.ts';
import { pickBrandByTerms } from '../../domain/brand-pick.ts';
import type { Mention } from '../../domain/mention.ts';
import type { Assess } from '../../pipeline/intake/ingest.ts';
import { importFile, textSource } from '../../pipeline/intake/import-file.ts';
import type { ImportSummary } from '../../pipeline/intake/import-file.ts';
import { findBrand, listBrands } from '../../store/brands.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

/** A review file sent to the API: its text, name, and how to read it. */
export interface ReviewFile {
  name: string;
  text: string;
  format?: ReviewFileFormat;
  /** A built-in template's id, or a mapping of the client's own (which wins). */
  template?: string;
  mapping?: ReviewMapping;
}

export interface PreviewedRow {
  line: number;
  review?: {
    id: string;
    site: string;
    author: string;
    stars: number;
    value: number;
    scale: number;
    postedAt: string;
    text: string;
    url: string | null;
  };
  reason?: string;
}

export interface ReviewImportPreview extends MappingSuggestion {
  format: ReviewFileFormat;
  columns: string[];
  /** The first rows, read with the client's mapping, else the suggested one when it is complete. */
  rows: PreviewedRow[];
  /** Why the rows could not be read (a mapped column the file lacks); null when they were. */
  problem: string | null;
}

/** The built-in mappings, for the client to offer. */
export function reviewTemplateList() {
  return reviewTemplates.map((template) => ({ ...template, mapping: { ...template.mapping } }));
}

const invalidFile = (message: string) => new AppError('invalid_file', message);

function mappingOf(file: ReviewFile): ReviewMapping | undefined {
  if (file.mapping) return file.mapping;
  if (!file.template) return undefined;
  const template = findReviewTemplate(file.template);
  if (!template) throw new AppError('validation_failed', `unknown template "${file.template}"`);
  return template.mapping;
}

/** The columns, a suggested mapping and the first rows read with it; nothing is stored. */
export async function previewReviewImport(file: ReviewFile): Promise<ReviewImportPreview> {
  const format = file.format ?? detectReviewFormat(file.name, file.text);
  let columns: string[];
  try {
    columns = await detectReviewColumns(format, file.text);
  } catch (error) {
    throw invalidFile(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const suggestion = suggestReviewMapping(columns);
  const chosen =
    mappingOf(file) ??
    (suggestion.missing.length === 0 ? (suggestion.mapping as ReviewMapping) : undefined);
  let rows: PreviewedRow[] = [];
  let problem: string | null = chosen
    ? null
    : `no column found for ${suggestion.missing.join(', ')}`;
  if (chosen) {
    try {
      requiredColumns(chosen);
      rows = (await previewReviews(format, file.text, chosen)).map(previewRow);
    } catch (error) {
      problem =
        error instanceof Error ? error.message.replace(/^reviews import: /, '') : String(error);
    }
  }
  return { format, columns, ...suggestion, rows, problem };
}

function previewRow(record: Awaited<ReturnType<typeof previewReviews>>[number]): PreviewedRow {
  if (record.kind === 'rejected') return { line: record.line, reason: record.reason };
  const { mention } = record;
  return {
    line: record.line,
    review: {
      id: mention.externalId,
      site: mention.review?.site ?? '',
      author: mention.author.handle,
      stars: mention.review?.stars ?? 0,
      value: mention.review?.value ?? 0,
      scale: mention.review?.scale ?? 5,
      postedAt: mention.postedAt.toISOString(),
      text: mention.text.slice(0, 280),
      url: mention.url ?? null,
    },
  };
}

export interface ReviewImportResult {
  /** Reviews stored by this upload. */
  added: number;
  /** Reviews already stored (an earlier upload of the same file): nothing is stored twice. */
  duplicates: number;
  rejected: number;
  /** The first rejected rows with their reasons (all are kept in the rejected records). */
  rejections: Array<{ line: number; reason: string }>;
  conversations: number;
}

const listedRejections = 100;

/**
 * Stores a review file's reviews in the workspace, as `earshot import` does, while Earshot runs:
 * idempotent (a review already stored is counted as a duplicate), rejected rows kept with their
 * reasons. The reviews go to the brand named, or to the brand whose terms each one names.
 */
export async function importReviewFile(
  context: UseCaseContext,
  file: ReviewFile & { brandId?: string },
  assess: Assess | undefined,
): Promise<ReviewImportResult> {
  const { db } = context.store;
  const mapping = mappingOf(file);
  if (!mapping) throw new AppError('validation_failed', 'give a template or a mapping');
  const format = file.format ?? detectReviewFormat(file.name, file.text);
  let brandId: string;
  let brandFor: ((mention: Mention) => { brandId: string } | { reason: string }) | undefined;
  if (file.brandId) {
    const brand = await findBrand(db, context.workspaceId, file.brandId);
    if (!brand) throw new AppError('brand_not_found', 'no such brand');
    brandId = brand.id;
  } else {
    const brands = await listBrands(db, context.workspaceId);
    if (brands.length === 0)
      throw new AppError('validation_failed', 'the workspace has no brand; create one first');
    brandId = brands[0]!.id;
    brandFor = (mention) => pickBrandByTerms(brands, mention.text, mention.language);
  }
  const rejections: ReviewImportResult['rejections'] = [];
  let summary: ImportSummary;
  try {
    summary = await importFile(db, {
      workspaceId: context.workspaceId,
      brandId,
      ...(brandFor ? { brandFor } : {}),
      format: format === 'csv' ? 'reviews-csv' : 'reviews-json',
      file: textSource(file.name, file.text),
      mapping,
      ...(assess ? { assess } : {}),
      onRejected: (record) => {
        if (rejections.length < listedRejections)
          rejections.push({ line: record.line, reason: record.reason });
      },
      now: () => context.now,
    });
  } catch (error) {
    // A file refused whole (no header, a mapped column missing, not JSON); batches stored before
    // it stay stored, and uploading the file again resumes.
    if (error instanceof Error && error.message.startsWith('reviews import: '))
      throw invalidFile(`${file.name}: ${error.message.slice('reviews import: '.length)}`);
    throw error;
  }
  return {
    added: summary.mentions,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    rejections,
    conversations: summary.conversations,
  };
}
