import { MAX_FEATURES, type FeatureBuffer } from './features.ts';
import { GROUP_CHARS, GROUP_DENSE, GROUP_WORDS, addRange, type LinearModel } from './linear.ts';
import { SIMD_WIDTHS, compileSimdKernels, type SimdKernels } from './simd-kernel.ts';

/**
 * Several linear models scored over one text's hashed features together. Scoring was most of
 * triage's time: five models, each looking up every feature (about 250 per tweet) in its own
 * table of 0.5–3 MB and summing one class at a time. At load time the tables of the models
 * that share a bucket count are interleaved into one (for each bucket, every model's class
 * weights side by side, padded to 2, 4, 8, 16 or 32 floats), and one pass over the features
 * reads one row per feature for all of them, in WebAssembly SIMD (simd-kernel.ts) where it
 * is available. The files on disk stay as they are; a model that reads features the others
 * of its group do not (sentiment skips character n-grams) reads those from its own table.
 *
 * The scores are those of `linearScores` without the extra inputs, bit for bit: each class
 * still starts from its bias and adds the word, character and dense features in order.
 */
export interface FusedScorer {
  readonly models: readonly LinearModel[];
  /** After `scoreFused`: each model's scores (bias + hashed features), in the order of `models`. */
  readonly logits: readonly Float64Array[];
  readonly groups: readonly FusedGroup[];
  /** The WebAssembly kernels; their memory holds the features, the sums and the tables. */
  readonly simd: (SimdKernels & { indexes: Uint32Array; values: Float32Array }) | undefined;
}

/** A weight table (`width` floats per bucket) and the kernel that reads it, if any. */
interface Table {
  weights: Float32Array;
  width: number;
  /** Byte offset of `weights` in the kernels' memory. */
  offset: number;
  kernel: ((...args: number[]) => void) | undefined;
}

interface Member {
  model: LinearModel;
  /** Where the model's scores are summed: a view of its group's `sums` from `column` on. */
  sums: Float64Array;
  column: number;
  logits: Float64Array;
  /** The model's own table, for the features only it reads in its group. */
  own: Table;
}

interface FusedGroup {
  mask: number;
  /** The members' tables interleaved, rows padded to a kernel's width (2, 4, 8, 16 or 32 floats). */
  table: Table;
  members: readonly Member[];
  sums: Float64Array;
  /** Byte offset of `sums` in the kernels' memory. */
  sumsOffset: number;
  /** The members' biases where their sums start. */
  bias: Float64Array;
  /** Per feature range (words, characters, dense): whether every member reads it, and who does. */
  ranges: ReadonlyArray<{ together: boolean; readers: readonly Member[] }>;
}

interface Plan {
  models: readonly LinearModel[];
  bits: number;
  /** Floats per bucket of the fused table (and of the sums). */
  width: number;
  ranges: ReadonlyArray<{ together: boolean; readers: readonly LinearModel[] }>;
  /** The models that read some range alone, from their own table. */
  alone: readonly LinearModel[];
}

const RANGES = [GROUP_WORDS, GROUP_CHARS, GROUP_DENSE] as const;
const FEATURE_BYTES = 4 * MAX_FEATURES;
const hasKernel = (width: number): boolean => SIMD_WIDTHS.some((w) => w === width);

/** `simd: false` keeps every loop in JavaScript (as where WebAssembly SIMD is missing). */
export function fuseLinearModels(
  models: readonly LinearModel[],
  { simd = true }: { simd?: boolean } = {},
): FusedScorer {
  const byBits = new Map<number, LinearModel[]>();
  for (const model of models) byBits.set(model.bits, [...(byBits.get(model.bits) ?? []), model]);
  const plans = [...byBits.values()].map(plan);
  // The kernels' memory: feature hashes, feature values, each group's sums, the tables they read.
  let bytes = 2 * FEATURE_BYTES;
  for (const p of plans) {
    bytes += 16 * Math.ceil(p.width / 2);
    if (hasKernel(p.width)) bytes += (4 * p.width) << p.bits;
    for (const m of p.alone) if (hasKernel(m.classes)) bytes += m.weights.byteLength;
  }
  const kernels = simd && plans.length > 0 ? compileSimdKernels(bytes) : undefined;
  let next = 2 * FEATURE_BYTES;
  const take = (byteLength: number): number => {
    const at = next;
    next += byteLength;
    return at;
  };
  const table = (floats: number, width: number): Table => {
    if (kernels === undefined || !hasKernel(width))
      return { weights: new Float32Array(floats), width, offset: -1, kernel: undefined };
    const offset = take(4 * floats);
    const weights = new Float32Array(kernels.memory.buffer, offset, floats);
    return { weights, width, offset, kernel: kernels.rows.get(width) };
  };
  const logits = models.map((m) => new Float64Array(m.classes));
  const groups = plans.map((p): FusedGroup => {
    const sumsOffset = kernels === undefined ? -1 : take(16 * Math.ceil(p.width / 2));
    const sums =
      kernels === undefined
        ? new Float64Array(p.width)
        : new Float64Array(kernels.memory.buffer, sumsOffset, p.width);
    const bias = new Float64Array(p.width);
    let column = 0;
    const members = p.models.map((model): Member => {
      const member = {
        model,
        sums: sums.subarray(column, column + model.classes),
        column,
        logits: logits[models.indexOf(model)] ?? new Float64Array(model.classes),
        own: ownTable(model, p.alone.includes(model) ? table : undefined),
      };
      bias.set(model.bias, column);
      column += model.classes;
      return member;
    });
    const only = p.models.length === 1 ? p.models[0] : undefined;
    // A model alone keeps its table unless a kernel reads the padded copy.
    const fused =
      only !== undefined && (kernels === undefined || !hasKernel(p.width))
        ? ownTable(only, undefined)
        : table(p.width << p.bits, p.width);
    if (fused.weights !== only?.weights) interleave(members, p.bits, fused);
    const ranges = p.ranges.map(({ together, readers }) => ({
      together,
      readers: members.filter((m) => readers.includes(m.model)),
    }));
    return { mask: (1 << p.bits) - 1, table: fused, members, sums, sumsOffset, bias, ranges };
  });
  const simdViews = kernels && {
    ...kernels,
    indexes: new Uint32Array(kernels.memory.buffer, 0, MAX_FEATURES),
    values: new Float32Array(kernels.memory.buffer, FEATURE_BYTES, MAX_FEATURES),
  };
  return { models, logits, groups, simd: simdViews };
}

function plan(models: readonly LinearModel[]): Plan {
  const classes = models.reduce((sum, m) => sum + m.classes, 0);
  const width = SIMD_WIDTHS.find((w) => w >= classes) ?? classes;
  const ranges = RANGES.map((group) => {
    const readers = models.filter((m) => (m.groups & group) !== 0);
    return { together: readers.length === models.length, readers };
  });
  const alone = models.filter((m) => ranges.some((r) => !r.together && r.readers.includes(m)));
  return { models, bits: models[0]?.bits ?? 0, width, ranges, alone };
}

/** The model's table, copied where a kernel can read it when `table` allocates one. */
function ownTable(
  model: LinearModel,
  table: ((floats: number, width: number) => Table) | undefined,
): Table {
  const copy = table?.(model.weights.length, model.classes);
  if (copy === undefined || copy.kernel === undefined)
    return { weights: model.weights, width: model.classes, offset: -1, kernel: undefined };
  copy.weights.set(model.weights);
  return copy;
}

function interleave(members: readonly Member[], bits: number, table: Table): void {
  const buckets = 1 << bits;
  const stride = table.width;
  for (const { model, column } of members) {
    const k = model.classes;
    for (let b = 0; b < buckets; b++)
      table.weights.set(model.weights.subarray(b * k, b * k + k), b * stride + column);
  }
}

/** Scores every model of `scorer` on `features` into `scorer.logits`. */
export function scoreFused(scorer: FusedScorer, features: FeatureBuffer): void {
  const simd = scorer.simd;
  if (simd !== undefined) {
    const { index, value, count } = features;
    const { indexes, values } = simd;
    for (let i = 0; i < count; i++) {
      indexes[i] = index[i] ?? 0;
      values[i] = value[i] ?? 0;
    }
  }
  // Plain loops, not TypedArray set/fill: those builtins cost more than the copies here.
  for (const group of scorer.groups) {
    const { sums, bias } = group;
    for (let c = 0; c < sums.length; c++) sums[c] = bias[c] ?? 0;
    for (let r = 0; r < RANGES.length; r++) {
      const range = group.ranges[r];
      if (range === undefined || range.readers.length === 0) continue;
      const from = r === 0 ? 0 : r === 1 ? features.wordEnd : features.charEnd;
      const to = r === 0 ? features.wordEnd : r === 1 ? features.charEnd : features.count;
      if (range.together)
        addTable(group.table, sums, group.sumsOffset, group.mask, features, from, to);
      else
        for (const m of range.readers)
          addTable(m.own, m.sums, group.sumsOffset + 8 * m.column, group.mask, features, from, to);
    }
    for (const { logits, column } of group.members)
      for (let c = 0; c < logits.length; c++) logits[c] = sums[column + c] ?? 0;
  }
}

function addTable(
  table: Table,
  sums: Float64Array,
  sumsOffset: number,
  mask: number,
  features: FeatureBuffer,
  from: number,
  to: number,
): void {
  if (table.kernel !== undefined)
    table.kernel(0, FEATURE_BYTES, from, to, table.offset, mask, sumsOffset);
  else addRange(sums, table.width, table.weights, mask, features, from, to);
}
