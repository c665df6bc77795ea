/**
 * Out-of-fold stacking of a sentiment model that learns from the brand posts (models/sentiment.md,
 * fifth round): `node scripts/train/sentiment-stack-experiment.ts [brandWeight=W] [oneVsRest=S]
 * [nested=1]`. complaint and socialIntent read the sentiment probabilities and are trained on the
 * same 2,294 posts, so they are fitted on what sentiment models fitted without each post's fold
 * say of it (as the shipped models would be), not on what a model that learnt the post says.
 *
 * Cross-validated on each card's own folds (complaint: seed 2019; socialIntent: seed 2024): a
 * fold's test posts read a sentiment model fitted without them. Training posts read, by default,
 * the sentiment model fitted without their own fold (5 fits per card; that model did see the test
 * fold's sentiment labels, a second-order leak); with `nested=1` also a model fitted without both
 * their fold and the test fold (10 more fits per card), fully nested. Prints both, plus the
 * out-of-fold brand-post macro recall and the 2016 test figure of socialIntent's five fold models.
 * Nothing is written.
 */
import type { LinearModel } from '../../src/triage/linear.ts';
import { complaintData, complaintF1, crossValidate, stratifiedFolds } from './complaint.ts';
import { SEMEVAL_REPORT_FILE } from './data.ts';
import { balanceClasses, subset, type SparseDataset } from './dataset.ts';
import { readLexicon } from './lexicon-export.ts';
import { macroRecall } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import {
  brandSentimentData,
  fitBrandSentiment,
  SENTIMENT_SETTINGS,
  semevalData,
  sentimentTrainFiles,
  type SentimentSettings,
} from './sentiment.ts';
import { trainSuggestionModel } from './social-intent-stack.ts';
import {
  crossValidateSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  stratifiedMulticlassFolds,
} from './social-intent.ts';

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key = '', value = ''] = arg.split('=');
    return [key, Number(value)];
  }),
);
const nested = args.nested === 1;
delete args.nested;
const settings: SentimentSettings = { ...SENTIMENT_SETTINGS, brandWeight: 3, ...args };
const started = Date.now();
const log = (m: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${m}`);

const lexicon = readLexicon();
const semeval = semevalData(sentimentTrainFiles(), lexicon);
balanceClasses(semeval, 3);
const brand = brandSentimentData(lexicon);
const report = semevalData([SEMEVAL_REPORT_FILE], lexicon);
const complaintRows = complaintData(lexicon, []);
const suggestion = trainSuggestionModel(lexicon);
const intentRows = socialIntentData(lexicon, [], false);
const posts = brand.rows;
if (complaintRows.rows !== posts || intentRows.posts !== posts) throw new Error('sets differ');
const partitions = {
  complaint: stratifiedFolds(complaintRows.labels, 5, 2019),
  intent: stratifiedMulticlassFolds(intentRows.data.labels.subarray(0, posts), 5, 2024),
};
type Partition = keyof typeof partitions;

interface Predictions {
  complaint: Float64Array;
  intent: Float64Array;
  report: Float64Array | undefined;
}
const cache = new Map<string, Predictions>();
/** What a sentiment model fitted without the posts of `held` folds (of `partition`) says. */
function without(partition: Partition, held: number[]): Predictions {
  const key = `${partition}:${[...held].sort().join(',')}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const fold = partitions[partition];
  const rows = Array.from({ length: posts }, (_, i) => i).filter((i) => !held.includes(fold[i]!));
  const model: LinearModel = fitBrandSentiment(semeval, subset(brand, rows), settings);
  const made = {
    complaint: predictProbabilities(model, complaintRows),
    intent: predictProbabilities(model, intentRows.data),
    report: held.length === 1 ? predictProbabilities(model, report) : undefined,
  };
  cache.set(key, made);
  log(`sentiment without ${key}`);
  return made;
}

/** Sentiment inputs of `rows` rows for outer fold `f`: test posts and other rows read the model without f. */
function inputs(
  partition: Partition,
  f: number,
  which: 'complaint' | 'intent',
  rows: number,
  full: boolean,
): Float64Array {
  const fold = partitions[partition];
  const out = new Float64Array(rows * 3);
  for (let i = 0; i < rows; i++) {
    const g = i < posts ? fold[i]! : f;
    const held = g === f ? [f] : full ? [f, g] : [g];
    out.set(without(partition, held)[which].subarray(i * 3, i * 3 + 3), i * 3);
  }
  return out;
}

function complaintCv(full: boolean): number {
  const fold = partitions.complaint;
  const probabilities = crossValidate(
    complaintRows,
    () => {},
    undefined,
    undefined,
    undefined,
    undefined,
    (test): SparseDataset => {
      const f = fold[test[0]!]!;
      return complaintData(lexicon, [
        { classes: 3, probabilities: inputs('complaint', f, 'complaint', posts, full) },
      ]);
    },
  );
  return complaintF1(complaintRows.labels, probabilities, 0.5);
}

function intentCv(full: boolean): string {
  const rows = intentRows.data.rows;
  const cv = crossValidateSocialIntent(
    intentRows,
    SOCIAL_INTENT_SETTINGS,
    undefined,
    undefined,
    (f) =>
      socialIntentData(
        lexicon,
        [{ classes: 3, probabilities: inputs('intent', f, 'intent', rows, full) }, suggestion],
        false,
      ),
  );
  return `${(100 * cv.accuracy).toFixed(1)} % / ${(100 * cv.macroF1).toFixed(1)}`;
}

const name = `brandWeight=${settings.brandWeight} oneVsRest=${settings.oneVsRest}`;
// Brand-post sentiment out of fold, and the 2016 test figure, from socialIntent's fold models.
const outOfFold = new Float64Array(posts * 3);
const reportRecall: number[] = [];
for (let f = 0; f < 5; f++) {
  const made = without('intent', [f]);
  for (let i = 0; i < posts; i++)
    if (partitions.intent[i] === f) outOfFold.set(made.intent.subarray(i * 3, i * 3 + 3), i * 3);
  reportRecall.push(macroRecall(report.labels, decide(made.report!, 3), 3));
}
const pct = (x: number): string => (100 * x).toFixed(2);
const brandRecall = macroRecall(brand.labels, decide(outOfFold, 3), 3);
const reportMean = reportRecall.reduce((a, b) => a + b, 0) / 5;
log(`${name}: brand posts CV ${pct(brandRecall)}, 2016 test mean of folds ${pct(reportMean)}`);
log(`${name}, out-of-fold stacking: socialIntent ${intentCv(false)}`);
log(`${name}, out-of-fold stacking: complaint F1 ${pct(complaintCv(false))}`);
if (nested) {
  log(`${name}, nested: socialIntent ${intentCv(true)}`);
  log(`${name}, nested: complaint F1 ${pct(complaintCv(true))}`);
}
