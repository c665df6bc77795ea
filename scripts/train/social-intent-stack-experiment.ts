/**
 * socialIntent with more stacked inputs (a suggestion detector, out-of-fold complaint) and
 * per-class offsets chosen by nested cross-validation:
 * `node scripts/train/social-intent-stack-experiment.ts [NAME-PREFIX]`.
 * Figures (2026-12-07, before the social cues, accuracy / macro-F1): complaint + suggestion
 * inputs 76.1 / 59.7 (nested offsets 75.9 / 57.9); suggestion only 76.5 / 60.2 (nested offsets
 * 76.2 / 59.4). The shipped recipe and its figure: social-intent-cv.ts, models/social-intent.md.
 */
import { readModel } from '../../src/triage/model-file.ts';
import { withStackedInputs } from './complaint.ts';
import { featurize, withExtraColumns } from './dataset.ts';
import { MODELS_DIR } from './data.ts';
import { f1, macroF1 } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { readLexicon } from './lexicon-export.ts';
import { readSuggestions, SOCIAL_INTENTS } from './social-intent-data.ts';
import {
  decideWithNestedOffsets,
  outOfFoldComplaint,
  trainSuggestionModel,
} from './social-intent-stack.ts';
import {
  crossValidateSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  stratifiedMulticlassFolds,
  type SocialIntentSettings,
} from './social-intent.ts';

const k = SOCIAL_INTENTS.length;
const lexicon = readLexicon();
const sentiment = readModel(MODELS_DIR, 'sentiment').linear;
const complaint = readModel(MODELS_DIR, 'complaint').linear;
const started = Date.now();
const suggestion = trainSuggestionModel(lexicon);
console.log(`suggestion model trained in ${((Date.now() - started) / 1000).toFixed(0)} s`);
const base = socialIntentData(lexicon, [sentiment, suggestion]);
const postLabels = base.data.labels.slice(0, base.posts);
const fold = stratifiedMulticlassFolds(postLabels, 5, 2024);
const oof = outOfFoldComplaint(lexicon, sentiment, fold, 5);
const ideaTexts = readSuggestions()
  .filter((s) => s.suggestion)
  .map((s) => s.text);
const ideaRows = withStackedInputs(
  featurize(
    ideaTexts,
    ideaTexts.map(() => 0),
    lexicon,
  ),
  [sentiment],
);
const ideaComplaint = predictProbabilities(complaint, ideaRows).filter((_, i) => i % 2 === 1);
const column = [...oof, ...ideaComplaint];
const withComplaint = {
  ...base,
  data: withExtraColumns(base.data, 1, (row, out) => {
    out[0] = column[row] ?? 0;
  }),
};
console.log(`inputs ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const pct = (x: number): string => (100 * x).toFixed(1);
const variants: Array<[string, typeof base, Partial<SocialIntentSettings>]> = [
  ['complaint+suggestion', withComplaint, { suggestionWeight: 0.05 }],
  ['suggestion only', base, { suggestionWeight: 0.05 }],
  ['complaint+suggestion, no forum rows', withComplaint, { suggestionWeight: 0 }],
  ['complaint+suggestion, balance 0.75', withComplaint, { suggestionWeight: 0.05, balance: 0.75 }],
];
const only = process.argv[2];
for (const [name, data, change] of variants) {
  if (only !== undefined && !name.startsWith(only)) continue;
  const t = Date.now();
  const cv = crossValidateSocialIntent(data, { ...SOCIAL_INTENT_SETTINGS, ...change });
  for (const [how, predicted] of [
    ['argmax', decide(cv.probabilities, k)],
    ['nested offsets', decideWithNestedOffsets(cv.probabilities, cv.labels, fold, 5, k)],
  ] as const) {
    let hits = 0;
    predicted.forEach((p, i) => (hits += p === cv.labels[i] ? 1 : 0));
    const perClass = SOCIAL_INTENTS.map((c, i) => `${c} ${pct(f1(cv.labels, predicted, i))}`);
    console.log(
      `${name} [${how}]: accuracy ${pct(hits / cv.labels.length)}  macro-F1 ${pct(macroF1(cv.labels, predicted, k))}  (${((Date.now() - t) / 1000).toFixed(0)} s)  F1: ${perClass.join(', ')}`,
    );
  }
}
