import type { LinearModel } from '../../src/triage/linear.ts';
import { PMI_FEATURES, pmiFeatures, type PmiLexicon } from './pmi-features.ts';
import { TokenBuffer, tokenize } from '../../src/triage/tokenize.ts';
import type { SparseDataset } from './dataset.ts';
import { foldsOf, NgramCounts, pmiLexicon } from './pmi-counts.ts';

/**
 * The PMI lexicon's aggregates as a dataset's extra inputs. A lexicon learnt
 * from the very rows a model is fitted on would tell it their labels, so
 * those rows are scored by a lexicon learnt from the other folds (stacking);
 * the shipped lexicon is learnt from every row.
 */
export interface OutOfFoldPmi {
  /** Learnt from every row: the one shipped and used on other data. */
  full: PmiLexicon;
  /** The lexicon that may score training row `row` (learnt without its fold). */
  lexiconOf: (row: number) => PmiLexicon;
}

/** `fold`: each row's fold (default: 5 seeded random folds). */
export function outOfFoldPmi(
  texts: readonly string[],
  labels: ArrayLike<number>,
  minPosts: number,
  fold: readonly number[] = foldsOf(texts.length, 5, 2017),
): OutOfFoldPmi {
  const folds = Math.max(0, ...fold) + 1;
  const all = new NgramCounts();
  const perFold = Array.from({ length: folds }, () => new NgramCounts());
  const tokens = new TokenBuffer();
  texts.forEach((text, row) => {
    tokenize(text, tokens);
    all.add(tokens, labels[row] ?? 1);
    perFold[fold[row] ?? 0]?.add(tokens, labels[row] ?? 1);
  });
  const without = perFold.map((counts) => pmiLexicon(all, counts, minPosts));
  const full = pmiLexicon(all, undefined, minPosts);
  return { full, lexiconOf: (row) => without[fold[row] ?? 0] ?? full };
}

/** `data` with the PMI aggregates of each row's text as its extra inputs (replacing any). */
export function withPmiInputs(
  data: SparseDataset,
  texts: readonly string[],
  lexiconOf: (row: number) => PmiLexicon,
): SparseDataset {
  const extra = new Float64Array(data.rows * PMI_FEATURES);
  const tokens = new TokenBuffer();
  texts.forEach((text, row) => {
    tokenize(text, tokens);
    pmiFeatures(tokens, lexiconOf(row), extra, row * PMI_FEATURES);
  });
  return { ...data, extraInputs: PMI_FEATURES, extra };
}

/**
 * Scales each extra input to unit standard deviation on `data` (so one L2
 * penalty suits them all and L-BFGS converges); returns the scale, which
 * `foldExtraScale` folds into a fitted model's weights for raw inputs.
 */
export function standardizeExtras(data: SparseDataset): { data: SparseDataset; scale: number[] } {
  const e = data.extraInputs;
  const scale = Array.from({ length: e }, (_, f) => {
    let sum = 0;
    let squares = 0;
    for (let row = 0; row < data.rows; row++) {
      const v = data.extra[row * e + f] ?? 0;
      sum += v;
      squares += v * v;
    }
    const mean = sum / data.rows;
    return 1 / Math.sqrt(Math.max(squares / data.rows - mean * mean, 1e-9));
  });
  const extra = data.extra.map((v, i) => v * (scale[i % e] ?? 1));
  return { data: { ...data, extra }, scale };
}

export function foldExtraScale(model: LinearModel, scale: readonly number[]): void {
  const k = model.classes;
  scale.forEach((s, f) => {
    for (let c = 0; c < k; c++)
      model.extraWeights[f * k + c] = (model.extraWeights[f * k + c] ?? 0) * s;
  });
}
