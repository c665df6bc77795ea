import type { Lexicon } from '../../src/triage/lexicon.ts';
import {
  createLinearModel,
  GROUP_DENSE,
  GROUP_WORDS,
  type LinearModel,
} from '../../src/triage/linear.ts';
import { balanceClasses, concatRows, featurize, type SparseDataset } from './dataset.ts';
import {
  MODELS_DIR,
  readSemeval,
  SEMEVAL_REPORT_FILE,
  SEMEVAL_TRAIN_FILES,
  SEMEVAL_TUNE_FILE,
} from './data.ts';
import type { PmiLexicon } from './pmi-features.ts';
import { foldExtraScale, outOfFoldPmi, standardizeExtras, withPmiInputs } from './pmi-inputs.ts';
import { applyScale, foldScale, nbScale } from './nb-scale.ts';
import { writeModel } from './save-model.ts';
import { readSocialIntents } from './social-intent-data.ts';
import { withCues } from './social-intent.ts';
import { trainSoftmax } from './softmax-regression.ts';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'];
const BITS = 18;
const L2 = 3e-5; // best of 1e-5, 3e-5, 1e-4, 3e-4, 1e-3 on the tune split
const ITERATIONS = 100;
// Character n-grams added nothing on the tune split (53.48 with, 53.49 without) and cost 5x the time.
const GROUPS = GROUP_WORDS | GROUP_DENSE;

/** How the brand-directed posts of social-intents join SemEval in the shipped model. */
export interface SentimentSettings {
  /** Weight of a brand post relative to a SemEval tweet, after each set is class-balanced. */
  brandWeight: number;
  /** Weight of a SemEval tweet (after balancing). */
  semevalWeight: number;
  /** Share of the one-vs-rest NBSVM models in the logits (0: the softmax alone). */
  oneVsRest: number;
  l2: number;
}

/**
 * The shipped model: SemEval only. The candidate of models/sentiment.md's fourth round (brand
 * posts ×3, one-vs-rest blend 0.5) reads brand posts better but costs complaint and socialIntent,
 * which stack its outputs, more than it gains; not shipped. With out-of-fold stacking (fifth
 * round; `stackedSentiment` in sentiment-stack.ts, used by `npm run train` whenever brandWeight
 * > 0) brand weights 1, 3 and 10 still cost socialIntent accuracy (0.3 to 0.7) and complaint F1
 * (0.05 to 0.4); not shipped either.
 */
export const SENTIMENT_SETTINGS: SentimentSettings = {
  brandWeight: 0,
  semevalWeight: 1,
  oneVsRest: 0,
  l2: L2,
};
/** Class offsets (negative, neutral, positive) added to the log-probabilities at decision time. */
export const SENTIMENT_OFFSETS = [0, 0, 0];

/** Every SemEval file except the 2016 test set, which is kept for reporting only. */
export function sentimentTrainFiles(): string[] {
  return [...SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE].filter((f) => f !== SEMEVAL_REPORT_FILE);
}

/** social-intents' brand posts with their sentiment labels, class-balanced among themselves. */
export function brandSentimentData(lexicon: Lexicon): SparseDataset {
  const posts = readSocialIntents().filter((p) => SENTIMENT_LABELS.includes(p.sentiment));
  const data = featurize(
    posts.map((p) => p.text),
    posts.map((p) => SENTIMENT_LABELS.indexOf(p.sentiment)),
    lexicon,
  );
  balanceClasses(data, 3);
  return data;
}

/**
 * The sentiment model on SemEval (balanced) plus brand posts (balanced within their own rows),
 * each set scaled by its weight; optionally blended with one-vs-rest NBSVM models (as
 * socialIntent is), their logits averaged into the same one table.
 */
export function fitBrandSentiment(
  semeval: SparseDataset,
  brand: SparseDataset,
  settings: SentimentSettings,
  log: (m: string) => void = () => {},
): LinearModel {
  const data = concatRows(
    { ...semeval, weights: semeval.weights.map((w) => w * settings.semevalWeight) },
    { ...brand, weights: brand.weights.map((w) => w * settings.brandWeight) },
  );
  const options = { bits: BITS, l2: settings.l2, iterations: ITERATIONS, groups: GROUPS, log };
  const share = settings.oneVsRest;
  const softmax = trainSoftmax(data, { ...options, classes: 3 });
  if (share === 0) return softmax;
  const ovr = createLinearModel(BITS, 3, 0, GROUPS);
  const rows = Array.from({ length: data.rows }, (_, i) => i);
  for (let c = 0; c < 3; c++) {
    const labels = Uint16Array.from(data.labels, (l) => (l === c ? 1 : 0));
    const binary = { ...data, labels };
    const scale = nbScale(binary, rows, BITS, 1, data.weights);
    const model = trainSoftmax(applyScale(binary, scale, BITS), { ...options, classes: 2 });
    foldScale(model, scale);
    for (let j = 0; j < 1 << BITS; j++)
      ovr.weights[j * 3 + c] = (model.weights[j * 2 + 1] ?? 0) - (model.weights[j * 2] ?? 0);
    ovr.bias[c] = (model.bias[1] ?? 0) - (model.bias[0] ?? 0);
  }
  for (let i = 0; i < softmax.weights.length; i++)
    softmax.weights[i] = (1 - share) * (softmax.weights[i] ?? 0) + share * (ovr.weights[i] ?? 0);
  for (let c = 0; c < 3; c++)
    softmax.bias[c] = (1 - share) * (softmax.bias[c] ?? 0) + share * (ovr.bias[c] ?? 0);
  return softmax;
}

/** A learnt PMI lexicon as extra inputs (the experiment of models/sentiment.md; not shipped). */
export interface PmiOptions {
  /** Entries need this many posts. */
  minPosts: number;
  /** Training rows scored by a lexicon from the other files, not from 4 random folds of 5. */
  foldByFile: boolean;
}

export interface SentimentModel {
  linear: LinearModel;
  /** The lexicon whose aggregates the model reads, when fitted with PmiOptions. */
  pmi?: PmiLexicon;
}

/** Hashed features of SemEval files, with the PMI inputs when a lexicon is given. */
export function semevalData(
  files: readonly string[],
  lexicon: Lexicon,
  pmi?: PmiLexicon,
): SparseDataset {
  const examples = files.flatMap(readSemeval);
  const texts = examples.map((e) => e.text);
  const data = featurize(
    texts,
    examples.map((e) => SENTIMENT_LABELS.indexOf(e.label)),
    lexicon,
  );
  return pmi === undefined ? data : withPmiInputs(data, texts, () => pmi);
}

/** Balanced multinomial logistic regression on `files`, optionally with PMI-lexicon inputs. */
export function fitSentiment(
  files: readonly string[],
  lexicon: Lexicon,
  log: (m: string) => void = () => {},
  pmiOptions?: PmiOptions,
): SentimentModel {
  const perFile = files.map(readSemeval);
  const texts = perFile.flat().map((e) => e.text);
  const labels = perFile.flat().map((e) => SENTIMENT_LABELS.indexOf(e.label));
  let data = featurize(texts, labels, lexicon);
  balanceClasses(data, 3);
  log(`sentiment: ${data.rows} tweets from ${files.length} files`);
  let pmi: PmiLexicon | undefined;
  let scale: number[] = [];
  if (pmiOptions !== undefined) {
    const fileOf = perFile.flatMap((rows, f) => rows.map(() => f));
    const { minPosts, foldByFile } = pmiOptions;
    const lexicons = outOfFoldPmi(texts, labels, minPosts, foldByFile ? fileOf : undefined);
    pmi = lexicons.full;
    ({ data, scale } = standardizeExtras(withPmiInputs(data, texts, lexicons.lexiconOf)));
  }
  const linear = trainSoftmax(data, {
    bits: BITS,
    classes: 3,
    l2: L2,
    iterations: ITERATIONS,
    groups: GROUPS,
    log,
  });
  foldExtraScale(linear, scale);
  return pmi === undefined ? { linear } : { linear, pmi };
}

/**
 * The shipped model: every SemEval file except the 2016 test set (kept for reporting only) plus
 * every labelled brand post of social-intents, per SENTIMENT_SETTINGS.
 */
export function trainSentiment(lexicon: Lexicon, log: (m: string) => void): LinearModel {
  return fitAndWrite('sentiment', SENTIMENT_SETTINGS, lexicon, log);
}

/** Fits SemEval (balanced) plus the brand posts per `settings` and writes models/NAME.*. */
function fitAndWrite(
  name: string,
  settings: SentimentSettings,
  lexicon: Lexicon,
  log: (m: string) => void,
  head: { cues: boolean; addressed?: 'first' | 'anywhere' } = { cues: false },
): LinearModel {
  const { cues, addressed } = head;
  const files = sentimentTrainFiles();
  let semeval = semevalData(files, lexicon);
  balanceClasses(semeval, 3);
  let brand = brandSentimentData(lexicon);
  if (cues) {
    semeval = withCues(
      semeval,
      files.flatMap((f) => readSemeval(f).map((e) => e.text)),
    );
    const posts = readSocialIntents().filter((p) => SENTIMENT_LABELS.includes(p.sentiment));
    brand = withCues(
      brand,
      posts.map((p) => p.text),
    );
  }
  log(`${name}: ${semeval.rows} SemEval tweets, ${brand.rows} brand posts`);
  const linear = fitBrandSentiment(semeval, brand, settings, log);
  writeModel(
    MODELS_DIR,
    {
      name,
      format: 1,
      bits: BITS,
      groups: GROUPS,
      classes: SENTIMENT_LABELS,
      extraInputs: semeval.extraInputs,
      offsets: SENTIMENT_OFFSETS,
      ...(addressed === undefined ? {} : { addressed }),
    },
    linear,
  );
  return linear;
}

/**
 * The brand-directed head (models/sentiment.md, sixth round): SemEval plus every labelled brand
 * post ×10, with the nine social cues (src/triage/social-cues.ts) as extra inputs. It reports
 * the sentiment of every English post (`addressed` unset; `first` or `anywhere` would limit it
 * to posts that address someone by @name), while the general model above keeps feeding
 * complaint and socialIntent, which were fitted on its outputs.
 */
export const BRAND_HEAD_SETTINGS: SentimentSettings & {
  cues: boolean;
  addressed?: 'first' | 'anywhere';
} = {
  brandWeight: 10,
  semevalWeight: 1,
  oneVsRest: 0,
  l2: L2,
  cues: true,
};

export function trainBrandSentimentHead(lexicon: Lexicon, log: (m: string) => void): void {
  const { addressed, cues, ...settings } = BRAND_HEAD_SETTINGS;
  fitAndWrite('sentiment-brand', settings, lexicon, log, { cues, addressed });
}
