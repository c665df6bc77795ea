import type { Mention } from '../../domain/mention.ts';
import { starRating } from './gbp-normalize.ts';

/**
 * A review's stars (1–5) from its raw payload, for Google reviews and imported reviews alike;
 * undefined for anything else. Mention has no rating field, so it travels in raw.
 */
export function reviewRating(mention: Pick<Mention, 'network' | 'raw'>): number | undefined {
  if (mention.network === 'google_reviews') return starRating(mention.raw);
  if (mention.network !== 'reviews' || typeof mention.raw !== 'object' || mention.raw === null)
    return undefined;
  const rating = (mention.raw as { rating?: unknown }).rating;
  return typeof rating === 'number' ? rating : undefined;
}
