import type { Lexicon } from '../../src/triage/lexicon.ts';
import {
  GROUP_CHARS,
  GROUP_DENSE,
  GROUP_WORDS,
  type LinearModel,
} from '../../src/triage/linear.ts';
import { complaintData } from './complaint.ts';
import { balanceClasses, featurize, subset } from './dataset.ts';
import { macroF1 } from './metrics.ts';
import { applyScale, nbScale } from './nb-scale.ts';
import { decide, predictProbabilities } from './predict.ts';
import { trainSoftmax } from './softmax-regression.ts';
import { readSuggestions } from './social-intent-data.ts';

const BITS = 18;
const GROUPS = GROUP_WORDS | GROUP_CHARS | GROUP_DENSE;
/**
 * The detector runs on every post, so its table is kept small: 2^16 buckets. Each feature reads
 * its weights at a random place, and a smaller table stays in the processor's cache; at 2^18
 * the two new models halved triage's speed for the same figures.
 */
const SUGGESTION_BITS = 16;
const SUGGESTION_GROUPS = GROUPS;

/**
 * Inputs stacked into socialIntent besides sentiment: a suggestion detector trained on all
 * 8,500 SemEval-2019 forum sentences (suggestion or not: it learns what a wish sounds like
 * against ordinary sentences, which the 29 brand-post ideas cannot teach), and the complaint
 * model. The complaint model was trained on the same 2,294 posts, so in cross-validation its
 * probability for a post comes from a complaint model fitted without that post's fold.
 */
export function trainSuggestionModel(
  lexicon: Lexicon,
  bits = SUGGESTION_BITS,
  groups = SUGGESTION_GROUPS,
): LinearModel {
  const rows = readSuggestions();
  const data = featurize(
    rows.map((r) => r.text),
    rows.map((r) => (r.suggestion ? 1 : 0)),
    lexicon,
  );
  balanceClasses(data, 2);
  return trainSoftmax(data, { bits, classes: 2, l2: 1e-4, iterations: 150, groups });
}

/** P(complaint) of each post from a complaint model that never saw the post's fold. */
export function outOfFoldComplaint(
  lexicon: Lexicon,
  sentiment: LinearModel,
  fold: readonly number[],
  folds: number,
): Float64Array {
  const data = complaintData(lexicon, [sentiment]);
  const out = new Float64Array(data.rows);
  for (let f = 0; f < folds; f++) {
    const train = fold.flatMap((g, i) => (g === f ? [] : [i]));
    const test = fold.flatMap((g, i) => (g === f ? [i] : []));
    const scaled = applyScale(data, nbScale(data, train, BITS), BITS);
    const model = trainSoftmax(subset(scaled, train), {
      bits: BITS,
      classes: 2,
      l2: 1e-4,
      iterations: 150,
      groups: GROUPS,
    });
    const p = predictProbabilities(model, subset(scaled, test));
    test.forEach((row, i) => (out[row] = p[i * 2 + 1] ?? 0));
  }
  return out;
}

const GRID = [-1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5, 2];

function score(labels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) hits++;
  return macroF1(labels, predicted, k) + hits / labels.length;
}

/** Per-class log offsets chosen by coordinate ascent on macro-F1 + accuracy. */
export function chooseOffsets(
  probabilities: Float64Array,
  labels: Uint16Array,
  k: number,
): number[] {
  const offsets = new Array<number>(k).fill(0);
  let best = score(labels, decide(probabilities, k, offsets), k);
  for (let pass = 0; pass < 3; pass++) {
    for (let c = 1; c < k; c++) {
      for (const value of GRID) {
        const trial = offsets.slice();
        trial[c] = value;
        const s = score(labels, decide(probabilities, k, trial), k);
        if (s > best) {
          best = s;
          offsets[c] = value;
        }
      }
    }
  }
  return offsets;
}

/**
 * Decisions with offsets chosen honestly: each fold's posts are decided with offsets chosen on
 * the other folds' out-of-fold probabilities, never on their own labels.
 */
export function decideWithNestedOffsets(
  probabilities: Float64Array,
  labels: Uint16Array,
  fold: readonly number[],
  folds: number,
  k: number,
): Uint16Array {
  const out = new Uint16Array(labels.length);
  for (let f = 0; f < folds; f++) {
    const others = fold.flatMap((g, i) => (g === f ? [] : [i]));
    const own = fold.flatMap((g, i) => (g === f ? [i] : []));
    const pick = (rows: number[]) => {
      const p = new Float64Array(rows.length * k);
      rows.forEach((row, i) => p.set(probabilities.subarray(row * k, row * k + k), i * k));
      return p;
    };
    const offsets = chooseOffsets(
      pick(others),
      Uint16Array.from(others, (r) => labels[r] ?? 0),
      k,
    );
    const decided = decide(pick(own), k, offsets);
    own.forEach((row, i) => (out[row] = decided[i] ?? 0));
  }
  return out;
}
