import { forEachNgramKey, type PmiLexicon } from './pmi-features.ts';
import type { TokenBuffer } from '../../src/triage/tokenize.ts';
import { seededShuffle } from './random.ts';

/**
 * Counts behind the PMI lexicon (pmi-features.ts): in how many
 * posts of each class (negative, neutral, positive) each n-gram key occurs.
 * Counts subtract, so a lexicon without one fold is all counts minus the fold's.
 */
export class NgramCounts {
  readonly unigrams = new Map<number, Float64Array>();
  readonly bigrams = new Map<number, Float64Array>();
  readonly posts = new Float64Array(3);

  add(tokens: TokenBuffer, label: number): void {
    const seen = new Set<number>();
    const count = (map: Map<number, Float64Array>, key: number): void => {
      let c = map.get(key);
      if (c === undefined) map.set(key, (c = new Float64Array(3)));
      c[label] = (c[label] ?? 0) + 1;
    };
    forEachNgramKey(tokens, (unigram, bigram) => {
      // Each key once per post; a bigram and a unigram never share a Set entry in practice.
      if (!seen.has(unigram)) count(this.unigrams, unigram);
      if (!seen.has(bigram)) count(this.bigrams, bigram);
      seen.add(unigram).add(bigram);
    });
    this.posts[label] = (this.posts[label] ?? 0) + 1;
  }
}

const SMOOTHING = 0.5;

/** The lexicon of `all` minus `without`, keeping n-grams seen in at least `minPosts` posts. */
export function pmiLexicon(
  all: NgramCounts,
  without: NgramCounts | undefined,
  minPosts: number,
): PmiLexicon {
  const posts = [0, 1, 2].map((k) => (all.posts[k] ?? 0) - (without?.posts[k] ?? 0));
  const [negPosts = 0, neuPosts = 0, posPosts = 0] = posts;
  const scores: number[] = [];
  const keep = (map: Map<number, Float64Array>, minus?: Map<number, Float64Array>) => {
    const kept = new Map<number, number>();
    for (const [key, c] of map) {
      const m = minus?.get(key);
      const [neg = 0, neu = 0, pos = 0] = [0, 1, 2].map((k) => (c[k] ?? 0) - (m?.[k] ?? 0));
      if (neg + neu + pos < minPosts) continue;
      const rate = (n: number, total: number): number => (n + SMOOTHING) / (total + SMOOTHING);
      kept.set(key, scores.length / 2);
      scores.push(
        Math.log2(rate(pos, posPosts) / rate(neg, negPosts)),
        Math.log2(rate(pos + neg, posPosts + negPosts) / rate(neu, neuPosts)),
      );
    }
    return kept;
  };
  const unigrams = keep(all.unigrams, without?.unigrams);
  const bigrams = keep(all.bigrams, without?.bigrams);
  return { unigrams, bigrams, scores: Float32Array.from(scores) };
}

/** Seeded fold of each row, for out-of-fold lexicons on the rows they are learnt from. */
export function foldsOf(rows: number, folds: number, seed: number): number[] {
  const fold = new Array<number>(rows).fill(0);
  seededShuffle(
    Array.from({ length: rows }, (_, i) => i),
    seed,
  ).forEach((row, k) => (fold[row] = k % folds));
  return fold;
}
