import { combine, fnvStep, fnvString } from './hash.ts';
import type { Lexicon } from './lexicon.ts';
import {
  FLAG_ALLCAPS,
  FLAG_ELONGATED,
  FLAG_NEGATED,
  FLAG_NEGATOR,
  KIND_EMOJI,
  KIND_HASHTAG,
  KIND_PUNCT,
  KIND_URL,
  KIND_USER,
  KIND_WORD,
  type TokenBuffer,
} from './tokenize.ts';

/**
 * Hashed sparse features shared by every model: word unigrams and bigrams
 * (negation-scoped words get their own hash), character 3–5-grams inside
 * words, and a few dense lexicon and style features. Each model masks the
 * 32-bit hashes into its own feature space. Each group is scaled to about
 * unit length so that short and long posts weigh alike.
 */
export const MAX_FEATURES = 32768;
export const DENSE_FEATURES = 20;

const SALT_UNIGRAM = 0x1234567;
const SALT_BIGRAM = 0x2345678;
const SALT_CHAR = 0x3456789;
const SALT_HASHTAG = 0x4567890;
const SALT_NEGATED = 0x5f3759df;
const SALT_BOUNDARY = 0x6a09e667;
export const DENSE_HASHES = Array.from({ length: DENSE_FEATURES }, (_, i) =>
  combine(0x7b3f1c2d, i),
);
const HASH_BUT = fnvString('but');
const BOOST_ALLCAPS = 0.733;
const NEGATION_SCALAR = -0.74;

export class FeatureBuffer {
  count = 0;
  /** Where the word features end and the character n-grams begin. */
  wordEnd = 0;
  /** Where the character n-grams end and the dense features begin. */
  charEnd = 0;
  readonly index = new Uint32Array(MAX_FEATURES);
  readonly value = new Float32Array(MAX_FEATURES);
  /** Dense values before hashing, kept for inspection and stacking. */
  readonly dense = new Float64Array(DENSE_FEATURES);
}

function emit(out: FeatureBuffer, hash: number, value: number): void {
  if (out.count >= MAX_FEATURES) return;
  out.index[out.count] = hash;
  out.value[out.count] = value;
  out.count++;
}

function scale(out: FeatureBuffer, from: number): void {
  const n = out.count - from;
  if (n === 0) return;
  const s = 1 / Math.sqrt(n);
  for (let i = from; i < out.count; i++) out.value[i] = (out.value[i] ?? 0) * s;
}

/** `withChars: false` skips the character n-grams when no model reads them (they are most of the cost). */
export function extractFeatures(
  tokens: TokenBuffer,
  lexicon: Lexicon,
  out: FeatureBuffer,
  withChars = true,
): void {
  out.count = 0;
  let prev = SALT_BOUNDARY;
  for (let t = 0; t < tokens.count; t++) {
    const flags = tokens.flags[t] ?? 0;
    const base = tokens.hash[t] ?? 0;
    const word = (flags & FLAG_NEGATED) !== 0 ? (base ^ SALT_NEGATED) >>> 0 : base;
    emit(out, combine(SALT_UNIGRAM, word), 1);
    emit(out, combine(combine(SALT_BIGRAM, prev), word), 1);
    if (tokens.kind[t] === KIND_HASHTAG) emit(out, combine(SALT_HASHTAG, base), 1);
    prev = word;
  }
  emit(out, combine(combine(SALT_BIGRAM, prev), SALT_BOUNDARY), 1);
  scale(out, 0);
  out.wordEnd = out.count;
  const charFrom = out.count;
  for (let t = 0; withChars && t < tokens.count; t++) {
    const kind = tokens.kind[t];
    if (kind === KIND_WORD || kind === KIND_HASHTAG) emitCharGrams(tokens, t, out);
  }
  scale(out, charFrom);
  out.charEnd = out.count;
  denseFeatures(tokens, lexicon, out);
  for (let i = 0; i < DENSE_FEATURES; i++) emit(out, DENSE_HASHES[i] ?? 0, out.dense[i] ?? 0);
}

/** 3-, 4- and 5-grams of the word padded with a boundary mark on each side. */
function emitCharGrams(tokens: TokenBuffer, t: number, out: FeatureBuffer): void {
  const start = tokens.charStart[t] ?? 0;
  const padded = (tokens.charLength[t] ?? 0) + 2;
  // FNV is incremental: the 3-gram's hash extended by one character is the 4-gram's.
  for (let s = 0; s + 3 <= padded; s++) {
    let h = SALT_CHAR;
    const end = Math.min(s + 5, padded);
    for (let k = s; k < end; k++) {
      h = fnvStep(h, k === 0 || k === padded - 1 ? 1 : (tokens.chars[start + k - 1] ?? 0));
      if (k - s >= 2) emit(out, h, 1);
    }
  }
}

/** VADER-style lexicon sums (negation flips, capitals boost, "but" shifts weight) and style cues. */
function denseFeatures(tokens: TokenBuffer, lexicon: Lexicon, out: FeatureBuffer): void {
  const d = out.dense;
  d.fill(0);
  let positive = 0;
  let negative = 0;
  let max = 0;
  let min = 0;
  let last = 0;
  let hits = 0;
  let weight = 1;
  let allCapsWords = 0;
  let words = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kind[t];
    const flags = tokens.flags[t] ?? 0;
    if (kind === KIND_WORD) {
      words++;
      if ((flags & FLAG_ALLCAPS) !== 0) allCapsWords++;
    }
    const hash = tokens.hash[t] ?? 0;
    if (hash === HASH_BUT && kind === KIND_WORD) {
      positive *= 0.5;
      negative *= 0.5;
      weight = 1.5;
      continue;
    }
    let v = lexicon.get(hash);
    if (v === undefined) continue;
    if ((flags & FLAG_ALLCAPS) !== 0) v += v > 0 ? BOOST_ALLCAPS : -BOOST_ALLCAPS;
    if ((flags & FLAG_NEGATED) !== 0) v *= NEGATION_SCALAR;
    v *= weight;
    if (v > 0) positive += v;
    else negative += v;
    if (v > max) max = v;
    if (v < min) min = v;
    last = v;
    hits++;
  }
  const sum = positive + negative;
  const compound = sum / Math.sqrt(sum * sum + 15);
  d[0] = positive / 4;
  d[1] = negative / 4;
  d[2] = compound;
  d[3] = max / 4;
  d[4] = min / 4;
  d[5] = last / 4;
  d[6] = compound > 0.05 ? 1 : 0;
  d[7] = compound < -0.05 ? 1 : 0;
  d[8] = hits === 0 ? 1 : 0;
  d[9] = words > 0 && allCapsWords / words > 0.5 ? 1 : 0;
  styleCues(tokens, d);
}

function styleCues(tokens: TokenBuffer, d: Float64Array): void {
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kind[t];
    const flags = tokens.flags[t] ?? 0;
    if ((flags & FLAG_ELONGATED) !== 0) d[10] = 1;
    if ((flags & FLAG_ALLCAPS) !== 0) d[11] = 1;
    if ((flags & FLAG_NEGATOR) !== 0) d[12] = 1;
    if (kind === KIND_HASHTAG) d[13] = 1;
    else if (kind === KIND_USER) d[14] = 1;
    else if (kind === KIND_URL) d[15] = 1;
    else if (kind === KIND_EMOJI) d[16] = 1;
    else if (kind === KIND_PUNCT) {
      const h = tokens.hash[t];
      if (h === HASH_EXCLAIM || h === HASH_EXCLAIM2) d[17] = 1;
      else if (h === HASH_QUESTION || h === HASH_QUESTION2) d[18] = 1;
    }
  }
  d[19] = Math.log1p(tokens.count) / 4;
}

const HASH_EXCLAIM = fnvString('!');
const HASH_EXCLAIM2 = fnvString('!!');
const HASH_QUESTION = fnvString('?');
const HASH_QUESTION2 = fnvString('??');
