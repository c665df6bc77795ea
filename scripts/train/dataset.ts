import { FeatureBuffer, extractFeatures } from '../../src/triage/features.ts';
import type { Lexicon } from '../../src/triage/lexicon.ts';
import { TokenBuffer, tokenize } from '../../src/triage/tokenize.ts';

/** Rows of hashed features in compressed sparse row form, with labels and sample weights. */
export interface SparseDataset {
  rows: number;
  rowStart: Uint32Array;
  index: Uint32Array;
  value: Float32Array;
  /** Feature group of each entry: 0 words, 1 character n-grams, 2 dense. */
  group: Uint8Array;
  labels: Uint16Array;
  weights: Float64Array;
  extraInputs: number;
  extra: Float64Array;
}

export function featurize(
  texts: readonly string[],
  labels: readonly number[],
  lexicon: Lexicon,
): SparseDataset {
  const tokens = new TokenBuffer();
  const features = new FeatureBuffer();
  const rowStart = new Uint32Array(texts.length + 1);
  let index = new Uint32Array(texts.length * 400);
  let value = new Float32Array(texts.length * 400);
  let group = new Uint8Array(texts.length * 400);
  let nnz = 0;
  texts.forEach((text, row) => {
    tokenize(text, tokens);
    extractFeatures(tokens, lexicon, features);
    if (nnz + features.count > index.length) {
      const grown = Math.max(index.length * 2, nnz + features.count);
      const nextIndex = new Uint32Array(grown);
      nextIndex.set(index);
      index = nextIndex;
      const nextValue = new Float32Array(grown);
      nextValue.set(value);
      value = nextValue;
      const nextGroup = new Uint8Array(grown);
      nextGroup.set(group);
      group = nextGroup;
    }
    group.fill(0, nnz, nnz + features.wordEnd);
    group.fill(1, nnz + features.wordEnd, nnz + features.charEnd);
    group.fill(2, nnz + features.charEnd, nnz + features.count);
    index.set(features.index.subarray(0, features.count), nnz);
    value.set(features.value.subarray(0, features.count), nnz);
    nnz += features.count;
    rowStart[row + 1] = nnz;
  });
  return {
    rows: texts.length,
    rowStart,
    index: index.slice(0, nnz),
    value: value.slice(0, nnz),
    group: group.slice(0, nnz),
    labels: Uint16Array.from(labels),
    weights: new Float64Array(texts.length).fill(1),
    extraInputs: 0,
    extra: new Float64Array(0),
  };
}

/** Weights so that each class counts the same in the loss. */
export function balanceClasses(data: SparseDataset, classes: number): void {
  const counts = new Float64Array(classes);
  for (const label of data.labels) counts[label] = (counts[label] ?? 0) + 1;
  for (let i = 0; i < data.rows; i++) {
    const label = data.labels[i] ?? 0;
    data.weights[i] = data.rows / (classes * (counts[label] ?? 1));
  }
}

export function subset(data: SparseDataset, rows: readonly number[]): SparseDataset {
  const rowStart = new Uint32Array(rows.length + 1);
  let nnz = 0;
  for (const r of rows) nnz += (data.rowStart[r + 1] ?? 0) - (data.rowStart[r] ?? 0);
  const index = new Uint32Array(nnz);
  const value = new Float32Array(nnz);
  const group = new Uint8Array(nnz);
  const e = data.extraInputs;
  const extra = new Float64Array(rows.length * e);
  let at = 0;
  rows.forEach((r, i) => {
    const from = data.rowStart[r] ?? 0;
    const to = data.rowStart[r + 1] ?? 0;
    index.set(data.index.subarray(from, to), at);
    value.set(data.value.subarray(from, to), at);
    group.set(data.group.subarray(from, to), at);
    at += to - from;
    rowStart[i + 1] = at;
    extra.set(data.extra.subarray(r * e, r * e + e), i * e);
  });
  return {
    rows: rows.length,
    rowStart,
    index,
    value,
    group,
    labels: Uint16Array.from(rows, (r) => data.labels[r] ?? 0),
    weights: Float64Array.from(rows, (r) => data.weights[r] ?? 1),
    extraInputs: e,
    extra,
  };
}

/** Keeps only the entries of the given feature groups (bit mask of GROUP_* from linear.ts). */
export function selectGroups(data: SparseDataset, groups: number): SparseDataset {
  const keep = (j: number): boolean => ((1 << (data.group[j] ?? 0)) & groups) !== 0;
  const rowStart = new Uint32Array(data.rows + 1);
  let nnz = 0;
  for (let j = 0; j < data.index.length; j++) if (keep(j)) nnz++;
  const index = new Uint32Array(nnz);
  const value = new Float32Array(nnz);
  const group = new Uint8Array(nnz);
  let at = 0;
  for (let row = 0; row < data.rows; row++) {
    for (let j = data.rowStart[row] ?? 0; j < (data.rowStart[row + 1] ?? 0); j++) {
      if (!keep(j)) continue;
      index[at] = data.index[j] ?? 0;
      value[at] = data.value[j] ?? 0;
      group[at] = data.group[j] ?? 0;
      at++;
    }
    rowStart[row + 1] = at;
  }
  return { ...data, rowStart, index, value, group };
}

/**
 * The dataset with `count` more dense extra inputs per row, after the ones it has: `fill` writes
 * row `row`'s new inputs into `out` (zeros on entry).
 */
export function withExtraColumns(
  data: SparseDataset,
  count: number,
  fill: (row: number, out: Float64Array) => void,
): SparseDataset {
  const before = data.extraInputs;
  const width = before + count;
  const extra = new Float64Array(data.rows * width);
  const added = new Float64Array(count);
  for (let row = 0; row < data.rows; row++) {
    extra.set(data.extra.subarray(row * before, (row + 1) * before), row * width);
    added.fill(0);
    fill(row, added);
    extra.set(added, row * width + before);
  }
  return { ...data, extraInputs: width, extra };
}

/** The rows of `a` then the rows of `b` (same extra inputs), labels and weights kept. */
export function concatRows(a: SparseDataset, b: SparseDataset): SparseDataset {
  if (a.extraInputs !== b.extraInputs) throw new Error('concatRows: extra inputs differ');
  const nnz = a.index.length;
  const rowStart = new Uint32Array(a.rows + b.rows + 1);
  rowStart.set(a.rowStart);
  for (let i = 1; i <= b.rows; i++) rowStart[a.rows + i] = nnz + (b.rowStart[i] ?? 0);
  const join = <T extends Uint32Array | Float32Array | Uint8Array | Uint16Array | Float64Array>(
    x: T,
    y: T,
    make: (n: number) => T,
  ): T => {
    const out = make(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    rows: a.rows + b.rows,
    rowStart,
    index: join(a.index, b.index, (n) => new Uint32Array(n)),
    value: join(a.value, b.value, (n) => new Float32Array(n)),
    group: join(a.group, b.group, (n) => new Uint8Array(n)),
    labels: join(a.labels, b.labels, (n) => new Uint16Array(n)),
    weights: join(a.weights, b.weights, (n) => new Float64Array(n)),
    extraInputs: a.extraInputs,
    extra: join(a.extra, b.extra, (n) => new Float64Array(n)),
  };
}
