import { describe, expect, it } from 'vitest';
import { noTerms } from './listening.ts';
import { brandsOfHeard, pickBrandByTerms } from './brand-pick.ts';
import type { Mention } from './mention.ts';

const brand = (id: string, isCompetitor: boolean, keywords: string[]) => ({
  ...noTerms,
  id,
  name: id,
  isCompetitor,
  keywords,
});

describe('picking the brand a post concerns by terms', () => {
  it('prefers our brand to a competitor when both are named', () => {
    const brands = [brand('rival', true, ['rival']), brand('ours', false, ['ours'])];
    expect(pickBrandByTerms(brands, 'ours beats rival')).toEqual({ brandId: 'ours' });
    expect(pickBrandByTerms(brands, 'rival is fine')).toEqual({ brandId: 'rival' });
  });

  it('falls back to the one own brand, and otherwise says why it cannot choose', () => {
    const single = [brand('ours', false, ['ours']), brand('rival', true, ['rival'])];
    expect(pickBrandByTerms(single, 'great service')).toEqual({ brandId: 'ours' });
    const two = [...single, brand('sister', false, ['sister'])];
    expect(pickBrandByTerms(two, 'great service')).toMatchObject({
      reason: expect.stringContaining('names no brand'),
    });
  });
});

function post(externalId: string, text: string, extra: Partial<Mention> = {}): Mention {
  return {
    network: 'bluesky',
    externalId,
    text,
    author: { externalId: `author-${externalId}`, handle: 'someone' },
    postedAt: new Date('2026-12-07T10:00:00Z'),
    isPrivate: false,
    raw: {},
    ...extra,
  };
}

describe('the brand of each post an account heard', () => {
  const ours = brand('ours', false, ['northwind']);
  const rivals = [brand('contoso', true, ['contoso']), brand('fabrikam', true, ['fabrikam'])];

  it("gives a post naming only a competitor to that competitor, and the rest to the account's brand", () => {
    const heard = [
      post('1', 'Contoso lost my bag'),
      post('2', 'Northwind is better than Contoso'),
      post('3', '@northwind-help where is my refund'),
      post('4', 'Fabrikam delayed again'),
    ];
    expect(brandsOfHeard(heard, ours, rivals)).toEqual(['contoso', 'ours', 'ours', 'fabrikam']);
  });

  it("keeps our own posts, direct messages and replies to a batch-mate with the thread's brand", () => {
    const heard = [
      post('1', 'Contoso is great', { fromBrand: true }),
      post('2', 'Contoso lost my bag', { isPrivate: true }),
      post('3', 'Contoso lost my bag'),
      post('4', 'Northwind, same here', { parentExternalId: '3', rootExternalId: '3' }),
    ];
    expect(brandsOfHeard(heard, ours, rivals)).toEqual(['ours', 'ours', 'contoso', 'contoso']);
  });

  it('hears everything as ours when the workspace has no competitor', () => {
    expect(brandsOfHeard([post('1', 'Contoso lost my bag')], ours, [])).toEqual(['ours']);
  });
});
