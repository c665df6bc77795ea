import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';

const stars = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 } as const;

export const gbpReviewSchema = z.looseObject({
  name: z
    .string()
    .regex(
      /^accounts\/[^/]+\/locations\/[^/]+\/reviews\/[^/]+$/,
      'must be accounts/*/locations/*/reviews/*',
    ),
  reviewId: z.string(),
  reviewer: z
    .looseObject({ displayName: z.string().optional(), isAnonymous: z.boolean().optional() })
    .optional(),
  starRating: z.enum(['STAR_RATING_UNSPECIFIED', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']),
  comment: z.string().optional(),
  createTime: z.iso.datetime({ offset: true }),
  updateTime: z.iso.datetime({ offset: true }),
  reviewReply: z.looseObject({ comment: z.string(), updateTime: z.string().optional() }).optional(),
});

const listSchema = z.looseObject({
  reviews: z.array(z.unknown()).optional(),
  nextPageToken: z.string().optional(),
});

export type GbpReview = z.infer<typeof gbpReviewSchema>;

/**
 * A Google Business Profile review (or a list page of them) → Mentions on `google_reviews`. The
 * star rating (1–5) is the Mention's `review` (and stays in raw, readable with starRating()).
 * A rating without a comment is still a customer speaking, so it becomes a Mention with
 * empty text rather than nothing. An edited review becomes a new Mention (`name@updateTime`)
 * threaded under the original.
 */
export function normalizeGoogleReviews(raw: unknown): Mention[] {
  const list = listSchema.safeParse(raw);
  if (list.success && list.data.reviews)
    return list.data.reviews.flatMap((review) => normalizeGoogleReviews(review));
  const parsed = gbpReviewSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `not a Google review: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const review = parsed.data;
  const anonymous = review.reviewer?.isAnonymous === true || !review.reviewer?.displayName;
  // An edited review is what the customer says now: a new Mention under the original, since
  // stored Mentions never change. An update that is only our reply landing is not an edit.
  const edited =
    review.updateTime !== review.createTime && review.reviewReply?.updateTime !== review.updateTime;
  const rated =
    review.starRating === 'STAR_RATING_UNSPECIFIED' ? undefined : stars[review.starRating];
  return [
    {
      network: 'google_reviews',
      externalId: edited ? `${review.name}@${review.updateTime}` : review.name,
      text: review.comment ?? '',
      author: {
        // Google gives no stable reviewer id; the review's own id is the most stable stand-in.
        externalId: `reviewer:${review.reviewId}`,
        handle: anonymous ? 'A Google user' : (review.reviewer?.displayName ?? 'A Google user'),
        displayName: anonymous ? undefined : review.reviewer?.displayName,
      },
      postedAt: new Date(edited ? review.updateTime : review.createTime),
      parentExternalId: edited ? review.name : undefined,
      rootExternalId: edited ? review.name : undefined,
      isPrivate: false,
      ...(rated ? { review: { site: 'google', stars: rated, value: rated, scale: 5 } } : {}),
      raw,
    },
  ];
}

/** 1–5 from a Google review payload, or undefined when unrated. */
export function starRating(raw: unknown): number | undefined {
  const parsed = gbpReviewSchema.safeParse(raw);
  if (!parsed.success || parsed.data.starRating === 'STAR_RATING_UNSPECIFIED') return undefined;
  return stars[parsed.data.starRating];
}
