import { combine } from '../../src/triage/hash.ts';
import { FLAG_NEGATED, type TokenBuffer } from '../../src/triage/tokenize.ts';

/**
 * A sentiment lexicon learnt from labelled tweets by pointwise mutual
 * information, as in the NRC-Canada system (Mohammad et al., SemEval 2013):
 * for each frequent word and word pair, polarity = PMI(positive) −
 * PMI(negative) and subjectivity = PMI(positive or negative) − PMI(neutral),
 * in bits. Words in a negated scope are keyed apart, as in features.ts. A
 * model reads the post's aggregates of these scores as extra inputs. Tried
 * for sentiment (models/sentiment.md) and not shipped: training-only code.
 */
export interface PmiLexicon {
  /** n-gram key → index into `scores` (two per entry: polarity, subjectivity). */
  readonly unigrams: ReadonlyMap<number, number>;
  readonly bigrams: ReadonlyMap<number, number>;
  readonly scores: Float32Array;
}

/** Per n-gram order (unigrams, bigrams) and score (polarity, subjectivity): sum, count > 0, max, min, last. */
export const PMI_FEATURES = 20;

const SALT_NEGATED = 0x5f3759df;
const SALT_START = 0x6a09e667;

/** Calls `visit` with each token's unigram key and its bigram key (with the token before). */
export function forEachNgramKey(
  tokens: TokenBuffer,
  visit: (unigram: number, bigram: number) => void,
): void {
  let prev = SALT_START;
  for (let t = 0; t < tokens.count; t++) {
    const base = tokens.hash[t] ?? 0;
    const key = ((tokens.flags[t] ?? 0) & FLAG_NEGATED) !== 0 ? (base ^ SALT_NEGATED) >>> 0 : base;
    visit(key, combine(prev, key));
    prev = key;
  }
}

const stats = new Float64Array(PMI_FEATURES);
const hits = new Uint32Array(4);

/** Adds one n-gram's score to aggregate group `g` (stats at 5g: sum, count > 0, max, min, last). */
function accumulate(g: number, score: number): void {
  const at = 5 * g;
  const first = hits[g] === 0;
  hits[g] = (hits[g] ?? 0) + 1;
  stats[at] = (stats[at] ?? 0) + score;
  if (score > 0) stats[at + 1] = (stats[at + 1] ?? 0) + 1;
  stats[at + 2] = first ? score : Math.max(stats[at + 2] ?? 0, score);
  stats[at + 3] = first ? score : Math.min(stats[at + 3] ?? 0, score);
  stats[at + 4] = score;
}

/** Writes the PMI_FEATURES aggregates of the post's n-gram scores into `out` from `offset`. */
export function pmiFeatures(
  tokens: TokenBuffer,
  lexicon: PmiLexicon,
  out: Float64Array,
  offset = 0,
): void {
  stats.fill(0);
  hits.fill(0);
  const s = lexicon.scores;
  forEachNgramKey(tokens, (unigram, bigram) => {
    const u = lexicon.unigrams.get(unigram);
    if (u !== undefined) {
      accumulate(0, s[2 * u] ?? 0);
      accumulate(1, s[2 * u + 1] ?? 0);
    }
    const b = lexicon.bigrams.get(bigram);
    if (b !== undefined) {
      accumulate(2, s[2 * b] ?? 0);
      accumulate(3, s[2 * b + 1] ?? 0);
    }
  });
  for (let i = 0; i < PMI_FEATURES; i++) out[offset + i] = stats[i] ?? 0;
}
