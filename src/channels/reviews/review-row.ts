import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';
import { readRating } from '../../domain/review-rating.ts';

/** Which column (CSV) or key (JSON) holds each field of a review. */
const reviewMappingSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    rating: z.string().min(1),
    /** The site's top rating when the file's values do not say it (`4/5` does): 5 by default. */
    ratingScale: z.number().positive().max(100).optional(),
    /** How a slashed date reads: `mdy` (US: 11/04/2026), `dmy` (11/04/2026 is 11 April). */
    dateOrder: z.enum(['mdy', 'dmy']).optional(),
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

/**
 * Exports write dates as they please: `2026-11-04 19:00:00` (a space, not `T`), `… UTC`, or
 * slashed in the order the mapping says. Rewritten as ISO 8601 before they are checked.
 */
function isoPostedAt(value: unknown, order: 'mdy' | 'dmy' | undefined): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  const spaced =
    /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text,
    );
  if (spaced) {
    const zone = spaced[3] && /^(UTC|GMT|Z)$/i.test(spaced[3]) ? 'Z' : (spaced[3] ?? '');
    const time = spaced[2]!.length === 5 ? `${spaced[2]}:00` : spaced[2];
    return `${spaced[1]}T${time}${zone}`;
  }
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text,
  );
  if (slashed && order) {
    const [month, day] = order === 'mdy' ? [slashed[1], slashed[2]] : [slashed[2], slashed[1]];
    const date = `${slashed[3]}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
    if (!slashed[4]) return date;
    return `${date}T${slashed[4].padStart(2, '0')}:${slashed[5]}:${slashed[6] ?? '00'}`;
  }
  return text;
}

const postedAt = z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], {
  error: 'must be an ISO 8601 date or date-time (2026-11-04 or 2026-11-04T19:00:00Z)',
});
const optionalText = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce.string().optional(),
);

/**
 * A column's value; in JSON, a dotted name (`user.name`) reaches into a nested object when the
 * record has no key of that name.
 */
function valueAt(values: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(values, column) || !column.includes('.')) return values[column];
  let value: unknown = values;
  for (const key of column.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

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
    postedAt,
    author: optionalText,
    authorId: optionalText,
    title: optionalText,
    url: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    ),
  });
  const pick = (column: string | undefined) =>
    column === undefined ? undefined : valueAt(values, column);
  const parsed = rowSchema.safeParse({
    id: pick(map.id),
    site: pick(map.site) ?? map.defaultSite,
    text: pick(map.text),
    postedAt: isoPostedAt(pick(map.postedAt), map.dateOrder),
    author: pick(map.author),
    authorId: pick(map.authorId),
    title: pick(map.title),
    url: pick(map.url),
  });
  const rating = readRating(pick(map.rating), map.ratingScale);
  if (!parsed.success || 'reason' in rating) {
    const { ratingScale: _scale, dateOrder: _order, ...named } = map;
    const columns: Record<string, string | undefined> = {
      ...named,
      site: map.site ?? 'defaultSite',
    };
    const reasons = (parsed.success ? [] : parsed.error.issues).map((issue) => {
      const field = String(issue.path[0]);
      return `${columns[field] ?? field} ${issue.message === 'Invalid input' ? 'is missing' : issue.message}`;
    });
    if ('reason' in rating) reasons.unshift(`${map.rating} ${rating.reason}`);
    return { reason: reasons.join('; ') };
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
      review: { site, ...rating },
      raw: { source: 'reviews-import', site, line, rating: rating.value, record: values },
    },
  };
}
