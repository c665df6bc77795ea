import type { LinearModel } from '../../src/triage/linear.ts';
import type { SparseDataset } from './dataset.ts';

/** Class probabilities for every row, row-major (`rows × classes`). */
export function predictProbabilities(model: LinearModel, data: SparseDataset): Float64Array {
  const k = model.classes;
  const mask = (1 << model.bits) - 1;
  const out = new Float64Array(data.rows * k);
  const e = model.extraInputs;
  for (let row = 0; row < data.rows; row++) {
    const o = row * k;
    for (let c = 0; c < k; c++) out[o + c] = model.bias[c] ?? 0;
    for (let j = data.rowStart[row] ?? 0; j < (data.rowStart[row + 1] ?? 0); j++) {
      if (((1 << (data.group[j] ?? 0)) & model.groups) === 0) continue;
      const base = ((data.index[j] ?? 0) & mask) * k;
      const v = data.value[j] ?? 0;
      for (let c = 0; c < k; c++)
        out[o + c] = (out[o + c] ?? 0) + (model.weights[base + c] ?? 0) * v;
    }
    for (let f = 0; f < e; f++) {
      const v = data.extra[row * e + f] ?? 0;
      for (let c = 0; c < k; c++)
        out[o + c] = (out[o + c] ?? 0) + (model.extraWeights[f * k + c] ?? 0) * v;
    }
    let top = -Infinity;
    for (let c = 0; c < k; c++) top = Math.max(top, out[o + c] ?? 0);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const p = Math.exp((out[o + c] ?? 0) - top);
      out[o + c] = p;
      sum += p;
    }
    for (let c = 0; c < k; c++) out[o + c] = (out[o + c] ?? 0) / sum;
  }
  return out;
}

/** Arg max of log-probability plus per-class offsets. */
export function decide(
  probabilities: Float64Array,
  classes: number,
  offsets?: readonly number[],
): Uint16Array {
  const rows = probabilities.length / classes;
  const out = new Uint16Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      const score = Math.log(probabilities[row * classes + c] ?? 0) + (offsets?.[c] ?? 0);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    out[row] = best;
  }
  return out;
}
