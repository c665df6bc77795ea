import type { FeatureBuffer } from './features.ts';
import { GROUP_CHARS, GROUP_DENSE, GROUP_WORDS, addRange, type LinearModel } from './linear.ts';

/**
 * Several linear models scored over one text's hashed features together. Most of triage's
 * time went into reading weights: five models, each looking up every feature (about 250 per
 * tweet) in its own table of 0.5–3 MB, a cache miss per model per feature. At load time the
 * tables of the models that share a bucket count are interleaved into one (for each bucket,
 * every model's class weights side by side, padded to 4 or 8 floats so a row sits in one
 * cache line), and one pass over the features reads one row per feature for all of them. The
 * files on disk stay as they are; models with a bucket count of their own keep their table.
 *
 * The scores are those of `linearScores` without the extra inputs, bit for bit: each class
 * still starts from its bias and adds the word, character and dense features in order.
 */
export interface FusedScorer {
  readonly models: readonly LinearModel[];
  /** After `scoreFused`: each model's scores (bias + hashed features), in the order of `models`. */
  readonly logits: readonly Float64Array[];
  readonly groups: readonly FusedGroup[];
}

interface Member {
  model: LinearModel;
  /** Where the model's scores are summed: a view of its group's `sums` from `column` on. */
  sums: Float64Array;
  column: number;
  logits: Float64Array;
}

interface FusedGroup {
  mask: number;
  /** Floats per bucket in `weights`: 4, 8, or the classes of all members when more. */
  stride: number;
  /** The members' tables interleaved; empty for a group of one, which reads its own. */
  weights: Float32Array;
  members: readonly Member[];
  sums: Float64Array;
  /** The members' biases where their sums start. */
  bias: Float64Array;
  /** Per feature range (words, characters, dense): whether every member reads it, and who does. */
  ranges: ReadonlyArray<{ group: number; together: boolean; readers: readonly Member[] }>;
}

const RANGES = [GROUP_WORDS, GROUP_CHARS, GROUP_DENSE] as const;

export function fuseLinearModels(models: readonly LinearModel[]): FusedScorer {
  const byBits = new Map<number, LinearModel[]>();
  for (const model of models) byBits.set(model.bits, [...(byBits.get(model.bits) ?? []), model]);
  const logits = models.map((m) => new Float64Array(m.classes));
  const groups = [...byBits.values()].map((group) =>
    buildGroup(group, (m) => logits[models.indexOf(m)] ?? new Float64Array(m.classes)),
  );
  return { models, logits, groups };
}

function buildGroup(
  models: readonly LinearModel[],
  logitsOf: (model: LinearModel) => Float64Array,
): FusedGroup {
  const classes = models.reduce((sum, m) => sum + m.classes, 0);
  const stride = models.length === 1 ? classes : classes <= 4 ? 4 : classes <= 8 ? 8 : classes;
  const sums = new Float64Array(stride);
  const bias = new Float64Array(stride);
  const members: Member[] = [];
  let column = 0;
  for (const model of models) {
    members.push({
      model,
      sums: sums.subarray(column, column + model.classes),
      column,
      logits: logitsOf(model),
    });
    bias.set(model.bias, column);
    column += model.classes;
  }
  const bits = models[0]?.bits ?? 0;
  const weights = models.length === 1 ? new Float32Array(0) : interleave(members, bits, stride);
  const ranges = RANGES.map((group) => {
    const readers = members.filter((m) => (m.model.groups & group) !== 0);
    return { group, together: members.length > 1 && readers.length === members.length, readers };
  });
  return { mask: (1 << bits) - 1, stride, weights, members, sums, bias, ranges };
}

function interleave(members: readonly Member[], bits: number, stride: number): Float32Array {
  const buckets = 1 << bits;
  const weights = new Float32Array(buckets * stride);
  let column = 0;
  for (const { model } of members) {
    const k = model.classes;
    for (let b = 0; b < buckets; b++)
      weights.set(model.weights.subarray(b * k, b * k + k), b * stride + column);
    column += k;
  }
  return weights;
}

/** Scores every model of `scorer` on `features` into `scorer.logits`. */
export function scoreFused(scorer: FusedScorer, features: FeatureBuffer): void {
  // Plain loops, not TypedArray set/fill: those builtins cost more than the copies here.
  for (const group of scorer.groups) {
    const { sums, bias } = group;
    for (let c = 0; c < sums.length; c++) sums[c] = bias[c] ?? 0;
    for (let r = 0; r < RANGES.length; r++) {
      const range = group.ranges[r];
      if (range === undefined || range.readers.length === 0) continue;
      const from = r === 0 ? 0 : r === 1 ? features.wordEnd : features.charEnd;
      const to = r === 0 ? features.wordEnd : r === 1 ? features.charEnd : features.count;
      if (range.together) addRows(group, features, from, to);
      else
        for (const { model, sums: own } of range.readers)
          addRange(own, model.classes, model.weights, group.mask, features, from, to);
    }
    for (const { logits, column } of group.members)
      for (let c = 0; c < logits.length; c++) logits[c] = sums[column + c] ?? 0;
  }
}

function addRows(group: FusedGroup, features: FeatureBuffer, from: number, to: number): void {
  const { sums, weights: w, mask } = group;
  if (group.stride === 8) addRows8(sums, w, mask, features, from, to);
  else if (group.stride === 4) addRows4(sums, w, mask, features, from, to);
  else addRange(sums, group.stride, w, mask, features, from, to);
}

// Sums in locals, no stores in the loop (as addRange does for two, three and five classes).
function addRows8(
  sums: Float64Array,
  w: Float32Array,
  mask: number,
  features: FeatureBuffer,
  from: number,
  to: number,
): void {
  const index = features.index;
  const value = features.value;
  let s0 = sums[0] ?? 0;
  let s1 = sums[1] ?? 0;
  let s2 = sums[2] ?? 0;
  let s3 = sums[3] ?? 0;
  let s4 = sums[4] ?? 0;
  let s5 = sums[5] ?? 0;
  let s6 = sums[6] ?? 0;
  let s7 = sums[7] ?? 0;
  for (let i = from; i < to; i++) {
    const v = value[i] ?? 0;
    const base = ((index[i] ?? 0) & mask) << 3;
    s0 += (w[base] ?? 0) * v;
    s1 += (w[base + 1] ?? 0) * v;
    s2 += (w[base + 2] ?? 0) * v;
    s3 += (w[base + 3] ?? 0) * v;
    s4 += (w[base + 4] ?? 0) * v;
    s5 += (w[base + 5] ?? 0) * v;
    s6 += (w[base + 6] ?? 0) * v;
    s7 += (w[base + 7] ?? 0) * v;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
  sums[4] = s4;
  sums[5] = s5;
  sums[6] = s6;
  sums[7] = s7;
}

function addRows4(
  sums: Float64Array,
  w: Float32Array,
  mask: number,
  features: FeatureBuffer,
  from: number,
  to: number,
): void {
  const index = features.index;
  const value = features.value;
  let s0 = sums[0] ?? 0;
  let s1 = sums[1] ?? 0;
  let s2 = sums[2] ?? 0;
  let s3 = sums[3] ?? 0;
  for (let i = from; i < to; i++) {
    const v = value[i] ?? 0;
    const base = ((index[i] ?? 0) & mask) << 2;
    s0 += (w[base] ?? 0) * v;
    s1 += (w[base + 1] ?? 0) * v;
    s2 += (w[base + 2] ?? 0) * v;
    s3 += (w[base + 3] ?? 0) * v;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
}
