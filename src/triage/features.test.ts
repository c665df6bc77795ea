import { describe, expect, it } from 'vitest';
import { DENSE_FEATURES, FeatureBuffer, extractFeatures } from './features.ts';
import { buildLexicon } from './lexicon.ts';
import { TokenBuffer, tokenize } from './tokenize.ts';

const lexicon = buildLexicon({ good: 1.9, bad: -2.5, ':)': 2 });

function featuresOf(text: string): FeatureBuffer {
  const tokens = new TokenBuffer();
  const out = new FeatureBuffer();
  tokenize(text, tokens);
  extractFeatures(tokens, lexicon, out);
  return out;
}

const snapshot = (f: FeatureBuffer): string =>
  JSON.stringify([
    Array.from(f.index.subarray(0, f.count)),
    Array.from(f.value.subarray(0, f.count)),
  ]);

describe('extractFeatures', () => {
  it('gives the same hashed features for the same text, whatever came before', () => {
    const first = snapshot(featuresOf('My order #123 never arrived :('));
    featuresOf('something else entirely, much longer than the first text was');
    expect(snapshot(featuresOf('My order #123 never arrived :('))).toBe(first);
  });

  it('treats a word inside a negation differently from the plain word', () => {
    const plain = featuresOf('good');
    const negated = featuresOf('not good');
    const plainIndex = plain.index[0];
    expect(Array.from(negated.index.subarray(0, negated.count))).not.toContain(plainIndex);
  });

  it('scores the lexicon with negation and capitals', () => {
    expect(featuresOf('good').dense[2]).toBeGreaterThan(0);
    expect(featuresOf('not good').dense[2]).toBeLessThan(0);
    expect(featuresOf('bad :)').dense[1]).toBeLessThan(0);
    expect(featuresOf('GOOD day').dense[0]).toBeGreaterThan(featuresOf('good day').dense[0] ?? 0);
  });

  it('always emits the dense features, even for empty text', () => {
    expect(featuresOf('').count).toBe(DENSE_FEATURES + 1);
  });

  it('stays within its buffer for very long text', () => {
    const out = featuresOf('supercalifragilistic '.repeat(50_000));
    expect(out.count).toBeLessThanOrEqual(out.index.length);
    for (let i = 0; i < out.count; i++) expect(Number.isFinite(out.value[i])).toBe(true);
  });
});
