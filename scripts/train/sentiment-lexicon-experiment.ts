/**
 * The lexicon experiment of models/sentiment.md (third round), rerunnable:
 * `node scripts/train/sentiment-lexicon-experiment.ts [variant...] [--report]`.
 * Fits the shipped linear setup (words + dense, L2 3e-5) on every SemEval
 * file except the tune file (2016 devtest) and the report file, with extra
 * dense inputs: AFINN-165 + emoji scores, and PMI lexicons learnt from the
 * training rows (each training row scored by a lexicon from the other folds).
 * Prints macro recall on the tune file; on the report file only with --report.
 */
import { TokenBuffer, tokenize } from '../../src/triage/tokenize.ts';
import { GROUP_DENSE, GROUP_WORDS } from '../../src/triage/linear.ts';
import { balanceClasses, featurize, type SparseDataset } from './dataset.ts';
import {
  readSemeval,
  SEMEVAL_REPORT_FILE,
  SEMEVAL_TRAIN_FILES,
  SEMEVAL_TUNE_FILE,
  type Example,
} from './data.ts';
import {
  afinnLexicon,
  DICTIONARY_FEATURES,
  dictionaryFeatures,
  foldsOf,
  NgramCounts,
  ngramKeys,
  PMI_FEATURES,
  pmiFeatures,
} from './lexicon-features.ts';
import { readLexicon } from './lexicon-export.ts';
import { macroRecall } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { SENTIMENT_LABELS } from './sentiment.ts';
import { trainSoftmax } from './softmax-regression.ts';

const args = process.argv.slice(2);
const withReport = args.includes('--report');
const minCount = Number(args.find((a) => a.startsWith('--min='))?.slice(6) ?? 3);
const l2 = Number(args.find((a) => a.startsWith('--l2='))?.slice(5) ?? 3e-5);
const variants = args.filter((a) => !a.startsWith('--'));
const FOLDS = 5;
const WIDTH = DICTIONARY_FEATURES + PMI_FEATURES;
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from }, (_, i) => from + i);
const P = DICTIONARY_FEATURES;
/** Columns of the extra matrix each variant reads. */
const COLUMNS: Record<string, number[]> = {
  base: [],
  afinn: range(0, P),
  'pmi-polarity': [...range(P, P + 5), ...range(P + 10, P + 15)],
  'pmi-unigrams': range(P, P + 10),
  pmi: range(P, P + PMI_FEATURES),
  all: range(0, WIDTH),
};

const lexicon = readLexicon();
const afinn = afinnLexicon();
const tokens = new TokenBuffer();
const labelsOf = (examples: Example[]): number[] =>
  examples.map((e) => SENTIMENT_LABELS.indexOf(e.label));
const keysOf = (examples: Example[]): ReturnType<typeof ngramKeys>[] =>
  examples.map((e) => {
    tokenize(e.text, tokens);
    return ngramKeys(tokens);
  });

const trainExamples = SEMEVAL_TRAIN_FILES.flatMap(readSemeval);
const trainLabels = labelsOf(trainExamples);
const trainKeys = keysOf(trainExamples);
const fold = foldsOf(trainExamples.length, FOLDS, 2017);
const full = { unigrams: new NgramCounts(), bigrams: new NgramCounts() };
const perFold = range(0, FOLDS).map(() => ({
  unigrams: new NgramCounts(),
  bigrams: new NgramCounts(),
}));
trainKeys.forEach((keys, row) => {
  const label = trainLabels[row] ?? 1;
  for (const counts of [full, perFold[fold[row] ?? 0]]) {
    counts?.unigrams.add(keys.unigrams, label);
    counts?.bigrams.add(keys.bigrams, label);
  }
});

/** Dictionary and PMI features of every example; training rows use out-of-fold lexicons. */
function extraMatrix(examples: Example[], keys: ReturnType<typeof ngramKeys>[], oof: boolean) {
  const out = new Float64Array(examples.length * WIDTH);
  const row = new Float64Array(WIDTH);
  examples.forEach((e, i) => {
    tokenize(e.text, tokens);
    dictionaryFeatures(tokens, afinn, row.subarray(0, P));
    const minus = oof ? perFold[fold[i] ?? 0] : undefined;
    pmiFeatures(keys[i] ?? { unigrams: [], bigrams: [] }, full, minus, minCount, row.subarray(P));
    out.set(row, i * WIDTH);
  });
  return out;
}

function dataset(examples: Example[], oof: boolean) {
  const data = featurize(
    examples.map((e) => e.text),
    labelsOf(examples),
    lexicon,
  );
  return { data, extra: extraMatrix(examples, oof ? trainKeys : keysOf(examples), oof) };
}

const train = dataset(trainExamples, true);
balanceClasses(train.data, 3);
const sets = { tune: dataset(readSemeval(SEMEVAL_TUNE_FILE), false) };
const report = withReport ? dataset(readSemeval(SEMEVAL_REPORT_FILE), false) : undefined;

// Each column scaled by its standard deviation on the training rows.
const scale = range(0, WIDTH).map((c) => {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < train.data.rows; i++) {
    const v = train.extra[i * WIDTH + c] ?? 0;
    sum += v;
    squares += v * v;
  }
  const mean = sum / train.data.rows;
  return 1 / Math.sqrt(Math.max(squares / train.data.rows - mean * mean, 1e-9));
});

function withColumns(set: { data: SparseDataset; extra: Float64Array }, columns: number[]) {
  const extra = new Float64Array(set.data.rows * columns.length);
  for (let i = 0; i < set.data.rows; i++)
    columns.forEach((c, j) => {
      extra[i * columns.length + j] = (set.extra[i * WIDTH + c] ?? 0) * (scale[c] ?? 1);
    });
  return { ...set.data, extraInputs: columns.length, extra };
}

const pct = (x: number): string => (100 * x).toFixed(2);
for (const variant of variants.length > 0 ? variants : ['base', 'afinn', 'pmi', 'all']) {
  const columns = COLUMNS[variant];
  if (columns === undefined) throw new Error(`unknown variant ${variant}`);
  const started = performance.now();
  const model = trainSoftmax(withColumns(train, columns), {
    bits: 18,
    classes: 3,
    l2,
    iterations: 100,
    groups: GROUP_WORDS | GROUP_DENSE,
  });
  const score = (set: { data: SparseDataset; extra: Float64Array }): string => {
    const data = withColumns(set, columns);
    return pct(macroRecall(data.labels, decide(predictProbabilities(model, data), 3), 3));
  };
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const reported = report === undefined ? '' : `, 2016 test ${score(report)}`;
  console.log(
    `${variant} (min ${minCount}, L2 ${l2}): tune ${score(sets.tune)}${reported} [${seconds} s]`,
  );
}
