/**
 * Chooses socialIntent's settings by 5-fold cross-validation on the brand posts:
 * `node scripts/train/social-intent-experiment.ts [NAME-PREFIX]`. No model is shipped yet.
 * Figures (2026-12-06, accuracy / macro-F1, goal 80 / 65): default 74.6 / 57.5; no
 * suggestions 77.4 / 56.1; suggestions 0.05 76.0 / 57.9; 0.5 72.9 / 56.2; balance 0 76.3 /
 * 57.2; balance 1 68.5 / 54.8; l2 3e-4 72.8 / 56.1; l2 3e-5 75.3 / 57.5; no chars 71.3 / 54.9;
 * the intent model's probabilities stacked as inputs 74.5 / 56.4 (with suggestions 0.05: 75.5 / 56.3).
 * Per class, suggestions 0.05: complaint F1 77.8, question 63.7, praise 53.7, idea 11.9, other 82.2:
 * the 29 brand-post ideas are the gap.
 */
import { GROUP_DENSE, GROUP_WORDS } from '../../src/triage/linear.ts';
import { readModel } from '../../src/triage/model-file.ts';
import { MODELS_DIR } from './data.ts';
import { f1 } from './metrics.ts';
import { decide } from './predict.ts';
import { readLexicon } from './lexicon-export.ts';
import { SOCIAL_INTENTS } from './social-intent-data.ts';
import {
  crossValidateSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  type SocialIntentSettings,
} from './social-intent.ts';

const lexicon = readLexicon();
const sentiment = readModel(MODELS_DIR, 'sentiment').linear;
const intent = readModel(MODELS_DIR, 'intent').linear;
const all = socialIntentData(lexicon, [sentiment]);
const withIntent = socialIntentData(lexicon, [sentiment, intent]);
const pct = (x: number): string => (100 * x).toFixed(1);
const variants: Array<[string, Partial<SocialIntentSettings>]> = [
  ['default', {}],
  ['intent inputs', {}],
  ['intent inputs, suggestions 0.05', { suggestionWeight: 0.05 }],
  ['no suggestions', { suggestionWeight: 0 }],
  ['suggestions 0.05', { suggestionWeight: 0.05 }],
  ['suggestions 0.5', { suggestionWeight: 0.5 }],
  ['balance 0', { balance: 0 }],
  ['balance 1', { balance: 1 }],
  ['l2 3e-4', { l2: 3e-4 }],
  ['l2 3e-5', { l2: 3e-5 }],
  ['no chars', { groups: GROUP_WORDS | GROUP_DENSE }],
];
const only = process.argv[2];
for (const [name, change] of variants) {
  if (only !== undefined && !name.startsWith(only)) continue;
  const started = Date.now();
  const data = name.startsWith('intent inputs') ? withIntent : all;
  const cv = crossValidateSocialIntent(data, { ...SOCIAL_INTENT_SETTINGS, ...change });
  const predicted = decide(cv.probabilities, SOCIAL_INTENTS.length);
  const perClass = SOCIAL_INTENTS.map((c, i) => `${c} ${pct(f1(cv.labels, predicted, i))}`);
  console.log(
    `${name.padEnd(20)} accuracy ${pct(cv.accuracy)}  macro-F1 ${pct(cv.macroF1)}  (${((Date.now() - started) / 1000).toFixed(0)} s)  F1: ${perClass.join(', ')}`,
  );
}
