/**
 * The third-round complaint rows of models/complaint.md, rerunnable:
 * `node scripts/train/complaint-experiment.ts [seed...]`. F1 of the shipped
 * complaint setup in 5-fold cross-validation over several fold seeds, with
 * and without the SemEval PMI lexicon's aggregates (pmi-features.ts,
 * learnt from the sentiment training tweets only, so no complaint post
 * informs it) as further inputs. Nothing is written.
 */
import { join } from 'node:path';
import { complaintData, complaintF1, crossValidate } from './complaint.ts';
import type { SparseDataset } from './dataset.ts';
import {
  dataDir,
  MODELS_DIR,
  readCsvObjects,
  readSemeval,
  SEMEVAL_TRAIN_FILES,
  SEMEVAL_TUNE_FILE,
} from './data.ts';
import { readLexicon } from './lexicon-export.ts';
import { outOfFoldPmi, standardizeExtras, withPmiInputs } from './pmi-inputs.ts';
import { SENTIMENT_LABELS } from './sentiment.ts';
import { readModel } from '../../src/triage/model-file.ts';

const seeds = process.argv.slice(2).map(Number);
const lexicon = readLexicon();
const shipped = complaintData(lexicon, [readModel(MODELS_DIR, 'sentiment').linear]);

const tweets = [...SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE].flatMap(readSemeval);
const pmi = outOfFoldPmi(
  tweets.map((e) => e.text),
  tweets.map((e) => SENTIMENT_LABELS.indexOf(e.label)),
  5,
).full;
const texts = readCsvObjects(join(dataDir(), 'complaints', 'complaints-train.csv')).map(
  (r) => r.text ?? '',
);
const aggregates = standardizeExtras(withPmiInputs(shipped, texts, () => pmi)).data;
const e = shipped.extraInputs;
const withPmi: SparseDataset = {
  ...shipped,
  extraInputs: e + aggregates.extraInputs,
  extra: Float64Array.from({ length: shipped.rows * (e + aggregates.extraInputs) }, (_, i) => {
    const row = Math.floor(i / (e + aggregates.extraInputs));
    const col = i % (e + aggregates.extraInputs);
    return col < e
      ? (shipped.extra[row * e + col] ?? 0)
      : (aggregates.extra[row * aggregates.extraInputs + col - e] ?? 0);
  }),
};

const pct = (x: number): string => (100 * x).toFixed(2);
for (const [name, data] of Object.entries({ shipped, 'with PMI aggregates': withPmi })) {
  const scores = (seeds.length > 0 ? seeds : [2019, 7, 11, 23, 42]).map((seed) =>
    complaintF1(
      data.labels,
      crossValidate(data, () => {}, undefined, undefined, undefined, seed),
      0.5,
    ),
  );
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  console.log(`${name}: F1 ${scores.map(pct).join(' / ')}; mean ${pct(mean)}`);
}
