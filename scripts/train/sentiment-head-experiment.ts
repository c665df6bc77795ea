/**
 * A brand-directed sentiment head (models/sentiment.md, sixth round), rerunnable:
 * `node scripts/train/sentiment-head-experiment.ts [brandWeight=W] [oneVsRest=S] [l2=L]`.
 * The shipped (general) sentiment model stays as it is and keeps feeding complaint and
 * socialIntent; a second model, fitted on SemEval plus brand posts ×W, gives the reported
 * sentiment of a post that addresses someone by @name. Same folds as socialIntent's card
 * (stratified by intent, seed 2024): each fold's head is fitted without its test posts.
 * Prints brand-post macro recall and the 2016 test macro recall (mean of the five fold heads)
 * for three routes: the head on every post, on posts with an @name anywhere, on posts that
 * start with an @name. Nothing is written.
 */
import { readModel } from '../../src/triage/model-file.ts';
import { addressesSomeone } from '../../src/triage/social-cues.ts';
import { TokenBuffer, tokenize } from '../../src/triage/tokenize.ts';
import { balanceClasses, subset, type SparseDataset } from './dataset.ts';
import { MODELS_DIR, readSemeval, SEMEVAL_REPORT_FILE } from './data.ts';
import { readLexicon } from './lexicon-export.ts';
import { macroRecall } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import {
  brandSentimentData,
  fitBrandSentiment,
  semevalData,
  sentimentTrainFiles,
  type SentimentSettings,
} from './sentiment.ts';
import { readSocialIntents, SOCIAL_INTENTS } from './social-intent-data.ts';
import { stratifiedMulticlassFolds, withCues } from './social-intent.ts';

// `cues=1`: the nine social cues (src/triage/social-cues.ts) as extra inputs of the head.
const cues = process.argv.includes('cues=1');
const change = Object.fromEntries(
  process.argv.slice(2).flatMap((arg) => {
    if (arg.startsWith('cues=')) return [];
    const [key = '', value = ''] = arg.split('=');
    return [[key, Number(value)]];
  }),
) as Partial<SentimentSettings>;
const settings: SentimentSettings = {
  brandWeight: 10,
  semevalWeight: 1,
  oneVsRest: 0,
  l2: 3e-5,
  ...change,
};
const lexicon = readLexicon();
const general = readModel(MODELS_DIR, 'sentiment').linear;
const posts = readSocialIntents();
const brandTexts = posts.map((p) => p.text);
const reportTexts = readSemeval(SEMEVAL_REPORT_FILE).map((e) => e.text);
const trainTexts = sentimentTrainFiles().flatMap((f) => readSemeval(f).map((e) => e.text));
const withCuesIf = (data: SparseDataset, texts: string[]) => (cues ? withCues(data, texts) : data);
const semevalPlain = semevalData(sentimentTrainFiles(), lexicon);
balanceClasses(semevalPlain, 3);
const semeval = withCuesIf(semevalPlain, trainTexts);
const brandPlain = brandSentimentData(lexicon);
const brand = withCuesIf(brandPlain, brandTexts);
const reportPlain = semevalData([SEMEVAL_REPORT_FILE], lexicon);
const report = withCuesIf(reportPlain, reportTexts);
const intents = posts.map((p) => SOCIAL_INTENTS.indexOf(p.intent));
const fold = stratifiedMulticlassFolds(intents, 5, 2024);

type Route = (text: string) => boolean;
const tokens = new TokenBuffer();
const routes: Record<string, Route> = {
  everywhere: () => true,
  'any @name': (text) => {
    tokenize(text, tokens);
    return addressesSomeone(tokens, 'anywhere');
  },
  'leading @name': (text) => {
    tokenize(text, tokens);
    return addressesSomeone(tokens, 'first');
  },
};

const generalBrand = predictProbabilities(general, brandPlain);
const generalReport = predictProbabilities(general, reportPlain);
const headBrand = new Float64Array(brand.rows * 3);
const headReport: Float64Array[] = [];
for (let f = 0; f < 5; f++) {
  const train = intents.flatMap((_, i) => (fold[i] !== f ? [i] : []));
  const test = intents.flatMap((_, i) => (fold[i] === f ? [i] : []));
  const model = fitBrandSentiment(semeval, subset(brand, train), settings);
  const p = predictProbabilities(model, subset(brand, test));
  test.forEach((row, i) => headBrand.set(p.subarray(i * 3, i * 3 + 3), row * 3));
  headReport.push(predictProbabilities(model, report));
}

/** Head probabilities where the route says so, the general model's elsewhere. */
function routed(texts: string[], route: Route, head: Float64Array, base: Float64Array) {
  const out = base.slice();
  texts.forEach((text, i) => {
    if (route(text)) out.set(head.subarray(i * 3, i * 3 + 3), i * 3);
  });
  return out;
}
const pct = (x: number): string => (100 * x).toFixed(2);
console.log(
  `general model: brand ${pct(macroRecall(brand.labels, decide(generalBrand, 3), 3))}, 2016 test ${pct(macroRecall(report.labels, decide(generalReport, 3), 3))}`,
);
for (const [name, route] of Object.entries(routes)) {
  const b = macroRecall(
    brand.labels,
    decide(routed(brandTexts, route, headBrand, generalBrand), 3),
    3,
  );
  const r = headReport.map((head) =>
    macroRecall(report.labels, decide(routed(reportTexts, route, head, generalReport), 3), 3),
  );
  console.log(
    `${process.argv.slice(2).join(' ') || 'brandWeight=10'} head ${name}: brand CV ${pct(b)}, 2016 test ${pct(r.reduce((a, x) => a + x, 0) / r.length)}`,
  );
}
