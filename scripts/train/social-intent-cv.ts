/**
 * The shipped socialIntent recipe, cross-validated: `node scripts/train/social-intent-cv.ts`.
 * Sentiment and suggestion probabilities plus the social cues as inputs, forum suggestions at
 * SOCIAL_INTENT_SETTINGS.suggestionWeight; 5 stratified folds over the brand posts.
 */
import { readModel } from '../../src/triage/model-file.ts';
import { MODELS_DIR } from './data.ts';
import { f1 } from './metrics.ts';
import { decide } from './predict.ts';
import { readLexicon } from './lexicon-export.ts';
import { SOCIAL_INTENTS } from './social-intent-data.ts';
import { trainSuggestionModel } from './social-intent-stack.ts';
import {
  crossValidateSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  type SocialIntentSettings,
} from './social-intent.ts';

const lexicon = readLexicon();
const sentiment = readModel(MODELS_DIR, 'sentiment').linear;
// Optional overrides for trying settings, e.g. `copyWeight=1 balance=0.75`.
const change = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key = '', value = ''] = arg.split('=');
    return [key, Number(value)];
  }),
) as Partial<SocialIntentSettings>;
const settings = { ...SOCIAL_INTENT_SETTINGS, ...change };
const all = socialIntentData(
  lexicon,
  [sentiment, trainSuggestionModel(lexicon)],
  settings.copyWeight > 0,
);
const cv = crossValidateSocialIntent(all, settings);
const predicted = decide(cv.probabilities, SOCIAL_INTENTS.length);
const pct = (x: number): string => (100 * x).toFixed(1);
const perClass = SOCIAL_INTENTS.map((c, i) => `${c} ${pct(f1(cv.labels, predicted, i))}`);
console.log(
  `${process.argv.slice(2).join(' ') || 'default'}: accuracy ${pct(cv.accuracy)}  macro-F1 ${pct(cv.macroF1)}  F1: ${perClass.join(', ')}`,
);
