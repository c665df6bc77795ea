import { join } from 'node:path';
import type { Lexicon } from '../../src/triage/lexicon.ts';
import {
  GROUP_CHARS,
  GROUP_DENSE,
  GROUP_WORDS,
  type LinearModel,
} from '../../src/triage/linear.ts';
import { balanceClasses, featurize, subset, type SparseDataset } from './dataset.ts';
import { dataDir, MODELS_DIR, readCsvObjects } from './data.ts';
import { f1 } from './metrics.ts';
import { applyScale, foldScale, nbScale } from './nb-scale.ts';
import { predictProbabilities } from './predict.ts';
import { seededShuffle } from './random.ts';
import { writeModel } from './save-model.ts';
import { trainSoftmax } from './softmax-regression.ts';

const BITS = 18;
const L2 = 1e-4;
const ITERATIONS = 150;
const FOLDS = 5;
const SEED = 2019;
const NAIVE_BAYES = true;
const GROUPS = GROUP_WORDS | GROUP_CHARS | GROUP_DENSE;

/**
 * Complaint or not (Preotiuc-Pietro et al., ACL 2019). Extra inputs: the
 * sentiment model's three probabilities, so the complaint model can lean
 * on what was learnt from 50k tweets.
 */
export function complaintData(lexicon: Lexicon, inputs: readonly StackedInput[]): SparseDataset {
  const rows = readCsvObjects(join(dataDir(), 'complaints', 'complaints-train.csv'));
  const data = featurize(
    rows.map((r) => r.text ?? ''),
    rows.map((r) => (r.complaint === '1' ? 1 : 0)),
    lexicon,
  );
  balanceClasses(data, 2);
  return withStackedInputs(data, inputs);
}

/**
 * Class probabilities of every row computed elsewhere, standing in for a model's: e.g. what
 * sentiment models fitted without each row's fold say of it (out-of-fold stacking).
 */
export interface StackedProbabilities {
  classes: number;
  /** Row-major, `rows × classes`, in the dataset's row order. */
  probabilities: Float64Array;
}

/** A model whose probabilities are stacked, or those probabilities given row by row. */
export type StackedInput = LinearModel | StackedProbabilities;

/** Appends each input's class probabilities to every row as dense extra inputs. */
export function withStackedInputs(
  data: SparseDataset,
  inputs: readonly StackedInput[],
): SparseDataset {
  const width = inputs.reduce((sum, m) => sum + m.classes, 0);
  const extra = new Float64Array(data.rows * width);
  let offset = 0;
  for (const input of inputs) {
    const p = 'probabilities' in input ? input.probabilities : predictProbabilities(input, data);
    if (p.length !== data.rows * input.classes) throw new Error('stacked inputs: rows differ');
    for (let row = 0; row < data.rows; row++) {
      for (let c = 0; c < input.classes; c++)
        extra[row * width + offset + c] = p[row * input.classes + c] ?? 0;
    }
    offset += input.classes;
  }
  return { ...data, extraInputs: width, extra };
}

function fit(data: SparseDataset, log: (m: string) => void, l2 = L2, groups = GROUPS): LinearModel {
  return trainSoftmax(data, { bits: BITS, classes: 2, l2, iterations: ITERATIONS, groups, log });
}

/** Stratified, seeded folds: each class shuffled and dealt round-robin. */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  for (const label of [0, 1]) {
    const members = Array.from(labels, (l, i) => (l === label ? i : -1)).filter((i) => i >= 0);
    seededShuffle(members, seed + label).forEach((row, k) => (fold[row] = k % folds));
  }
  return fold;
}

/** Out-of-fold complaint probabilities from seeded, stratified 5-fold cross-validation. */
export function crossValidate(
  all: SparseDataset,
  log: (m: string) => void,
  l2 = L2,
  groups = GROUPS,
  naiveBayes = NAIVE_BAYES,
  seed = SEED,
  /** The rows a fold is fitted and tested on, when its stacked inputs differ by fold. */
  foldData?: (testRows: readonly number[]) => SparseDataset,
): Float64Array {
  const fold = stratifiedFolds(all.labels, FOLDS, seed);
  const out = new Float64Array(all.rows);
  for (let f = 0; f < FOLDS; f++) {
    const trainRows = fold.flatMap((k, i) => (k === f ? [] : [i]));
    const testRows = fold.flatMap((k, i) => (k === f ? [i] : []));
    const data = foldData?.(testRows) ?? all;
    // The scaling is learnt from the training folds only.
    const scaled = naiveBayes ? applyScale(data, nbScale(data, trainRows, BITS), BITS) : data;
    const model = fit(subset(scaled, trainRows), () => {}, l2, groups);
    const p = predictProbabilities(model, subset(scaled, testRows));
    testRows.forEach((row, i) => (out[row] = p[i * 2 + 1] ?? 0));
    log(`  complaint fold ${f + 1}/${FOLDS} done`);
  }
  return out;
}

export function complaintF1(
  labels: ArrayLike<number>,
  probabilities: Float64Array,
  threshold: number,
): number {
  return f1(
    labels,
    Array.from(probabilities, (p) => (p >= threshold ? 1 : 0)),
  );
}

/** Trains and writes models/complaint.*; `sentiment` is the model or its out-of-fold probabilities. */
export function trainComplaint(
  lexicon: Lexicon,
  sentiment: StackedInput,
  log: (m: string) => void,
): void {
  const data = complaintData(lexicon, [sentiment]);
  log(`complaint: ${data.rows} examples`);
  const all = data.labels.map((_, i) => i);
  const scale = NAIVE_BAYES ? nbScale(data, Array.from(all), BITS) : undefined;
  const model = fit(scale === undefined ? data : applyScale(data, scale, BITS), log);
  if (scale !== undefined) foldScale(model, scale);
  writeModel(
    MODELS_DIR,
    {
      name: 'complaint',
      groups: GROUPS,
      format: 1,
      bits: BITS,
      classes: ['no', 'yes'],
      extraInputs: 3,
      offsets: [0, 0],
      threshold: 0.5,
    },
    model,
  );
}
