import { describe, expect, it } from 'vitest';
import { noTerms } from '../../domain/listening.ts';
import { normalizeX } from './x-normalize.ts';
import { maxQueryLength, xListening } from './x-terms.ts';

describe('X searches from brand terms', () => {
  it('ORs keywords, hashtags and X handles into one query, quoting phrases', () => {
    const { searches } = xListening([
      {
        ...noTerms,
        keywords: ['Northwind', 'northwind air'],
        hashtags: ['#FlyNorthwind'],
        handles: ['@NorthwindHelp', 'northwind.bsky.social'],
      },
    ]);
    expect(searches).toEqual([
      {
        key: 'brand:0',
        query: '(northwind OR "northwind air" OR #flynorthwind OR @northwindhelp) -is:retweet',
      },
    ]);
  });

  it('splits many terms into queries within the length limit', () => {
    const keywords = Array.from({ length: 120 }, (_, i) => `keyword number ${i}`);
    const { searches } = xListening([{ ...noTerms, keywords }]);
    expect(searches.length).toBeGreaterThan(1);
    expect(searches.every(({ query }) => query.length <= maxQueryLength)).toBe(true);
    expect(searches.map(({ key }) => key)).toEqual(searches.map((_, i) => `brand:${i}`));
    const joined = searches.map(({ query }) => query).join(' ');
    for (const keyword of keywords) expect(joined).toContain(`"${keyword}"`);
  });
});

describe("X searches with the workspace's competitors", () => {
  it("searches for a competitor's terms too, and hears a post by either brand's own rules", () => {
    const ours = { ...noTerms, keywords: ['northwind'], exclusions: ['northwind trail'] };
    const rival = { ...noTerms, keywords: ['contoso'] };
    const listening = xListening([ours, rival]);
    expect(listening.searches).toEqual([
      { key: 'brand:0', query: '(northwind OR contoso) -is:retweet' },
    ]);
    const post = (text: string) => ({
      data: { id: '1', text, author_id: '9', created_at: '2026-12-07T10:00:00.000Z' },
      includes: { users: [{ id: '9', username: 'jen', name: 'Jen' }] },
    });
    expect(() => normalizeX(post('x'))).not.toThrow();
    expect(listening.hears(post('Contoso lost my bag'))).toBe(true);
    // Our exclusion stops our match, not the competitor's.
    expect(listening.hears(post('Contoso near the northwind trail'))).toBe(true);
    expect(listening.hears(post('hiking the northwind trail'))).toBe(false);
  });
});
