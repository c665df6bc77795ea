/**
 * More socialIntent approaches, each on the same 5 stratified folds as social-intent-cv.ts:
 * `node scripts/train/social-intent-more-experiment.ts [NAME-PREFIX...]`.
 * Out-of-fold probabilities of each variant go to /tmp/social-intent-oof-NAME.bin, so that
 * ensembles can be scored without retraining.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { LinearModel } from '../../src/triage/linear.ts';
import { readModel } from '../../src/triage/model-file.ts';
import { MODELS_DIR } from './data.ts';
import { featurize, subset, type SparseDataset } from './dataset.ts';
import { join } from 'node:path';
import { dataDir, parseCsv, readSemeval, SEMEVAL_TRAIN_FILES } from './data.ts';
import { readBitext } from './intent-data.ts';
import { seededShuffle } from './random.ts';
import { withStackedInputs } from './complaint.ts';
import { f1, macroF1 } from './metrics.ts';
import { applyScale } from './nb-scale.ts';
import { DENSE_HASHES } from '../../src/triage/features.ts';
import { trainSoftmax } from './softmax-regression.ts';
import { decide, predictProbabilities } from './predict.ts';
import { readLexicon } from './lexicon-export.ts';
import { readSocialIntents, SOCIAL_INTENTS } from './social-intent-data.ts';
import { trainSuggestionModel } from './social-intent-stack.ts';
import {
  fitSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  withCues,
  stratifiedMulticlassFolds,
  type SocialIntentData,
  type SocialIntentSettings,
} from './social-intent.ts';

const k = SOCIAL_INTENTS.length;
const lexicon = readLexicon();
const sentiment = readModel(MODELS_DIR, 'sentiment').linear;
const inputModels = [sentiment, trainSuggestionModel(lexicon)];
const base = socialIntentData(lexicon, inputModels, false);
const labels = base.data.labels.slice(0, base.posts);
const fold = stratifiedMulticlassFolds(labels, 5, 2024);
const texts = readSocialIntents().map((p) => p.text);
const pct = (x: number): string => (100 * x).toFixed(1);

/** A way of fitting on some rows and giving class probabilities for others. */
type Fitter = (all: SocialIntentData, train: number[], test: number[]) => Float64Array;

const plain =
  (change: Partial<SocialIntentSettings> = {}): Fitter =>
  (all, train, test) =>
    predictProbabilities(
      fitSocialIntent(all, train, { ...SOCIAL_INTENT_SETTINGS, ...change }),
      subset(all.data, test),
    );

function crossValidate(all: SocialIntentData, fitter: Fitter): Float64Array {
  const out = new Float64Array(all.posts * k);
  const rows = Array.from({ length: all.data.rows }, (_, i) => i);
  for (let f = 0; f < 5; f++) {
    const inFold = (row: number) => fold[all.origin[row] ?? -1] === f;
    const train = rows.filter((row) => !inFold(row));
    const test = rows.filter((row) => inFold(row) && all.kind[row] === 0);
    const p = fitter(all, train, test);
    test.forEach((row, i) => out.set(p.subarray(i * k, i * k + k), row * k));
  }
  return out;
}

function report(name: string, p: Float64Array, started = Date.now()): void {
  const predicted = decide(p, k);
  let hits = 0;
  predicted.forEach((c, i) => (hits += c === labels[i] ? 1 : 0));
  const perClass = SOCIAL_INTENTS.map((c, i) => `${c} ${pct(f1(labels, predicted, i))}`);
  console.log(
    `${name}: accuracy ${pct(hits / labels.length)}  macro-F1 ${pct(macroF1(labels, predicted, k))}  (${((Date.now() - started) / 1000).toFixed(0)} s)  F1: ${perClass.join(', ')}`,
  );
}

function confusion(p: Float64Array): void {
  const predicted = decide(p, k);
  console.log(`gold \\ predicted  ${SOCIAL_INTENTS.map((c) => c.padStart(9)).join('')}`);
  for (let g = 0; g < k; g++) {
    const row = new Array<number>(k).fill(0);
    labels.forEach((l, i) => {
      if (l === g) row[predicted[i] ?? 0]!++;
    });
    console.log(
      `${SOCIAL_INTENTS[g]!.padEnd(17)} ${row.map((n) => String(n).padStart(9)).join('')}`,
    );
  }
}

const oofFile = (name: string) => `/tmp/social-intent-oof-${name.replace(/\W+/g, '-')}.bin`;
function saved(name: string): Float64Array | undefined {
  const file = oofFile(name);
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8).slice();
}

/** Per-bucket, per-class presence counts of the word and character features, weighted rows. */
function classCounts(
  data: SparseDataset,
  rows: readonly number[],
  weight: (row: number) => number,
  bits: number,
): { counts: Float64Array[]; totals: Float64Array } {
  const size = 1 << bits;
  const mask = size - 1;
  const counts = Array.from({ length: k }, () => new Float64Array(size));
  const totals = new Float64Array(k);
  for (const row of rows) {
    const c = data.labels[row] ?? 0;
    const w = weight(row);
    const counted = counts[c]!;
    for (let j = data.rowStart[row] ?? 0; j < (data.rowStart[row + 1] ?? 0); j++) {
      if (data.group[j] === 2) continue;
      counted[(data.index[j] ?? 0) & mask]! += w;
      totals[c]! += w;
    }
  }
  return { counts, totals };
}

const rowWeight = (all: SocialIntentData) => (row: number) =>
  all.kind[row] === 2 ? SOCIAL_INTENT_SETTINGS.suggestionWeight : 1;

/**
 * One scale per bucket for all classes: how far the classes' smoothed log frequencies of the
 * bucket spread (`how`: the largest one-vs-rest |log ratio|, or their standard deviation).
 */
function multiclassScale(
  all: SocialIntentData,
  train: readonly number[],
  how: 'max' | 'std',
  alpha: number,
  power: number,
): Float32Array {
  const bits = SOCIAL_INTENT_SETTINGS.bits;
  const size = 1 << bits;
  const { counts, totals } = classCounts(all.data, train, rowWeight(all), bits);
  const all_ = totals.reduce((a, b) => a + b, 0);
  const scale = new Float32Array(size);
  const logs = new Float64Array(k);
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += counts[c]![i]!;
    let best = 0;
    let mean = 0;
    for (let c = 0; c < k; c++) {
      const inside = (counts[c]![i]! + alpha) / (totals[c]! + alpha * size);
      const outside = (sum - counts[c]![i]! + alpha) / (all_ - totals[c]! + alpha * size);
      best = Math.max(best, Math.abs(Math.log(inside / outside)));
      logs[c] = Math.log(inside);
      mean += logs[c]! / k;
    }
    let variance = 0;
    for (let c = 0; c < k; c++) variance += (logs[c]! - mean) ** 2 / k;
    scale[i] = (how === 'max' ? best : Math.sqrt(variance)) ** power;
  }
  for (const hash of DENSE_HASHES) scale[hash & (size - 1)] = 1;
  return scale;
}

const nbScaled =
  (
    how: 'max' | 'std',
    alpha: number,
    power: number,
    change: Partial<SocialIntentSettings> = {},
  ): Fitter =>
  (all, train, test) => {
    const scale = multiclassScale(all, train, how, alpha, power);
    const scaled = { ...all, data: applyScale(all.data, scale, SOCIAL_INTENT_SETTINGS.bits) };
    return plain(change)(scaled, train, test);
  };

/**
 * One-vs-rest NBSVM (Wang & Manning 2012): for each class a two-class logistic regression on
 * features scaled by that class's |log-count ratio|, class weights balanced `balance` of the way;
 * the five logits side by side make one five-class linear model (softmax over them).
 */
interface ClassSettings {
  balance: number;
  l2: number;
  suggestionWeight: number;
}
const oneVsRest =
  (
    alpha: number,
    balance: number,
    l2: number,
    nb = true,
    perClass: Array<Partial<ClassSettings>> = [],
  ): Fitter =>
  (all, train, test) => {
    const bits = SOCIAL_INTENT_SETTINGS.bits;
    const size = 1 << bits;
    const { counts, totals } = nb
      ? classCounts(all.data, train, rowWeight(all), bits)
      : { counts: [], totals: new Float64Array(k) };
    const all_ = totals.reduce((a, b) => a + b, 0);
    const logits = new Float64Array(test.length * k);
    for (let c = 0; c < k; c++) {
      const scale = new Float32Array(size).fill(1);
      if (nb) {
        for (let i = 0; i < size; i++) {
          let sum = 0;
          for (let d = 0; d < k; d++) sum += counts[d]![i]!;
          const inside = (counts[c]![i]! + alpha) / (totals[c]! + alpha * size);
          const outside = (sum - counts[c]![i]! + alpha) / (all_ - totals[c]! + alpha * size);
          scale[i] = Math.abs(Math.log(inside / outside));
        }
        for (const hash of DENSE_HASHES) scale[hash & (size - 1)] = 1;
      }
      const binary: SparseDataset = {
        ...applyScale(all.data, scale, bits),
        labels: Uint16Array.from(all.data.labels, (l) => (l === c ? 1 : 0)),
      };
      const sub = subset(binary, train);
      let positive = 0;
      let posts = 0;
      train.forEach((row, i) => {
        if (all.kind[row] !== 0) return;
        posts++;
        if (sub.labels[i] === 1) positive++;
      });
      const own: ClassSettings = {
        balance,
        l2,
        suggestionWeight: SOCIAL_INTENT_SETTINGS.suggestionWeight,
        ...perClass[c],
      };
      train.forEach((row, i) => {
        const share = sub.labels[i] === 1 ? positive / posts : 1 - positive / posts;
        const kind = all.kind[row] ?? 0;
        const w = kind === 0 ? 1 : kind === 2 ? own.suggestionWeight : PSEUDO_WEIGHT.value;
        sub.weights[i] = (0.5 / share) ** own.balance * w;
      });
      const model = trainSoftmax(sub, {
        bits,
        classes: 2,
        l2: own.l2,
        iterations: SOCIAL_INTENT_SETTINGS.iterations,
        groups: SOCIAL_INTENT_SETTINGS.groups,
      });
      const p = predictProbabilities(model, subset(binary, test));
      test.forEach((_, i) => {
        const q = Math.min(Math.max(p[i * 2 + 1] ?? 0, 1e-9), 1 - 1e-9);
        logits[i * k + c] = Math.log(q / (1 - q));
      });
    }
    for (let i = 0; i < test.length; i++) softmaxRow(logits, i * k);
    return logits;
  };

function softmaxRow(p: Float64Array, o: number): void {
  let top = -Infinity;
  for (let c = 0; c < k; c++) top = Math.max(top, p[o + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    p[o + c] = Math.exp(p[o + c]! - top);
    sum += p[o + c]!;
  }
  for (let c = 0; c < k; c++) p[o + c]! /= sum;
}

const PSEUDO_WEIGHT = { value: 0 };

/** Rows of unlabelled texts after the base rows (kind 3, label 0, in every training fold). */
function withUnlabelled(all: SocialIntentData, extra: readonly string[]): SocialIntentData {
  const rows = withCues(
    withStackedInputs(
      featurize(
        extra,
        extra.map(() => 0),
        lexicon,
      ),
      inputModels,
    ),
    extra,
  );
  const a = all.data;
  const nnz = a.index.length;
  const rowStart = new Uint32Array(a.rows + rows.rows + 1);
  rowStart.set(a.rowStart);
  for (let i = 1; i <= rows.rows; i++) rowStart[a.rows + i] = nnz + (rows.rowStart[i] ?? 0);
  const cat = <T extends { set(a: ArrayLike<number>, offset?: number): void }>(
    make: new (n: number) => T,
    x: ArrayLike<number>,
    y: ArrayLike<number>,
  ): T => {
    const out = new make(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    posts: all.posts,
    kind: cat(Uint8Array, all.kind, new Uint8Array(rows.rows).fill(3)),
    origin: cat(Int32Array, all.origin, new Int32Array(rows.rows).fill(-1)),
    data: {
      rows: a.rows + rows.rows,
      rowStart,
      index: cat(Uint32Array, a.index, rows.index),
      value: cat(Float32Array, a.value, rows.value),
      group: cat(Uint8Array, a.group, rows.group),
      labels: cat(Uint16Array, a.labels, rows.labels),
      weights: cat(Float64Array, a.weights, rows.weights),
      extraInputs: a.extraInputs,
      extra: cat(Float64Array, a.extra, rows.extra),
    },
  };
}

/**
 * Self-training: a model fitted on the fold's labelled rows labels the unlabelled rows; those it
 * is at least `threshold` sure of join the training rows at `weight` (as kind 1, the copy weight),
 * and `then` fits the final model.
 */
const selfTrained =
  (threshold: number, weight: number, then: Fitter, classes?: readonly number[]): Fitter =>
  (all, train, test) => {
    const labelled = train.filter((row) => all.kind[row] !== 3);
    const pool = train.filter((row) => all.kind[row] === 3);
    const p = plain()(all, labelled, pool);
    const labels = all.data.labels.slice();
    const kind = all.kind.slice();
    const chosen = new Array<number>(k).fill(0);
    pool.forEach((row, i) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + best]!) best = c;
      if (p[i * k + best]! >= threshold && (classes === undefined || classes.includes(best))) {
        labels[row] = best;
        kind[row] = 1;
        chosen[best]!++;
      }
    });
    if (process.env.VERBOSE) console.log(`  pseudo-labelled: ${chosen.join(' ')}`);
    const next = { ...all, kind, data: { ...all.data, labels } };
    PSEUDO_WEIGHT.value = weight;
    return then(
      next,
      train.filter((row) => kind[row] !== 3),
      test,
    );
  };

const semevalSample = (n: number): string[] =>
  seededShuffle(
    SEMEVAL_TRAIN_FILES.flatMap((f) => readSemeval(f).map((e) => e.text)),
    7,
  ).slice(0, n);
const bitextSample = (n: number): string[] =>
  seededShuffle(
    readBitext('Training').map((e) => e.text),
    7,
  ).slice(0, n);
const twcsCustomerPosts = (): string[] =>
  parseCsv(readFileSync(join(dataDir(), 'twcs-sample', 'sample.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r[2] === 'True')
    .map((r) => r[4] ?? '');

const variants: Array<[string, () => Float64Array]> = [
  ['baseline', () => crossValidate(base, plain())],
  ['nb max a1', () => crossValidate(base, nbScaled('max', 1, 1))],
  ['nb max a0.5 p0.5', () => crossValidate(base, nbScaled('max', 0.5, 0.5))],
  ['nb std a1', () => crossValidate(base, nbScaled('std', 1, 1))],
  ['ovr nb a1 b0.5', () => crossValidate(base, oneVsRest(1, 0.5, 1e-4))],
  ['ovr plain b0.5', () => crossValidate(base, oneVsRest(1, 0.5, 1e-4, false))],
  ['ovr nb b0.3', () => crossValidate(base, oneVsRest(1, 0.3, 1e-4))],
  ['ovr nb b0.7', () => crossValidate(base, oneVsRest(1, 0.7, 1e-4))],
  ['ovr nb l2 3e-5', () => crossValidate(base, oneVsRest(1, 0.5, 3e-5))],
  ['ovr nb l2 3e-4', () => crossValidate(base, oneVsRest(1, 0.5, 3e-4))],
  [
    'ovr nb idea-only forum 0.2',
    () =>
      crossValidate(
        base,
        oneVsRest(1, 0.5, 1e-4, true, [
          { suggestionWeight: 0 },
          { suggestionWeight: 0 },
          { suggestionWeight: 0 },
          { suggestionWeight: 0.2 },
          { suggestionWeight: 0 },
        ]),
      ),
  ],
  [
    'ovr nb idea forum 0.2',
    () =>
      crossValidate(
        base,
        oneVsRest(1, 0.5, 1e-4, true, [{}, {}, {}, { suggestionWeight: 0.2 }, {}]),
      ),
  ],
  [
    'self twcs',
    () =>
      crossValidate(
        withUnlabelled(base, twcsCustomerPosts()),
        selfTrained(0.8, 1, plain({ copyWeight: 1 })),
      ),
  ],
  [
    'self bitext 0.9 w0.2',
    () =>
      crossValidate(
        withUnlabelled(base, bitextSample(2000)),
        selfTrained(0.9, 0.2, plain({ copyWeight: 0.2 })),
      ),
  ],
  [
    'self semeval 0.9 w0.2',
    () =>
      crossValidate(
        withUnlabelled(base, semevalSample(5000)),
        selfTrained(0.9, 0.2, plain({ copyWeight: 0.2 })),
      ),
  ],
];

const only = process.argv.slice(2);
for (const [name, run] of variants) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  const started = Date.now();
  const p = run();
  writeFileSync(oofFile(name), new Uint8Array(p.buffer));
  report(name, p, started);
  if (process.env.CONFUSION) confusion(p);
  if (process.env.ERRORS) {
    const predicted = decide(p, k);
    labels.forEach((l, i) => {
      if (predicted[i] !== l)
        console.log(`${SOCIAL_INTENTS[l]}→${SOCIAL_INTENTS[predicted[i] ?? 0]}\t${texts[i]}`);
    });
  }
}
void saved;
export type { LinearModel, SparseDataset };
