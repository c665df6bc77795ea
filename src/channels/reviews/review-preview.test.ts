import { describe, expect, it } from 'vitest';
import {
  detectReviewColumns,
  detectReviewFormat,
  previewReviews,
  suggestReviewMapping,
} from './review-preview.ts';
import { findReviewTemplate } from './review-templates.ts';

describe('review file preview', () => {
  it('recognises each template by its columns, Earshot layout last', () => {
    expect(
      suggestReviewMapping(['Review ID', 'Reviewer Name', 'Rating', 'Review Text', 'Review Date'])
        .template,
    ).toBe('bing');
    expect(
      suggestReviewMapping(['id', 'url', 'text', 'rating', 'time_created', 'user.id', 'user.name'])
        .template,
    ).toBe('yelp');
    expect(
      suggestReviewMapping(['id', 'site', 'author', 'rating', 'title', 'text', 'posted_at', 'url'])
        .template,
    ).toBe('earshot');
  });

  it('reads JSON keys, nested ones dotted, and slashed US dates with the Angi template', async () => {
    const json = '{"id":"a","user":{"name":"Zoe"},"rating":"4/5"}\n{"id":"b"}';
    expect(detectReviewFormat('export', json)).toBe('json');
    expect(await detectReviewColumns('json', json)).toEqual(['id', 'user.name', 'rating']);
    const angi = [
      'Review ID,Member Name,Rating,Title,Comments,Review Date',
      'x1,Pat,B+,Fine,Came on time.,3/7/2026',
      'x2,Lee,F,Bad,Never came.,13/7/2026',
    ].join('\n');
    const records = await previewReviews('csv', angi, findReviewTemplate('angi')!.mapping);
    expect(records[0]).toMatchObject({
      kind: 'mention',
      mention: {
        externalId: 'angi:x1',
        postedAt: new Date('2026-03-07T00:00:00Z'),
        review: { site: 'angi', stars: 4, value: 4, scale: 5 },
      },
    });
    expect(records[1]).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('Review Date'),
    });
  });
});
