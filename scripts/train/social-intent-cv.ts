/**
 * The shipped socialIntent recipe, cross-validated: `node scripts/train/social-intent-cv.ts`.
 * Sentiment and suggestion probabilities plus the social cues as inputs, forum suggestions at
 * SOCIAL_INTENT_SETTINGS.suggestionWeight; 5 stratified folds over the brand posts.
 */
import type { Lexicon } from '../../src/triage/lexicon.ts';
import { readModel } from '../../src/triage/model-file.ts';
import { balanceClasses, subset } from './dataset.ts';
import { MODELS_DIR } from './data.ts';
import { f1 } from './metrics.ts';
import { decide } from './predict.ts';
import { readLexicon } from './lexicon-export.ts';
import {
  brandSentimentData,
  fitBrandSentiment,
  SENTIMENT_SETTINGS,
  semevalData,
  sentimentTrainFiles,
} from './sentiment.ts';
import { SOCIAL_INTENTS } from './social-intent-data.ts';
import { trainSuggestionModel } from './social-intent-stack.ts';
import {
  crossValidateSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  stratifiedMulticlassFolds,
  type SocialIntentData,
  type SocialIntentSettings,
} from './social-intent.ts';

const lexicon = readLexicon();
const sentiment = readModel(MODELS_DIR, 'sentiment').linear;
// Optional overrides for trying settings, e.g. `copyWeight=1 balance=0.75`.
const change = Object.fromEntries(
  process.argv.slice(2).flatMap((arg) => {
    if (arg.startsWith('sentimentFolds=')) return [];
    const [key = '', value = ''] = arg.split('=');
    return [[key, Number(value)]];
  }),
) as Partial<SocialIntentSettings>;
const settings = { ...SOCIAL_INTENT_SETTINGS, ...change };
const suggestion = trainSuggestionModel(lexicon);
const all = socialIntentData(lexicon, [sentiment, suggestion], settings.copyWeight > 0);

/** Per fold (socialIntent's folds), the data stacking a sentiment model that never saw the fold. */
function sentimentFoldData(
  lexicon: Lexicon,
  labels: Uint16Array,
): (fold: number) => SocialIntentData {
  const semeval = semevalData(sentimentTrainFiles(), lexicon);
  balanceClasses(semeval, 3);
  const brand = brandSentimentData(lexicon);
  const posts = all.posts;
  if (brand.rows !== posts) throw new Error('sentiment labels missing on some posts');
  const fold = stratifiedMulticlassFolds(labels.subarray(0, posts), 5, 2024);
  return (f) => {
    const rows = Array.from({ length: posts }, (_, i) => i).filter((i) => fold[i] !== f);
    const model = fitBrandSentiment(semeval, subset(brand, rows), SENTIMENT_SETTINGS);
    return socialIntentData(lexicon, [model, suggestion], settings.copyWeight > 0);
  };
}
// `sentimentFolds=1`: each fold stacks a sentiment model fitted (per SENTIMENT_SETTINGS) without
// that fold's posts, as the shipped sentiment model now learns from these posts too.
const sentimentFolds = process.argv.includes('sentimentFolds=1');
const foldData = sentimentFolds ? sentimentFoldData(lexicon, all.data.labels) : undefined;
const cv = crossValidateSocialIntent(all, settings, undefined, undefined, foldData);
const predicted = decide(cv.probabilities, SOCIAL_INTENTS.length);
const pct = (x: number): string => (100 * x).toFixed(1);
const perClass = SOCIAL_INTENTS.map((c, i) => `${c} ${pct(f1(cv.labels, predicted, i))}`);
console.log(
  `${process.argv.slice(2).join(' ') || 'default'}: accuracy ${pct(cv.accuracy)}  macro-F1 ${pct(cv.macroF1)}  F1: ${perClass.join(', ')}`,
);
