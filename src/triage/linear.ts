import type { FeatureBuffer } from './features.ts';

/**
 * A multiclass linear model over hashed features: weights laid out feature
 * by feature (`weights[index * classes + k]`), so one feature's weights for
 * all classes share a cache line. `extra` inputs are dense values supplied
 * by the caller (for instance another model's probabilities).
 */
export interface LinearModel {
  bits: number;
  /** Which feature groups the model reads: GROUP_WORDS | GROUP_CHARS | GROUP_DENSE. */
  groups: number;
  classes: number;
  extraInputs: number;
  weights: Float32Array;
  bias: Float32Array;
  extraWeights: Float32Array;
}

export const GROUP_WORDS = 1;
export const GROUP_CHARS = 2;
export const GROUP_DENSE = 4;
export const ALL_GROUPS = GROUP_WORDS | GROUP_CHARS | GROUP_DENSE;

export function createLinearModel(
  bits: number,
  classes: number,
  extraInputs = 0,
  groups = ALL_GROUPS,
): LinearModel {
  return {
    bits,
    groups,
    classes,
    extraInputs,
    weights: new Float32Array((1 << bits) * classes),
    bias: new Float32Array(classes),
    extraWeights: new Float32Array(extraInputs * classes),
  };
}

/** Raw class scores (logits) into `out[0..classes)`. */
export function linearScores(
  model: LinearModel,
  features: FeatureBuffer,
  out: Float64Array,
  extra?: Float64Array,
): void {
  const k = model.classes;
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  for (let c = 0; c < k; c++) out[c] = model.bias[c] ?? 0;
  const groups = model.groups;
  if ((groups & GROUP_WORDS) !== 0) addRange(out, k, w, mask, features, 0, features.wordEnd);
  if ((groups & GROUP_CHARS) !== 0)
    addRange(out, k, w, mask, features, features.wordEnd, features.charEnd);
  if ((groups & GROUP_DENSE) !== 0)
    addRange(out, k, w, mask, features, features.charEnd, features.count);
  if (extra !== undefined) addExtraInputs(model, out, extra);
}

/** Adds the dense `extra` inputs' contributions to the scores in `out[0..classes)`. */
export function addExtraInputs(model: LinearModel, out: Float64Array, extra: Float64Array): void {
  const k = model.classes;
  for (let e = 0; e < model.extraInputs; e++) {
    const v = extra[e] ?? 0;
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (model.extraWeights[e * k + c] ?? 0) * v;
  }
}

/** Adds features `from..to` weighted by `w` (row stride `k`) to the sums in `out[0..k)`. */
export function addRange(
  out: Float64Array,
  k: number,
  w: Float32Array,
  mask: number,
  features: FeatureBuffer,
  from: number,
  to: number,
): void {
  const index = features.index;
  const value = features.value;
  if (k === 2 || k === 3) {
    // Two and three classes (complaint, sentiment): sums in locals, no stores in the loop.
    let s0 = out[0] ?? 0;
    let s1 = out[1] ?? 0;
    let s2 = k === 3 ? (out[2] ?? 0) : 0;
    for (let i = from; i < to; i++) {
      const v = value[i] ?? 0;
      const base = ((index[i] ?? 0) & mask) * k;
      s0 += (w[base] ?? 0) * v;
      s1 += (w[base + 1] ?? 0) * v;
      if (k === 3) s2 += (w[base + 2] ?? 0) * v;
    }
    out[0] = s0;
    out[1] = s1;
    if (k === 3) out[2] = s2;
    return;
  }
  if (k === 5) {
    // Five classes (socialIntent): as above.
    let s0 = out[0] ?? 0;
    let s1 = out[1] ?? 0;
    let s2 = out[2] ?? 0;
    let s3 = out[3] ?? 0;
    let s4 = out[4] ?? 0;
    for (let i = from; i < to; i++) {
      const v = value[i] ?? 0;
      const base = ((index[i] ?? 0) & mask) * 5;
      s0 += (w[base] ?? 0) * v;
      s1 += (w[base + 1] ?? 0) * v;
      s2 += (w[base + 2] ?? 0) * v;
      s3 += (w[base + 3] ?? 0) * v;
      s4 += (w[base + 4] ?? 0) * v;
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
    out[4] = s4;
    return;
  }
  for (let i = from; i < to; i++) {
    const v = value[i] ?? 0;
    const base = ((index[i] ?? 0) & mask) * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (w[base + c] ?? 0) * v;
  }
}

/** Softmax in place over the first `k` entries; returns the arg max. */
export function softmax(scores: Float64Array, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if ((scores[c] ?? 0) > (scores[best] ?? 0)) best = c;
  const top = scores[best] ?? 0;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp((scores[c] ?? 0) - top);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) scores[c] = (scores[c] ?? 0) / sum;
  return best;
}
