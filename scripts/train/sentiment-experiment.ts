/**
 * The hidden-layer experiment of models/sentiment.md, rerunnable:
 * `node scripts/train/sentiment-experiment.ts`. Fits a balanced linear model
 * and a one-hidden-layer model on every SemEval file except the tune file
 * (2016 devtest) and the report file (2016 test), and prints macro recall of
 * each and of their average (mean logits) on both. Nothing is written.
 */
import { GROUP_DENSE, GROUP_WORDS } from '../../src/triage/linear.ts';
import { balanceClasses } from './dataset.ts';
import { SEMEVAL_REPORT_FILE, SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE } from './data.ts';
import { readLexicon } from './lexicon-export.ts';
import { macroRecall } from './metrics.ts';
import { predictMlp, trainMlp } from './mlp.ts';
import { decide, predictProbabilities } from './predict.ts';
import { semevalData } from './sentiment.ts';
import { trainSoftmax } from './softmax-regression.ts';

const groups = GROUP_WORDS | GROUP_DENSE;
const lexicon = readLexicon();
const train = semevalData(SEMEVAL_TRAIN_FILES, lexicon);
balanceClasses(train, 3);
const sets = {
  tune: semevalData([SEMEVAL_TUNE_FILE], lexicon),
  report: semevalData([SEMEVAL_REPORT_FILE], lexicon),
};
const pct = (x: number): string => (100 * x).toFixed(2);
const linear = trainSoftmax(train, { bits: 18, classes: 3, l2: 3e-5, iterations: 100, groups });
const mlp = trainMlp(train, {
  bits: 15,
  hidden: 32,
  classes: 3,
  groups,
  epochs: 4,
  learningRate: 5e-4,
  inputDropout: 0.3,
  seed: 7,
});
for (const [name, data] of Object.entries(sets)) {
  const a = predictProbabilities(linear, data);
  const b = predictMlp(mlp, data);
  const mean = a.map((p, i) => Math.sqrt(p * (b[i] ?? 0)));
  const score = (p: Float64Array): string => pct(macroRecall(data.labels, decide(p, 3), 3));
  console.log(`${name}: linear ${score(a)}, hidden layer ${score(b)}, average ${score(mean)}`);
}
