import {
  createLinearModel,
  GROUP_CHARS,
  GROUP_DENSE,
  GROUP_WORDS,
  type LinearModel,
} from '../../src/triage/linear.ts';
import type { Lexicon } from '../../src/triage/lexicon.ts';
import { SOCIAL_CUES, socialCues } from '../../src/triage/social-cues.ts';
import { TokenBuffer, tokenize } from '../../src/triage/tokenize.ts';
import { withStackedInputs, type StackedInput } from './complaint.ts';
import { MODELS_DIR } from './data.ts';
import { featurize, subset, withExtraColumns, type SparseDataset } from './dataset.ts';
import { macroF1 } from './metrics.ts';
import { applyScale, foldScale, nbScale } from './nb-scale.ts';
import { decide, predictProbabilities } from './predict.ts';
import { seededShuffle } from './random.ts';
import { writeModel } from './save-model.ts';
import { trainSoftmax } from './softmax-regression.ts';
import { readSocialIntents, readSuggestions, SOCIAL_INTENTS } from './social-intent-data.ts';
import { trainSuggestionModel } from './social-intent-stack.ts';

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
  /** Weight of each copy of a post without its leading @names. */
  copyWeight: number;
  /**
   * Share of the one-vs-rest NBSVM models in the shipped logits (0: the softmax alone, 1: the
   * one-vs-rest models alone); see `fitOneVsRest`.
   */
  oneVsRest: number;
  /** Class weights of each one-vs-rest model: how far towards balanced (like `balance`). */
  oneVsRestBalance: number;
  oneVsRestL2: number;
}

export const SOCIAL_INTENT_SETTINGS: SocialIntentSettings = {
  bits: 16,
  l2: 1e-4,
  iterations: 150,
  groups: GROUP_WORDS | GROUP_CHARS | GROUP_DENSE,
  suggestionWeight: 0.05,
  balance: 0.5,
  copyWeight: 0,
  oneVsRest: 0.5,
  oneVsRestBalance: 0.5,
  oneVsRestL2: 3e-5,
};

export interface SocialIntentData {
  /** Brand posts first (`posts` rows), then their copies without leading @names, then the forum suggestions. */
  data: SparseDataset;
  posts: number;
  /** Each row's kind: 0 a brand post, 1 a copy of one, 2 a forum suggestion. */
  kind: Uint8Array;
  /** The brand post a row comes from (its fold), or -1 for a forum suggestion. */
  origin: Int32Array;
}

/**
 * Earshot hears a brand by keyword too, not only when a post starts with its @name, while the
 * labelled posts that start with @names are mostly addressed to a brand and the rest mostly
 * chatter. A copy of each addressed post without its leading @names keeps the model from
 * reading "starts with an @name" as "is not chatter".
 */
const LEADING_NAMES = /^(?:\s*@\w+[,:]?)+\s*/;

export function socialIntentData(
  lexicon: Lexicon,
  inputs: readonly StackedInput[],
  copies = true,
): SocialIntentData {
  const posts = readSocialIntents();
  const copied = copies
    ? posts.flatMap((p, i) => {
        const text = p.text.replace(LEADING_NAMES, '');
        return text !== p.text && text !== '' ? [{ ...p, text, origin: i }] : [];
      })
    : [];
  const suggestions = readSuggestions().filter((s) => s.suggestion);
  const idea = SOCIAL_INTENTS.indexOf('idea');
  const texts = [...posts, ...copied, ...suggestions].map((p) => p.text);
  const labels = [...posts, ...copied].map((p) => SOCIAL_INTENTS.indexOf(p.intent));
  const data = featurize(texts, [...labels, ...suggestions.map(() => idea)], lexicon);
  return {
    data: withCues(withStackedInputs(data, inputs), texts),
    posts: posts.length,
    kind: Uint8Array.from(texts, (_, i) => (i < posts.length ? 0 : i < labels.length ? 1 : 2)),
    origin: Int32Array.from(texts, (_, i) =>
      i < posts.length ? i : i < labels.length ? (copied[i - posts.length]?.origin ?? -1) : -1,
    ),
  };
}

/** Appends the social cues (src/triage/social-cues.ts) of each row's text after its inputs. */
export function withCues(data: SparseDataset, texts: readonly string[]): SparseDataset {
  const tokens = new TokenBuffer();
  return withExtraColumns(data, SOCIAL_CUES, (row, out) => {
    const text = texts[row] ?? '';
    tokenize(text, tokens);
    socialCues(text, tokens, out);
  });
}

export function weigh(data: SparseDataset, kind: Uint8Array, settings: SocialIntentSettings): void {
  const k = SOCIAL_INTENTS.length;
  const counts = new Float64Array(k);
  let posts = 0;
  for (let i = 0; i < data.rows; i++) {
    if (kind[i] !== 0) continue;
    counts[data.labels[i] ?? 0]! += 1;
    posts++;
  }
  const rowWeight = [1, settings.copyWeight, settings.suggestionWeight];
  for (let i = 0; i < data.rows; i++) {
    const label = data.labels[i] ?? 0;
    const balanced = posts / (k * Math.max(counts[label] ?? 1, 1));
    data.weights[i] = balanced ** settings.balance * (rowWeight[kind[i] ?? 0] ?? 0);
  }
}

export function fitSocialIntent(
  all: SocialIntentData,
  rows: readonly number[],
  settings: SocialIntentSettings,
  log: (m: string) => void = () => {},
): LinearModel {
  const share = settings.oneVsRest;
  const softmax = share < 1 ? fitSoftmax(all, rows, settings, log) : undefined;
  const ovr = share > 0 ? fitOneVsRest(all, rows, settings, log) : undefined;
  if (ovr === undefined) return softmax!;
  if (softmax === undefined) return ovr;
  // Averaging two linear models' logits is one linear model: the shipped file stays one table.
  const blend = (a: Float32Array, b: Float32Array) => {
    for (let i = 0; i < a.length; i++) a[i] = (1 - share) * (a[i] ?? 0) + share * (b[i] ?? 0);
  };
  blend(softmax.weights, ovr.weights);
  blend(softmax.bias, ovr.bias);
  blend(softmax.extraWeights, ovr.extraWeights);
  return softmax;
}

/**
 * One-vs-rest NBSVM (Wang & Manning 2012): for each class a two-class logistic regression on
 * features scaled by that class's naive-Bayes log-count ratio |log(p/q)| (how much more often a
 * bucket occurs in the class's posts than in the others'), so the L2 penalty favours telling
 * features; each class gets its own class weights. The scale folds into the weights, and the
 * five logits side by side make one five-class linear model of the shipped format.
 */
function fitOneVsRest(
  all: SocialIntentData,
  rows: readonly number[],
  settings: SocialIntentSettings,
  log: (m: string) => void,
): LinearModel {
  const k = SOCIAL_INTENTS.length;
  const bits = settings.bits;
  const kind = Uint8Array.from(rows, (r) => all.kind[r] ?? 0);
  const rowWeight = [1, settings.copyWeight, settings.suggestionWeight];
  const data = subset(all.data, rows);
  const weight = Float64Array.from(kind, (g) => rowWeight[g] ?? 0);
  const model = createLinearModel(bits, k, data.extraInputs, settings.groups);
  for (let c = 0; c < k; c++) {
    const labels = Uint16Array.from(data.labels, (l) => (l === c ? 1 : 0));
    const binary = { ...data, labels };
    const scale = nbScale(
      binary,
      rows.map((_, i) => i),
      bits,
      1,
      weight,
    );
    const scaled = applyScale(binary, scale, bits);
    let positive = 0;
    let posts = 0;
    kind.forEach((g, i) => {
      if (g !== 0) return;
      posts++;
      positive += labels[i] ?? 0;
    });
    scaled.weights = Float64Array.from(labels, (l, i) => {
      const share = l === 1 ? positive / posts : 1 - positive / posts;
      return (0.5 / share) ** settings.oneVsRestBalance * (weight[i] ?? 0);
    });
    const binaryModel = trainSoftmax(scaled, {
      bits,
      classes: 2,
      l2: settings.oneVsRestL2,
      iterations: settings.iterations,
      groups: settings.groups,
    });
    foldScale(binaryModel, scale);
    const w = binaryModel.weights;
    for (let j = 0; j < 1 << bits; j++)
      model.weights[j * k + c] = (w[j * 2 + 1] ?? 0) - (w[j * 2] ?? 0);
    model.bias[c] = (binaryModel.bias[1] ?? 0) - (binaryModel.bias[0] ?? 0);
    for (let e = 0; e < data.extraInputs; e++)
      model.extraWeights[e * k + c] =
        (binaryModel.extraWeights[e * 2 + 1] ?? 0) - (binaryModel.extraWeights[e * 2] ?? 0);
    log(`  one-vs-rest ${SOCIAL_INTENTS[c]}`);
  }
  return model;
}

function fitSoftmax(
  all: SocialIntentData,
  rows: readonly number[],
  settings: SocialIntentSettings,
  log: (m: string) => void,
): LinearModel {
  const data = subset(all.data, rows);
  weigh(
    data,
    Uint8Array.from(rows, (r) => all.kind[r] ?? 0),
    settings,
  );
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

/** 5-fold CV over the brand posts (stratified, seeded); forum suggestions join every training fold. */
export function crossValidateSocialIntent(
  all: SocialIntentData,
  settings: SocialIntentSettings,
  offsets?: readonly number[],
  log: (m: string) => void = () => {},
  /**
   * The data a fold's model is fitted on and tested with, when its stacked inputs differ by fold
   * (e.g. a sentiment model fitted without the fold's posts); the same rows as `all`.
   */
  foldData?: (fold: number) => SocialIntentData,
): CrossValidation {
  const k = SOCIAL_INTENTS.length;
  const labels = all.data.labels.slice(0, all.posts);
  const fold = stratifiedMulticlassFolds(labels, 5, 2024);
  const probabilities = new Float64Array(all.posts * k);
  const rows = Array.from({ length: all.data.rows }, (_, i) => i);
  for (let f = 0; f < 5; f++) {
    // A copy of a post stays in its post's fold: it never teaches the model its own test post.
    const inFold = (row: number) => fold[all.origin[row] ?? -1] === f;
    const train = rows.filter((row) => !inFold(row));
    const test = rows.filter((row) => inFold(row) && all.kind[row] === 0);
    const data = foldData?.(f) ?? all;
    const model = fitSocialIntent(data, train, settings);
    const p = predictProbabilities(model, subset(data.data, test));
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

/**
 * Trains the shipped pair: the suggestion detector (models/suggestion.*, on every SemEval-2019
 * forum sentence) and socialIntent (models/social-intent.*) on every brand post plus the forum
 * suggestions, stacking the sentiment and suggestion probabilities.
 */
export function trainSocialIntent(
  lexicon: Lexicon,
  sentiment: StackedInput,
  log: (m: string) => void,
): void {
  const suggestion = trainSuggestionModel(lexicon);
  writeModel(
    MODELS_DIR,
    {
      name: 'suggestion',
      groups: suggestion.groups,
      format: 1,
      bits: suggestion.bits,
      classes: ['no', 'yes'],
      extraInputs: 0,
      offsets: [0, 0],
    },
    suggestion,
  );
  log('suggestion: models/suggestion.bin');
  const all = socialIntentData(
    lexicon,
    [sentiment, suggestion],
    SOCIAL_INTENT_SETTINGS.copyWeight > 0,
  );
  const rows = Array.from({ length: all.data.rows }, (_, i) => i);
  const model = fitSocialIntent(all, rows, SOCIAL_INTENT_SETTINGS, log);
  writeModel(
    MODELS_DIR,
    {
      name: 'social-intent',
      groups: SOCIAL_INTENT_SETTINGS.groups,
      format: 1,
      bits: SOCIAL_INTENT_SETTINGS.bits,
      classes: [...SOCIAL_INTENTS],
      extraInputs: all.data.extraInputs,
      offsets: SOCIAL_INTENTS.map(() => 0),
    },
    model,
  );
}
