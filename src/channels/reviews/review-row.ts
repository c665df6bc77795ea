import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';

/** Which column (CSV) or key (JSON) holds each field of a review. */
const reviewMappingSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    rating: z.string().min(1),
    postedAt: z.string().min(1),
    site: z.string().min(1).optional(),
    /** The site's name when the file has no site column (a whole Trustpilot export). */
    defaultSite: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
    authorId: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    url: z.string().min(1).optional(),
  })
  .strict()
  .refine((mapping) => mapping.site || mapping.defaultSite, 'name a site column or a defaultSite');

export type ReviewMapping = z.input<typeof reviewMappingSchema>;

/** Earshot's own layout: id,site,author,rating,title,text,posted_at,url. */
export const defaultReviewMapping: ReviewMapping = {
  id: 'id',
  site: 'site',
  author: 'author',
  rating: 'rating',
  title: 'title',
  text: 'text',
  postedAt: 'posted_at',
  url: 'url',
};

/** The columns a file must have for this mapping; a file without them is refused whole. */
export function requiredColumns(mapping: ReviewMapping): string[] {
  const valid = reviewMappingSchema.parse(mapping);
  return [valid.id, valid.text, valid.rating, valid.postedAt, ...(valid.site ? [valid.site] : [])];
}

const stars = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().replace(/\s*\/\s*5$/, '') : value),
  z.coerce
    .number({ error: 'must be a number from 1 to 5' })
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5'),
);
const postedAt = z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], {
  error: 'must be an ISO 8601 date or date-time (2026-11-04 or 2026-11-04T19:00:00Z)',
});
const optionalText = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce.string().optional(),
);

/** One row's values (by column or key) → a Mention on `reviews`, or the reason it cannot be one. */
export function reviewRowToMention(
  values: Record<string, unknown>,
  mapping: ReviewMapping,
  line: number,
): { mention: Mention } | { reason: string } {
  const map = reviewMappingSchema.parse(mapping);
  const rowSchema = z.object({
    id: z.coerce.string().trim().min(1, 'is empty'),
    site: z.coerce.string().trim().min(1, 'is empty'),
    text: z.preprocess((v) => v ?? '', z.coerce.string()),
    rating: stars,
    postedAt,
    author: optionalText,
    authorId: optionalText,
    title: optionalText,
    url: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    ),
  });
  const pick = (column: string | undefined) => (column === undefined ? undefined : values[column]);
  const parsed = rowSchema.safeParse({
    id: pick(map.id),
    site: pick(map.site) ?? map.defaultSite,
    text: pick(map.text),
    rating: pick(map.rating),
    postedAt: pick(map.postedAt),
    author: pick(map.author),
    authorId: pick(map.authorId),
    title: pick(map.title),
    url: pick(map.url),
  });
  if (!parsed.success) {
    const columns: Record<string, string | undefined> = { ...map, site: map.site ?? 'defaultSite' };
    const reason = parsed.error.issues
      .map((issue) => {
        const field = String(issue.path[0]);
        return `${columns[field] ?? field} ${issue.message === 'Invalid input' ? 'is missing' : issue.message}`;
      })
      .join('; ');
    return { reason };
  }
  const row = parsed.data;
  const site = row.site.toLowerCase();
  return {
    mention: {
      network: 'reviews',
      externalId: `${site}:${row.id}`,
      text: row.title ? `${row.title}\n\n${row.text}`.trim() : row.text,
      author: {
        externalId: row.authorId
          ? `${site}:${row.authorId}`
          : `${site}:name:${row.author ?? 'anonymous'}`,
        handle: row.author ?? 'Anonymous',
      },
      url: row.url,
      // A date without a time is taken as midnight UTC; a local time without offset, as UTC too.
      postedAt: new Date(
        /[zZ]|[+-]\d\d:?\d\d$/.test(row.postedAt) || row.postedAt.length === 10
          ? row.postedAt
          : `${row.postedAt}Z`,
      ),
      isPrivate: false,
      raw: { source: 'reviews-import', site, line, rating: row.rating, record: values },
    },
  };
}
