import { DENSE_HASHES } from '../../src/triage/features.ts';
import type { LinearModel } from '../../src/triage/linear.ts';
import type { SparseDataset } from './dataset.ts';

/**
 * Naive-Bayes feature scaling for a two-class problem (NBSVM, Wang & Manning
 * 2012): each hashed bucket is scaled by |log(p/q)|, the smoothed ratio of how
 * often it occurs in positive and negative rows, so the L2 penalty favours
 * telling features. Linear in the input, so it folds into the weights for
 * the runtime (`foldScale`). Dense-feature buckets keep scale 1.
 */
export function nbScale(
  data: SparseDataset,
  rows: readonly number[],
  bits: number,
  alpha = 1,
  /** Each row's weight in the counts (by position in `data`); 1 when absent. */
  rowWeight?: ArrayLike<number>,
): Float32Array {
  const size = 1 << bits;
  const mask = size - 1;
  const positive = new Float64Array(size);
  const negative = new Float64Array(size);
  for (const row of rows) {
    const counts = data.labels[row] === 1 ? positive : negative;
    const w = rowWeight?.[row] ?? 1;
    for (let j = data.rowStart[row] ?? 0; j < (data.rowStart[row + 1] ?? 0); j++) {
      if (data.group[j] !== 2)
        counts[(data.index[j] ?? 0) & mask] = w + (counts[(data.index[j] ?? 0) & mask] ?? 0);
    }
  }
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let i = 0; i < size; i++) {
    positiveTotal += (positive[i] ?? 0) + alpha;
    negativeTotal += (negative[i] ?? 0) + alpha;
  }
  const scale = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const ratio = Math.log(
      ((positive[i] ?? 0) + alpha) / positiveTotal / (((negative[i] ?? 0) + alpha) / negativeTotal),
    );
    scale[i] = Math.abs(ratio);
  }
  for (const hash of DENSE_HASHES) scale[hash & mask] = 1;
  return scale;
}

export function applyScale(data: SparseDataset, scale: Float32Array, bits: number): SparseDataset {
  const mask = (1 << bits) - 1;
  const value = Float32Array.from(
    data.value,
    (v, j) => v * (scale[(data.index[j] ?? 0) & mask] ?? 1),
  );
  return { ...data, value };
}

/** Makes `model` read unscaled features: w'[j] = w[j] · scale[j]. */
export function foldScale(model: LinearModel, scale: Float32Array): void {
  const k = model.classes;
  for (let j = 0; j < scale.length; j++) {
    for (let c = 0; c < k; c++)
      model.weights[j * k + c] = (model.weights[j * k + c] ?? 0) * (scale[j] ?? 1);
  }
}
