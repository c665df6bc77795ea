import { ALL_GROUPS, createLinearModel, type LinearModel } from '../../src/triage/linear.ts';
import { selectGroups, type SparseDataset } from './dataset.ts';
import { minimize } from './lbfgs.ts';

export interface SoftmaxOptions {
  bits: number;
  classes: number;
  /** L2 penalty on the hashed weights (not on the biases). */
  l2: number;
  iterations: number;
  /** Feature groups to read (GROUP_* bit mask); all by default. */
  groups?: number;
  log?: (message: string) => void;
}

/**
 * Multinomial logistic regression fitted with L-BFGS on the weighted mean
 * cross-entropy plus an L2 penalty. Parameters: hashed weights, then the
 * biases, then the weights of the dense extra inputs.
 */
export function trainSoftmax(all: SparseDataset, options: SoftmaxOptions): LinearModel {
  const { bits, classes: k, l2 } = options;
  const groups = options.groups ?? ALL_GROUPS;
  const data = groups === ALL_GROUPS ? all : selectGroups(all, groups);
  const mask = (1 << bits) - 1;
  const hashed = (1 << bits) * k;
  const e = data.extraInputs;
  const size = hashed + k + e * k;
  const masked = data.index.map((h) => h & mask);
  let totalWeight = 0;
  for (const w of data.weights) totalWeight += w;
  const scores = new Float64Array(k);
  const objective = (x: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let row = 0; row < data.rows; row++) {
      const from = data.rowStart[row] ?? 0;
      const to = data.rowStart[row + 1] ?? 0;
      for (let c = 0; c < k; c++) scores[c] = x[hashed + c] ?? 0;
      for (let j = from; j < to; j++) {
        const base = (masked[j] ?? 0) * k;
        const v = data.value[j] ?? 0;
        for (let c = 0; c < k; c++) scores[c] = (scores[c] ?? 0) + (x[base + c] ?? 0) * v;
      }
      for (let f = 0; f < e; f++) {
        const v = data.extra[row * e + f] ?? 0;
        for (let c = 0; c < k; c++)
          scores[c] = (scores[c] ?? 0) + (x[hashed + k + f * k + c] ?? 0) * v;
      }
      let top = -Infinity;
      for (let c = 0; c < k; c++) top = Math.max(top, scores[c] ?? 0);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp((scores[c] ?? 0) - top);
      const label = data.labels[row] ?? 0;
      const weight = (data.weights[row] ?? 1) / totalWeight;
      loss += weight * (Math.log(sum) + top - (scores[label] ?? 0));
      for (let c = 0; c < k; c++) {
        const p = Math.exp((scores[c] ?? 0) - top) / sum;
        scores[c] = weight * (p - (c === label ? 1 : 0));
      }
      for (let c = 0; c < k; c++)
        gradient[hashed + c] = (gradient[hashed + c] ?? 0) + (scores[c] ?? 0);
      for (let j = from; j < to; j++) {
        const base = (masked[j] ?? 0) * k;
        const v = data.value[j] ?? 0;
        for (let c = 0; c < k; c++)
          gradient[base + c] = (gradient[base + c] ?? 0) + (scores[c] ?? 0) * v;
      }
      for (let f = 0; f < e; f++) {
        const v = data.extra[row * e + f] ?? 0;
        for (let c = 0; c < k; c++)
          gradient[hashed + k + f * k + c] =
            (gradient[hashed + k + f * k + c] ?? 0) + (scores[c] ?? 0) * v;
      }
    }
    let penalty = 0;
    for (let i = 0; i < hashed; i++) {
      const w = x[i] ?? 0;
      penalty += w * w;
      gradient[i] = (gradient[i] ?? 0) + l2 * w;
    }
    for (let i = hashed + k; i < size; i++) {
      const w = x[i] ?? 0;
      penalty += w * w;
      gradient[i] = (gradient[i] ?? 0) + l2 * w;
    }
    return loss + 0.5 * l2 * penalty;
  };
  const { x } = minimize(objective, new Float64Array(size), {
    iterations: options.iterations,
    onIteration: (i, loss) => {
      if (i % 25 === 0) options.log?.(`  iteration ${i}: loss ${loss.toFixed(5)}`);
    },
  });
  const model = createLinearModel(bits, k, e, groups);
  model.weights.set(x.subarray(0, hashed));
  model.bias.set(x.subarray(hashed, hashed + k));
  model.extraWeights.set(x.subarray(hashed + k));
  return model;
}
