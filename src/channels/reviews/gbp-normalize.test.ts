import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeGoogleReviews, starRating } from './gbp-normalize.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface Review {
  name: string;
  starRating: string;
  comment?: string;
  createTime: string;
  updateTime: string;
  reviewReply?: { updateTime: string };
  reviewer: { displayName: string; isAnonymous: boolean };
}

describe('Google review normalisation', () => {
  const reviews: Review[] = fixture('gbp-reviews-page1.json').reviews;

  it('turns each review of a list page into a google_reviews Mention keyed by its resource name', () => {
    const mentions = normalizeGoogleReviews(fixture('gbp-reviews-page1.json'));
    expect(mentions.map((m) => m.externalId)).toEqual(reviews.map((r) => r.name));
    for (const [index, mention] of mentions.entries()) {
      const review = reviews[index]!;
      expect(mention.network).toBe('google_reviews');
      expect(mention.text).toBe(review.comment ?? '');
      expect(mention.postedAt.toISOString()).toBe(new Date(review.createTime).toISOString());
      expect(mention.isPrivate).toBe(false);
    }
  });

  it('reads the star rating as 1 to 5 from the raw review', () => {
    const words = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'];
    for (const mention of normalizeGoogleReviews(fixture('gbp-reviews-page1.json'))) {
      const review = reviews.find((r) => r.name === mention.externalId)!;
      expect(starRating(mention.raw)).toBe(words.indexOf(review.starRating) + 1);
    }
    expect(starRating({ ...reviews[0], starRating: 'STAR_RATING_UNSPECIFIED' })).toBeUndefined();
  });

  it('names an anonymous reviewer neutrally and keeps a rating without a comment', () => {
    const anonymous = reviews.find((r) => r.reviewer.isAnonymous)!;
    const [mention] = normalizeGoogleReviews(anonymous);
    expect(mention).toMatchObject({
      text: '',
      author: { handle: 'A Google user', displayName: undefined },
    });
  });

  it('explains a payload that is not a review', () => {
    expect(() => normalizeGoogleReviews({ name: 'locations/1', starRating: 'TEN' })).toThrow(
      /not a Google review/,
    );
  });
});

describe('edited Google reviews', () => {
  it('come out as a new Mention under the original, while a reply landing is not an edit', () => {
    const reviews: Review[] = [
      ...fixture('gbp-reviews-page1.json').reviews,
      ...fixture('gbp-reviews-page2.json').reviews,
    ];
    const edited = reviews.find(
      (r) => r.updateTime !== r.createTime && r.reviewReply?.updateTime !== r.updateTime,
    )!;
    const [mention] = normalizeGoogleReviews(edited);
    expect(mention).toMatchObject({
      externalId: `${edited.name}@${edited.updateTime}`,
      parentExternalId: edited.name,
      rootExternalId: edited.name,
      text: edited.comment,
    });
    expect(mention?.postedAt.toISOString()).toBe(new Date(edited.updateTime).toISOString());
    const replied = reviews.find(
      (r) => r.reviewReply && r.updateTime === r.reviewReply.updateTime,
    )!;
    expect(normalizeGoogleReviews(replied)[0]?.externalId).toBe(replied.name);
  });
});
