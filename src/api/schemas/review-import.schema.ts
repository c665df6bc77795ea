import { z } from '@hono/zod-openapi';
import { Uuid } from './common.schema.ts';

/** The largest review file the API reads: about 20,000 reviews of a few lines each. */
export const maxReviewFileBytes = 5 * 1024 * 1024;

const Column = z.string().min(1).max(200);

/** Which column (CSV) or key (JSON; `user.name` reaches into an object) holds each field. */
export const ReviewMappingSchema = z
  .object({
    id: Column,
    text: Column,
    rating: Column,
    postedAt: Column,
    site: Column.optional(),
    defaultSite: z.string().trim().min(1).max(60).optional().openapi({
      description: 'The site when the file has no site column (a whole Trustpilot export)',
    }),
    author: Column.optional(),
    authorId: Column.optional(),
    title: Column.optional(),
    url: Column.optional(),
    ratingScale: z.number().positive().max(100).optional().openapi({
      description: "The site's top rating when values do not say it (4/5 does); default 5",
    }),
    dateOrder: z.enum(['mdy', 'dmy']).optional().openapi({
      description: 'How slashed dates read: mdy (11/04/2026 is 4 November) or dmy',
    }),
  })
  .strict()
  .refine((mapping) => mapping.site || mapping.defaultSite, {
    message: 'name a site column or a defaultSite',
    path: ['defaultSite'],
  })
  .openapi('ReviewMapping');

const FileFields = {
  format: z.enum(['csv', 'json']).optional().openapi({
    description: 'Read from the file name or its first character when not given',
  }),
  template: z.string().max(40).optional().openapi({
    description: 'A built-in mapping: earshot, trustpilot, yelp, tripadvisor, bing, angi',
  }),
  brandId: Uuid.optional().openapi({
    description:
      'The brand every review is about; without it, each goes to the brand its text names',
  }),
};

/** A review file in a JSON body: its text, as read from the file. */
export const ReviewFileJson = z
  .object({
    fileName: z.string().trim().min(1).max(200).default('upload.csv'),
    text: z
      .string()
      .openapi({ description: `The file's text, at most ${maxReviewFileBytes} bytes` }),
    mapping: ReviewMappingSchema.optional(),
    ...FileFields,
  })
  .strict()
  .openapi('ReviewFile');

/** The same as a multipart form: `file`, and `mapping` as JSON text. */
export const ReviewFileForm = z.object({
  file: z
    .custom<File>((value) => value instanceof File, 'attach the file as `file`')
    .openapi({ type: 'string', format: 'binary' }),
  mapping: z.string().max(10_000).optional().openapi({ description: 'The mapping, as JSON' }),
  ...FileFields,
});

const PreviewRow = z.object({
  line: z.number().int(),
  review: z
    .object({
      id: z.string(),
      site: z.string(),
      author: z.string(),
      stars: z.number().int(),
      value: z.number(),
      scale: z.number(),
      postedAt: z.string(),
      text: z.string().openapi({ description: 'The first 280 characters' }),
      url: z.string().nullable(),
    })
    .optional(),
  reason: z.string().optional(),
});

export const ReviewImportPreviewSchema = z
  .object({
    format: z.enum(['csv', 'json']),
    columns: z.array(z.string()),
    template: z.string().nullable().openapi({ description: 'The template the columns fit' }),
    mapping: z.record(z.string(), z.unknown()).openapi({ description: 'The suggested mapping' }),
    missing: z.array(z.string()).openapi({ description: 'Fields no column was found for' }),
    rows: z.array(PreviewRow).openapi({ description: 'The first rows, read with the mapping' }),
    problem: z.string().nullable(),
  })
  .openapi('ReviewImportPreview');

export const ReviewImportResultSchema = z
  .object({
    added: z.number().int(),
    duplicates: z.number().int().openapi({ description: 'Already stored: skipped' }),
    rejected: z.number().int(),
    rejections: z
      .array(z.object({ line: z.number().int(), reason: z.string() }))
      .openapi({ description: 'The first 100 rejected rows; all are in the rejected records' }),
    conversations: z.number().int(),
  })
  .openapi('ReviewImportResult');

export const ReviewTemplateSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    source: z.string(),
    mapping: z.record(z.string(), z.unknown()),
  })
  .openapi('ReviewTemplate');
