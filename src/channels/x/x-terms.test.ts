import { describe, expect, it } from 'vitest';
import { noTerms } from '../../domain/listening.ts';
import { maxQueryLength, xListening } from './x-terms.ts';

describe('X searches from brand terms', () => {
  it('ORs keywords, hashtags and X handles into one query, quoting phrases', () => {
    const { searches } = xListening({
      ...noTerms,
      keywords: ['Northwind', 'northwind air'],
      hashtags: ['#FlyNorthwind'],
      handles: ['@NorthwindHelp', 'northwind.bsky.social'],
    });
    expect(searches).toEqual([
      {
        key: 'brand:0',
        query: '(northwind OR "northwind air" OR #flynorthwind OR @northwindhelp) -is:retweet',
      },
    ]);
  });

  it('splits many terms into queries within the length limit', () => {
    const keywords = Array.from({ length: 120 }, (_, i) => `keyword number ${i}`);
    const { searches } = xListening({ ...noTerms, keywords });
    expect(searches.length).toBeGreaterThan(1);
    expect(searches.every(({ query }) => query.length <= maxQueryLength)).toBe(true);
    expect(searches.map(({ key }) => key)).toEqual(searches.map((_, i) => `brand:${i}`));
    const joined = searches.map(({ query }) => query).join(' ');
    for (const keyword of keywords) expect(joined).toContain(`"${keyword}"`);
  });
});
