import {
  GROUP_CHARS,
  GROUP_DENSE,
  GROUP_WORDS,
  type LinearModel,
} from '../../src/triage/linear.ts';
import type { Lexicon } from '../../src/triage/lexicon.ts';
import { withStackedInputs } from './complaint.ts';
import { featurize, subset, type SparseDataset } from './dataset.ts';
import { macroF1 } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { seededShuffle } from './random.ts';
import { trainSoftmax } from './softmax-regression.ts';
import { readSocialIntents, readSuggestions, SOCIAL_INTENTS } from './social-intent-data.ts';

/**
 * socialIntent: complaint, question, praise, idea or other, per social-intents/GUIDELINES.md.
 * Multinomial logistic regression on the shared features plus stacked class probabilities of
 * other models (sentiment; optionally the Bitext intent model), fitted on the labelled brand posts and SemEval-2019's forum suggestions (as
 * `idea`, down-weighted: the rare class needs them, the domain differs).
 */
export interface SocialIntentSettings {
  bits: number;
  l2: number;
  iterations: number;
  groups: number;
  /** Weight of each forum suggestion, relative to a brand post. */
  suggestionWeight: number;
  /** How far class weights go towards balance: 0 none, 1 every class counts the same. */
  balance: number;
}

export const SOCIAL_INTENT_SETTINGS: SocialIntentSettings = {
  bits: 18,
  l2: 1e-4,
  iterations: 150,
  groups: GROUP_WORDS | GROUP_CHARS | GROUP_DENSE,
  suggestionWeight: 0.2,
  balance: 0.5,
};

export interface SocialIntentData {
  /** Brand posts first (`posts` rows), then the forum suggestions. */
  data: SparseDataset;
  posts: number;
}

export function socialIntentData(
  lexicon: Lexicon,
  inputs: readonly LinearModel[],
): SocialIntentData {
  const posts = readSocialIntents();
  const suggestions = readSuggestions().filter((s) => s.suggestion);
  const idea = SOCIAL_INTENTS.indexOf('idea');
  const data = featurize(
    [...posts.map((p) => p.text), ...suggestions.map((s) => s.text)],
    [...posts.map((p) => SOCIAL_INTENTS.indexOf(p.intent)), ...suggestions.map(() => idea)],
    lexicon,
  );
  return { data: withStackedInputs(data, inputs), posts: posts.length };
}

function weigh(data: SparseDataset, posts: number, settings: SocialIntentSettings): void {
  const k = SOCIAL_INTENTS.length;
  const counts = new Float64Array(k);
  for (let i = 0; i < posts; i++) counts[data.labels[i] ?? 0]! += 1;
  for (let i = 0; i < data.rows; i++) {
    const label = data.labels[i] ?? 0;
    const balanced = posts / (k * Math.max(counts[label] ?? 1, 1));
    const classWeight = balanced ** settings.balance;
    data.weights[i] = classWeight * (i < posts ? 1 : settings.suggestionWeight);
  }
}

export function fitSocialIntent(
  all: SocialIntentData,
  rows: readonly number[],
  settings: SocialIntentSettings,
  log: (m: string) => void = () => {},
): LinearModel {
  const posts = rows.filter((r) => r < all.posts).length;
  const data = subset(all.data, rows);
  weigh(data, posts, settings);
  return trainSoftmax(data, {
    bits: settings.bits,
    classes: SOCIAL_INTENTS.length,
    l2: settings.l2,
    iterations: settings.iterations,
    groups: settings.groups,
    log,
  });
}

/** Seeded folds stratified by class: each class shuffled and dealt round-robin. */
export function stratifiedMulticlassFolds(
  labels: ArrayLike<number>,
  folds: number,
  seed: number,
): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  const classes = new Set(Array.from(labels));
  for (const label of classes) {
    const members = Array.from(labels, (l, i) => (l === label ? i : -1)).filter((i) => i >= 0);
    seededShuffle(members, seed + label).forEach((row, k) => (fold[row] = k % folds));
  }
  return fold;
}

export interface CrossValidation {
  accuracy: number;
  macroF1: number;
  /** Out-of-fold class probabilities of the brand posts, row-major. */
  probabilities: Float64Array;
  labels: Uint16Array;
}

/** 5-fold CV over the brand posts (stratified, seeded); suggestions join every training fold. */
export function crossValidateSocialIntent(
  all: SocialIntentData,
  settings: SocialIntentSettings,
  offsets?: readonly number[],
  log: (m: string) => void = () => {},
): CrossValidation {
  const k = SOCIAL_INTENTS.length;
  const labels = all.data.labels.slice(0, all.posts);
  const fold = stratifiedMulticlassFolds(labels, 5, 2024);
  const extra = Array.from({ length: all.data.rows - all.posts }, (_, i) => all.posts + i);
  const probabilities = new Float64Array(all.posts * k);
  for (let f = 0; f < 5; f++) {
    const train = [...fold.flatMap((g, i) => (g === f ? [] : [i])), ...extra];
    const test = fold.flatMap((g, i) => (g === f ? [i] : []));
    const model = fitSocialIntent(all, train, settings);
    const p = predictProbabilities(model, subset(all.data, test));
    test.forEach((row, i) => probabilities.set(p.subarray(i * k, i * k + k), row * k));
    log(`  socialIntent fold ${f + 1}/5`);
  }
  const predicted = decide(probabilities, k, offsets);
  let hits = 0;
  for (let i = 0; i < all.posts; i++) if (predicted[i] === labels[i]) hits++;
  return {
    accuracy: hits / all.posts,
    macroF1: macroF1(labels, predicted, k),
    probabilities,
    labels,
  };
}
