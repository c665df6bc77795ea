import type { Mention } from '../../domain/mention.ts';

/** A review's stars (1–5), for Google reviews and imported reviews alike; undefined otherwise. */
export function reviewRating(mention: Pick<Mention, 'review'>): number | undefined {
  return mention.review?.stars;
}
