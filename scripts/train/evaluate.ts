/**
 * Prints every figure of the shipped triage models (`npm run eval`):
 * sentiment on the 2016 SemEval test set (never trained or tuned on),
 * complaint F1 in seeded stratified 5-fold cross-validation, intent
 * accuracy on Bitext's validation file and the social intents in 5-fold
 * cross-validation, the language gate's effect, size and speed.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  loadTriageModels,
  predictIntent,
  predictSentiment,
} from '../../src/triage/models.ts';
import { complaintData, complaintF1, crossValidate } from './complaint.ts';
import { dataDir, MODELS_DIR, readSemeval, SEMEVAL_REPORT_FILE } from './data.ts';
import { crossValidateSocial } from './intent.ts';
import { readBitext } from './intent-data.ts';
import { readLexicon } from './lexicon-export.ts';
import { accuracy, macroRecall } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { SENTIMENT_LABELS, semevalData } from './sentiment.ts';
import { readSocialIntents } from './social-intent-data.ts';
import { featurize } from './dataset.ts';

const pct = (x: number): string => (100 * x).toFixed(2);
const log = (message: string): void => console.log(message);
dataDir();
const models = loadTriageModels(MODELS_DIR);
const lexicon = readLexicon();

const test = readSemeval(SEMEVAL_REPORT_FILE);
const gold = test.map((e) => SENTIMENT_LABELS.indexOf(e.label));
const shipped = test.map((e) => SENTIMENT_LABELS.indexOf(predictSentiment(models, e.text).label));
const raw = decide(
  predictProbabilities(models.sentiment.linear, semevalData([SEMEVAL_REPORT_FILE], lexicon)),
  3,
  models.sentiment.metadata.offsets,
);
const recalls = SENTIMENT_LABELS.map((_, c) => {
  const members = gold.flatMap((g, i) => (g === c ? [i] : []));
  return pct(members.filter((i) => shipped[i] === c).length / members.length);
});
log(
  `sentiment  2016 test (${test.length} tweets): macro recall ${pct(macroRecall(gold, shipped, 3))} as shipped (recall neg/neu/pos ${recalls.join('/')}; the brand-directed head), ${pct(macroRecall(gold, raw, 3))} from the general model alone without the language gate`,
);
const posts = readSocialIntents();
const brandGold = posts.map((p) => SENTIMENT_LABELS.indexOf(p.sentiment));
const brandGeneral = decide(
  predictProbabilities(
    models.sentiment.linear,
    featurize(
      posts.map((p) => p.text),
      brandGold,
      lexicon,
    ),
  ),
  3,
);
log(
  `sentiment  brand posts (social-intents, ${posts.length}): general model ${pct(macroRecall(brandGold, brandGeneral, 3))} (never trained on them); the brand-directed head learnt them, its figure is cross-validated (models/sentiment.md, sixth round)`,
);

const foreign = test.filter((e) => predictSentiment(models, e.text).confidence === 0).length;
log(
  `language   2016 test tweets (English) held back as non-English: ${foreign} (${pct(foreign / test.length)} %)`,
);

const complaints = complaintData(lexicon, [models.sentiment.linear]);
const outOfFold = crossValidate(complaints, log);
log(
  `complaint  5-fold CV (stratified, seed 2019), F1 of the complaint class: ${pct(complaintF1(complaints.labels, outOfFold, models.complaint.metadata.threshold ?? 0.5))}`,
);

const validation = readBitext('Validation');
const predicted = validation.map((e) => predictIntent(models, e.text));
const intentAccuracy = accuracy(
  validation.map((e) => e.label),
  predicted.map((p) => p.intent),
);
const categoryAccuracy = accuracy(
  validation.map((e) => e.category),
  predicted.map((p) => p.category),
);
log(
  `intent     Bitext validation (${validation.length}): intent accuracy ${pct(intentAccuracy)}, category accuracy ${pct(categoryAccuracy)}`,
);
log(
  `intent     social intents, 5-fold CV accuracy: ${pct(crossValidateSocial(lexicon, () => {}))}`,
);

const bytes = readdirSync(MODELS_DIR)
  .filter((f) => !f.endsWith('.md'))
  .reduce((sum, f) => sum + statSync(join(MODELS_DIR, f)).size, 0);
log(`size       models/ (weights and lexicon): ${(bytes / 1024 / 1024).toFixed(2)} MB`);

const texts = test.map((e) => e.text);
for (const text of texts.slice(0, 2000)) analyze(models, text);
const started = performance.now();
for (const text of texts) analyze(models, text);
const seconds = (performance.now() - started) / 1000;
log(
  `speed      analyze() on ${texts.length} tweets, one thread: ${Math.round(texts.length / seconds)} texts/s (bench/ has the real benchmark)`,
);
