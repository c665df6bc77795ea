import type { SparseDataset } from './dataset.ts';
import { seededRandom, seededShuffle } from './random.ts';

/** One hidden layer (ReLU): `w1[bucket * hidden + u]`, `w2[u * classes + c]`. */
export interface MlpModel {
  bits: number;
  groups: number;
  hidden: number;
  classes: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export interface MlpOptions {
  bits: number;
  hidden: number;
  classes: number;
  /** Feature groups read (GROUP_* bit mask). */
  groups: number;
  epochs: number;
  learningRate: number;
  /** Probability of dropping each input entry during training. */
  inputDropout: number;
  seed: number;
  /** Called after each epoch with the model so far (for early-stopping figures). */
  onEpoch?: (epoch: number, model: MlpModel) => void;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/**
 * An experiment, not shipped (see models/sentiment.md): one hidden layer (ReLU) over the hashed features, trained one row at a time
 * with Adam on the weighted cross-entropy. The input layer is updated lazily
 * (only the rows a post touches), as in fastText. Deterministic: seeded
 * initialisation, shuffles and dropout.
 */
export function trainMlp(data: SparseDataset, options: MlpOptions): MlpModel {
  const { bits, hidden: h, classes: k } = options;
  const model: MlpModel = {
    bits,
    groups: options.groups,
    hidden: h,
    classes: k,
    w1: new Float32Array((1 << bits) * h),
    b1: new Float32Array(h),
    w2: new Float32Array(h * k),
    b2: new Float32Array(k),
  };
  const random = seededRandom(options.seed);
  const init = (array: Float32Array, limit: number): void => {
    for (let i = 0; i < array.length; i++) array[i] = (random() * 2 - 1) * limit;
  };
  init(model.w1, 0.1);
  init(model.w2, Math.sqrt(6 / (h + k)));
  const params = [model.w1, model.b1, model.w2, model.b2];
  const m = params.map((p) => new Float32Array(p.length));
  const v = params.map((p) => new Float32Array(p.length));
  const mask = (1 << bits) - 1;
  const pre = new Float64Array(h);
  const act = new Float64Array(h);
  const logits = new Float64Array(k);
  const dLogits = new Float64Array(k);
  const dHidden = new Float64Array(h);
  const rows: number[] = [];
  for (let i = 0; i < data.rows; i++) rows.push(i);
  let meanWeight = 0;
  for (const w of data.weights) meanWeight += w / data.rows;
  let step = 0;
  const total = options.epochs * data.rows;
  const kept = new Int32Array(4096);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const row of seededShuffle(rows, options.seed + epoch)) {
      step++;
      // Adam's bias correction, and a rate falling linearly to zero over the run (as in fastText).
      const lr =
        (options.learningRate * (1 - (step - 1) / total) * Math.sqrt(1 - BETA2 ** step)) /
        (1 - BETA1 ** step);
      let count = 0;
      pre.set(model.b1);
      for (let j = data.rowStart[row] ?? 0; j < (data.rowStart[row + 1] ?? 0); j++) {
        if (((1 << (data.group[j] ?? 0)) & options.groups) === 0) continue;
        if (options.inputDropout > 0 && random() < options.inputDropout) continue;
        if (count < kept.length) kept[count++] = j;
        const base = ((data.index[j] ?? 0) & mask) * h;
        const x = data.value[j] ?? 0;
        for (let u = 0; u < h; u++) pre[u] = (pre[u] ?? 0) + (model.w1[base + u] ?? 0) * x;
      }
      for (let u = 0; u < h; u++) act[u] = Math.max(0, pre[u] ?? 0);
      forwardOutput(model, act, logits);
      const label = data.labels[row] ?? 0;
      const weight = (data.weights[row] ?? 1) / meanWeight;
      for (let c = 0; c < k; c++) dLogits[c] = weight * ((logits[c] ?? 0) - (c === label ? 1 : 0));
      dHidden.fill(0);
      for (let u = 0; u < h; u++) {
        for (let c = 0; c < k; c++) {
          const g = (act[u] ?? 0) * (dLogits[c] ?? 0);
          dHidden[u] = (dHidden[u] ?? 0) + (model.w2[u * k + c] ?? 0) * (dLogits[c] ?? 0);
          adam(model.w2, m[2] as Float32Array, v[2] as Float32Array, u * k + c, g, lr);
        }
        if ((pre[u] ?? 0) <= 0) dHidden[u] = 0;
      }
      for (let c = 0; c < k; c++)
        adam(model.b2, m[3] as Float32Array, v[3] as Float32Array, c, dLogits[c] ?? 0, lr);
      for (let u = 0; u < h; u++)
        adam(model.b1, m[1] as Float32Array, v[1] as Float32Array, u, dHidden[u] ?? 0, lr);
      for (let i = 0; i < count; i++) {
        const j = kept[i] ?? 0;
        const base = ((data.index[j] ?? 0) & mask) * h;
        const x = data.value[j] ?? 0;
        for (let u = 0; u < h; u++)
          adam(
            model.w1,
            m[0] as Float32Array,
            v[0] as Float32Array,
            base + u,
            (dHidden[u] ?? 0) * x,
            lr,
          );
      }
    }
    options.onEpoch?.(epoch, model);
  }
  return model;
}

function adam(
  w: Float32Array,
  m: Float32Array,
  v: Float32Array,
  i: number,
  g: number,
  lr: number,
): void {
  const mi = BETA1 * (m[i] ?? 0) + (1 - BETA1) * g;
  const vi = BETA2 * (v[i] ?? 0) + (1 - BETA2) * g * g;
  m[i] = mi;
  v[i] = vi;
  w[i] = (w[i] ?? 0) - (lr * mi) / (Math.sqrt(vi) + EPSILON);
}

/** Softmax probabilities of the output layer from the hidden activations. */
function forwardOutput(model: MlpModel, act: Float64Array, out: Float64Array): void {
  const k = model.classes;
  for (let c = 0; c < k; c++) out[c] = model.b2[c] ?? 0;
  for (let u = 0; u < model.hidden; u++) {
    const a = act[u] ?? 0;
    if (a === 0) continue;
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (model.w2[u * k + c] ?? 0) * a;
  }
  let top = -Infinity;
  for (let c = 0; c < k; c++) top = Math.max(top, out[c] ?? 0);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp((out[c] ?? 0) - top);
    sum += out[c] ?? 0;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) / sum;
}

/** Class probabilities for every row (`rows × classes`). */
export function predictMlp(model: MlpModel, data: SparseDataset): Float64Array {
  const h = model.hidden;
  const k = model.classes;
  const mask = (1 << model.bits) - 1;
  const out = new Float64Array(data.rows * k);
  const act = new Float64Array(h);
  const probs = new Float64Array(k);
  for (let row = 0; row < data.rows; row++) {
    act.set(model.b1);
    for (let j = data.rowStart[row] ?? 0; j < (data.rowStart[row + 1] ?? 0); j++) {
      if (((1 << (data.group[j] ?? 0)) & model.groups) === 0) continue;
      const base = ((data.index[j] ?? 0) & mask) * h;
      const x = data.value[j] ?? 0;
      for (let u = 0; u < h; u++) act[u] = (act[u] ?? 0) + (model.w1[base + u] ?? 0) * x;
    }
    for (let u = 0; u < h; u++) act[u] = Math.max(0, act[u] ?? 0);
    forwardOutput(model, act, probs);
    out.set(probs, row * k);
  }
  return out;
}
