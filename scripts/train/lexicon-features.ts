import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { combine } from '../../src/triage/hash.ts';
import { buildLexicon, type Lexicon } from '../../src/triage/lexicon.ts';
import { FLAG_NEGATED, type TokenBuffer } from '../../src/triage/tokenize.ts';
import { seededShuffle } from './random.ts';

/**
 * Extra dense features for the lexicon experiments of models/sentiment.md:
 * AFINN-165 and the emoji sentiment table shipped in the `sentiment` package,
 * and sentiment lexicons learnt from the training rows themselves by PMI
 * (NRC-Canada, SemEval 2013/2014). Training-only code: nothing here ships.
 */
const SALT_NEGATED = 0x5f3759df;
const SALT_START = 0x6a09e667;
const NEGATION_SCALAR = -0.74;

/** AFINN-165 word scores and the emoji scores (Novak et al. 2015) of the `sentiment` package. */
export function afinnLexicon(): Lexicon {
  const require = createRequire(import.meta.url);
  const read = (name: string): Record<string, number> =>
    JSON.parse(readFileSync(require.resolve(name), 'utf8')) as Record<string, number>;
  return buildLexicon({
    ...read('sentiment/languages/en/labels.json'),
    ...read('sentiment/build/emoji.json'),
  });
}

export const DICTIONARY_FEATURES = 7;

/** Positive sum, negative sum, counts, max, min and last score; negation flips (×−0.74). */
export function dictionaryFeatures(tokens: TokenBuffer, lexicon: Lexicon, out: Float64Array): void {
  let positive = 0;
  let negative = 0;
  let positives = 0;
  let negatives = 0;
  let max = 0;
  let min = 0;
  let last = 0;
  for (let t = 0; t < tokens.count; t++) {
    let v = lexicon.get(tokens.hash[t] ?? 0);
    if (v === undefined) continue;
    if (((tokens.flags[t] ?? 0) & FLAG_NEGATED) !== 0) v *= NEGATION_SCALAR;
    if (v > 0) {
      positive += v;
      positives++;
    } else {
      negative += v;
      negatives++;
    }
    max = Math.max(max, v);
    min = Math.min(min, v);
    last = v;
  }
  out.set([positive, negative, positives, negatives, max, min, last]);
}

/** Unigram keys (negated words keyed apart, as in features.ts) and bigram keys of a post. */
export function ngramKeys(tokens: TokenBuffer): { unigrams: number[]; bigrams: number[] } {
  const unigrams: number[] = [];
  const bigrams: number[] = [];
  let prev = SALT_START;
  for (let t = 0; t < tokens.count; t++) {
    const base = tokens.hash[t] ?? 0;
    const key = ((tokens.flags[t] ?? 0) & FLAG_NEGATED) !== 0 ? (base ^ SALT_NEGATED) >>> 0 : base;
    unigrams.push(key);
    bigrams.push(combine(prev, key));
    prev = key;
  }
  return { unigrams, bigrams };
}

/** Per-class occurrence counts of n-gram keys (each key counted once per post). */
export class NgramCounts {
  readonly counts = new Map<number, Float64Array>();
  readonly totals = new Float64Array(3);

  add(keys: readonly number[], label: number, sign = 1): void {
    for (const key of new Set(keys)) {
      let c = this.counts.get(key);
      if (c === undefined) this.counts.set(key, (c = new Float64Array(3)));
      c[label] = (c[label] ?? 0) + sign;
    }
    this.totals[label] = (this.totals[label] ?? 0) + sign;
  }
}

/** Scores of one key: [PMI(positive) − PMI(negative), PMI(polar) − PMI(neutral)]; undefined if rare. */
function pmiScores(
  all: NgramCounts,
  minus: NgramCounts | undefined,
  key: number,
  minCount: number,
): [number, number] | undefined {
  const c = all.counts.get(key);
  if (c === undefined) return undefined;
  const m = minus?.counts.get(key);
  const count = (k: number): number => (c[k] ?? 0) - (m?.[k] ?? 0);
  const total = (k: number): number => (all.totals[k] ?? 0) - (minus?.totals[k] ?? 0);
  const neg = count(0);
  const neu = count(1);
  const pos = count(2);
  if (neg + neu + pos < minCount) return undefined;
  const a = 0.5;
  const rate = (n: number, k: number): number => (n + a) / (total(k) + a);
  const polarity = Math.log2(rate(pos, 2) / rate(neg, 0));
  const polar = (pos + neg + a) / (total(0) + total(2) + a);
  const subjectivity = Math.log2(polar / rate(neu, 1));
  return [polarity, subjectivity];
}

export const PMI_FEATURES = 20;

/** For unigrams and bigrams, both scores: sum, count above zero, max, min, last (NRC-Canada's set). */
export function pmiFeatures(
  keys: { unigrams: number[]; bigrams: number[] },
  lexicons: { unigrams: NgramCounts; bigrams: NgramCounts },
  minus: { unigrams: NgramCounts; bigrams: NgramCounts } | undefined,
  minCount: number,
  out: Float64Array,
): void {
  out.fill(0);
  let at = 0;
  for (const order of ['unigrams', 'bigrams'] as const) {
    for (let score = 0; score < 2; score++) {
      let sum = 0;
      let count = 0;
      let max = -Infinity;
      let min = Infinity;
      let last = 0;
      for (const key of keys[order]) {
        const s = pmiScores(lexicons[order], minus?.[order], key, minCount)?.[score];
        if (s === undefined) continue;
        sum += s;
        if (s > 0) count++;
        max = Math.max(max, s);
        min = Math.min(min, s);
        last = s;
      }
      out.set([sum, count, max === -Infinity ? 0 : max, min === Infinity ? 0 : min, last], at);
      at += 5;
    }
  }
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
