import type { Lexicon } from '../../src/triage/lexicon.ts';
import { GROUP_DENSE, GROUP_WORDS, type LinearModel } from '../../src/triage/linear.ts';
import { balanceClasses, featurize, type SparseDataset } from './dataset.ts';
import {
  MODELS_DIR,
  readSemeval,
  SEMEVAL_REPORT_FILE,
  SEMEVAL_TRAIN_FILES,
  SEMEVAL_TUNE_FILE,
} from './data.ts';
import type { PmiLexicon } from './pmi-features.ts';
import { foldExtraScale, outOfFoldPmi, standardizeExtras, withPmiInputs } from './pmi-inputs.ts';
import { writeModel } from './save-model.ts';
import { trainSoftmax } from './softmax-regression.ts';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'];
const BITS = 18;
const L2 = 3e-5; // best of 1e-5, 3e-5, 1e-4, 3e-4, 1e-3 on the tune split
const ITERATIONS = 100;
// Character n-grams added nothing on the tune split (53.48 with, 53.49 without) and cost 5x the time.
const GROUPS = GROUP_WORDS | GROUP_DENSE;

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

/** Every SemEval file except the 2016 test set, which is kept for reporting only. */
export function trainSentiment(lexicon: Lexicon, log: (m: string) => void): LinearModel {
  const files = [...SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE].filter(
    (f) => f !== SEMEVAL_REPORT_FILE,
  );
  const { linear } = fitSentiment(files, lexicon, log);
  writeModel(
    MODELS_DIR,
    {
      name: 'sentiment',
      format: 1,
      bits: BITS,
      groups: GROUPS,
      classes: SENTIMENT_LABELS,
      extraInputs: 0,
      offsets: [0, 0, 0],
    },
    linear,
  );
  return linear;
}
