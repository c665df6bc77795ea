import { describe, expect, it } from 'vitest';
import { noTerms } from './listening.ts';
import { pickBrandByTerms } from './brand-pick.ts';

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
