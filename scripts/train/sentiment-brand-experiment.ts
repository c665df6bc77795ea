/**
 * Sentiment on brand-directed posts (models/sentiment.md, fourth round), rerunnable:
 * `node scripts/train/sentiment-brand-experiment.ts [weight=W] [semeval=S] [nb=B] [l2=L]`.
 * 5-fold CV over social-intents' posts (stratified by sentiment, seed 2024): each fold's model
 * is fitted on the SemEval training files plus the other four folds' brand posts (each class
 * balanced within its own set, brand posts ×W, SemEval ×S) and never sees its own test posts.
 * Prints the out-of-fold brand-post macro recall (argmax, and with class offsets chosen for
 * each fold on the other folds' out-of-fold predictions) and the mean macro recall of the five
 * fold models on the 2016 SemEval test set. Nothing is written.
 */
import { balanceClasses, subset } from './dataset.ts';
import { SEMEVAL_REPORT_FILE } from './data.ts';
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
import { stratifiedMulticlassFolds } from './social-intent.ts';

const change = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key = '', value = ''] = arg.split('=');
    return [key, Number(value)];
  }),
) as Partial<SentimentSettings>;
const settings = { ...SENTIMENT_SETTINGS, ...change };
const lexicon = readLexicon();
const semeval = semevalData(sentimentTrainFiles(), lexicon);
balanceClasses(semeval, 3);
const brand = brandSentimentData(lexicon);
const report = semevalData([SEMEVAL_REPORT_FILE], lexicon);
const fold = stratifiedMulticlassFolds(brand.labels, 5, 2024);
const probabilities = new Float64Array(brand.rows * 3);
const reportRecall: number[] = [];
for (let f = 0; f < 5; f++) {
  const train = brand.labels.reduce<number[]>((rows, _, i) => {
    if (fold[i] !== f) rows.push(i);
    return rows;
  }, []);
  const test = brand.labels.reduce<number[]>((rows, _, i) => {
    if (fold[i] === f) rows.push(i);
    return rows;
  }, []);
  const model = fitBrandSentiment(semeval, subset(brand, train), settings);
  const p = predictProbabilities(model, subset(brand, test));
  test.forEach((row, i) => probabilities.set(p.subarray(i * 3, i * 3 + 3), row * 3));
  reportRecall.push(macroRecall(report.labels, decide(predictProbabilities(model, report), 3), 3));
}

/** Offsets (negative, positive; neutral 0) maximising macro recall on the given rows. */
function chooseOffsets(rows: readonly number[]): number[] {
  const p = new Float64Array(rows.length * 3);
  rows.forEach((r, i) => p.set(probabilities.subarray(r * 3, r * 3 + 3), i * 3));
  const gold = Uint16Array.from(rows, (r) => brand.labels[r] ?? 0);
  let best = [0, 0, 0];
  let bestScore = -1;
  for (let a = -1; a <= 1.0001; a += 0.1)
    for (let b = -1; b <= 1.0001; b += 0.1) {
      const score = macroRecall(gold, decide(p, 3, [a, 0, b]), 3);
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = [a, 0, b];
      }
    }
  return best;
}

const plain = decide(probabilities, 3);
const nested = new Uint16Array(brand.rows);
for (let f = 0; f < 5; f++) {
  const others = Array.from(brand.labels.keys()).filter((i) => fold[i] !== f);
  const offsets = chooseOffsets(others);
  const mine = Array.from(brand.labels.keys()).filter((i) => fold[i] === f);
  const p = new Float64Array(mine.length * 3);
  mine.forEach((r, i) => p.set(probabilities.subarray(r * 3, r * 3 + 3), i * 3));
  decide(p, 3, offsets).forEach((label, i) => (nested[mine[i] ?? 0] = label));
}
const pct = (x: number): string => (100 * x).toFixed(2);
const recalls = (predicted: Uint16Array): string =>
  [0, 1, 2]
    .map((c) => {
      const members = Array.from(brand.labels.keys()).filter((i) => brand.labels[i] === c);
      return pct(members.filter((i) => predicted[i] === c).length / members.length);
    })
    .join('/');
const mean = reportRecall.reduce((a, b) => a + b, 0) / reportRecall.length;
console.log(
  `${process.argv.slice(2).join(' ') || 'default'}: brand CV ${pct(macroRecall(brand.labels, plain, 3))} (neg/neu/pos ${recalls(plain)}), with nested offsets ${pct(macroRecall(brand.labels, nested, 3))} (${recalls(nested)}); 2016 test mean of folds ${pct(mean)} (${reportRecall.map(pct).join(' ')})`,
);
