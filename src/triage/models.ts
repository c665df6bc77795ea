import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOCIAL_INTENT_LABELS } from '../domain/triage-labels.ts';
import { FeatureBuffer, extractFeatures } from './features.ts';
import { decideLanguage, letterCounts, quickLanguage, type LanguageGuess } from './language.ts';
import { buildLexicon, type Lexicon } from './lexicon.ts';
import { fuseLinearModels, scoreFused, type FusedScorer } from './fused.ts';
import { GROUP_CHARS, addExtraInputs, linearScores, softmax } from './linear.ts';
import { readModel, type LoadedModel } from './model-file.ts';
import { addressesSomeone, SOCIAL_CUES, socialCues } from './social-cues.ts';
import { TokenBuffer, tokenize } from './tokenize.ts';

/**
 * Earshot's trained triage models: sentiment, complaint, intent, socialIntent.
 *
 * Load once with `loadTriageModels()` (synchronous, cached per folder) and
 * pass the result to the predict functions. `analyze()` tokenises the text
 * once and runs every model (and language detection) on the shared
 * features: prefer it when more than one prediction is needed. Every
 * function accepts any string (empty, huge, lone surrogates, emoji only)
 * and returns a result. The models are English, but for sentiment in the
 * SENTIMENT_LANGUAGES that have a model: a text confidently detected as
 * another language gets neutral, zero-confidence results instead of a
 * confident wrong one. Not safe to call from several threads at once (it
 * reuses one set of buffers), which JavaScript does not do anyway.
 */

/** Opaque loaded weights; create with `loadTriageModels`. */
export interface TriageModels {
  readonly dir: string;
  readonly lexicon: Lexicon;
  readonly sentiment: LoadedModel;
  /**
   * Sentiment of posts addressed to someone by @name (`metadata.addressed` says where), fitted
   * on brand-directed posts too; when shipped, it gives those posts' sentiment label, while
   * complaint and socialIntent keep reading the general model's probabilities.
   */
  readonly brandSentiment: LoadedModel | undefined;
  readonly complaint: LoadedModel;
  readonly intent: LoadedModel;
  /** What the author is doing (complaint, question, praise, idea, other); reads `social`. */
  readonly socialIntent: LoadedModel;
  /** Whether a sentence is a suggestion (SemEval-2019 forum data): an input of socialIntent. */
  readonly suggestion: LoadedModel;
  /** Which modelled language a post is in, from character n-grams (see language.ts). */
  readonly language: LoadedModel;
  /** Sentiment models of other languages (SENTIMENT_LANGUAGES), where one is shipped. */
  readonly sentimentByLanguage: ReadonlyMap<string, LoadedModel>;
  /**
   * The English models scored in one pass over the features (sentiment, complaint,
   * socialIntent, suggestion), and the intent model on its own (triage runs it only on
   * requests, see `AnalyzeOptions`). A model in neither is scored by `linearScores`.
   */
  readonly scorer: FusedScorer;
  readonly intentScorer: FusedScorer;
  readonly tokens: TokenBuffer;
  readonly features: FeatureBuffer;
  readonly scores: Float64Array;
  /** Inputs of the complaint model: sentiment probabilities, then (if it reads them) intent probabilities. */
  readonly stacked: Float64Array;
  /** Inputs of the socialIntent model: sentiment probabilities, then suggestion probabilities. */
  readonly social: Float64Array;
  readonly socialCues: Float64Array;
  /** Whether any model reads character n-grams, the costliest features. */
  readonly withChars: boolean;
}

export interface SentimentPrediction {
  label: 'negative' | 'neutral' | 'positive';
  /** -1 (very negative) .. 1 (very positive): P(positive) − P(negative). */
  score: number;
  /** 0..1, the probability of `label`. */
  confidence: number;
}

export interface ComplaintPrediction {
  complaint: boolean;
  probability: number;
}

export interface IntentPrediction {
  /** A Bitext intent (e.g. `cancel_order`) or `praise`, `idea`, `question`, `other`. */
  intent: string;
  /** The Bitext category (e.g. `ORDER`) or `SOCIAL` for the four social intents. */
  category: string;
  confidence: number;
}

/** What the author of a post is doing, per social-intents/GUIDELINES.md. */
export type SocialIntent = (typeof SOCIAL_INTENT_LABELS)[number];

export interface SocialIntentPrediction {
  socialIntent: SocialIntent;
  confidence: number;
}

export interface TriageAnalysis {
  language: LanguageGuess;
  /** False when the text's language has no sentiment model: then `sentiment` is a placeholder. */
  sentimentScored: boolean;
  sentiment: SentimentPrediction;
  complaint: ComplaintPrediction;
  intent: IntentPrediction;
  socialIntent: SocialIntentPrediction;
}

const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
/**
 * Languages other than English that may have a sentiment model of their own
 * (`models/sentiment-xx.{bin,json}`, trained on UMSAB's tweets). One is shipped only where it
 * reaches the goal on UMSAB's validation split; a post in any other language is not scored.
 */
export const SENTIMENT_LANGUAGES = ['es', 'fr', 'de', 'it', 'pt'] as const;
const DEFAULT_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
const cache = new Map<string, TriageModels>();

/** Loads the weights from `dir` (default: the repository's `models/`); cached per folder. */
export function loadTriageModels(dir: string = DEFAULT_DIR): TriageModels {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  const entries = JSON.parse(readFileSync(`${dir}/vader-lexicon.json`, 'utf8')) as Record<
    string,
    number
  >;
  const sentiment = readModel(dir, 'sentiment');
  const brandSentiment = existsSync(join(dir, 'sentiment-brand.json'))
    ? readModel(dir, 'sentiment-brand')
    : undefined;
  const complaint = readModel(dir, 'complaint');
  const intent = readModel(dir, 'intent');
  const socialIntent = readModel(dir, 'social-intent');
  const suggestion = readModel(dir, 'suggestion');
  const language = readModel(dir, 'language');
  const sentimentByLanguage = new Map<string, LoadedModel>();
  for (const code of SENTIMENT_LANGUAGES)
    if (existsSync(join(dir, `sentiment-${code}.json`)))
      sentimentByLanguage.set(code, readModel(dir, `sentiment-${code}`));
  if (socialIntent.linear.extraInputs !== 5 + SOCIAL_CUES)
    throw new Error(`model social-intent in ${dir} reads other inputs than this version gives`);
  if (brandSentiment !== undefined && ![0, SOCIAL_CUES].includes(brandSentiment.linear.extraInputs))
    throw new Error(`model sentiment-brand in ${dir} reads other inputs than this version gives`);
  const withChars = [sentiment, complaint, intent, socialIntent, suggestion].some(
    (m) => (m.linear.groups & GROUP_CHARS) !== 0,
  );
  const models: TriageModels = {
    dir,
    lexicon: buildLexicon(entries),
    sentiment,
    brandSentiment,
    complaint,
    intent,
    socialIntent,
    suggestion,
    language,
    sentimentByLanguage,
    withChars,
    scorer: fuseLinearModels(
      [sentiment, complaint, socialIntent, suggestion, brandSentiment].flatMap((m) =>
        m === undefined ? [] : [m.linear],
      ),
    ),
    intentScorer: fuseLinearModels([intent.linear]),
    tokens: new TokenBuffer(),
    features: new FeatureBuffer(),
    scores: new Float64Array(64),
    stacked: new Float64Array(3 + intent.linear.classes),
    social: new Float64Array(socialIntent.linear.extraInputs),
    socialCues: new Float64Array(SOCIAL_CUES),
  };
  cache.set(dir, models);
  return models;
}

/**
 * Tokenises once and returns the language; leaves the features of the text in
 * `models.features` unless the language is not English.
 */
function prepare(models: TriageModels, text: string): LanguageGuess {
  tokenize(text, models.tokens);
  const letters = letterCounts(models.tokens);
  const quick = quickLanguage(text, models.tokens, letters);
  if (quick !== undefined) {
    if (!isForeign(quick))
      extractFeatures(models.tokens, models.lexicon, models.features, models.withChars);
    else if (models.sentimentByLanguage.has(quick.language))
      extractFeatures(models.tokens, models.lexicon, models.features, true);
    return quick;
  }
  // The language model reads character n-grams; the other models skip them if they do not.
  extractFeatures(models.tokens, models.lexicon, models.features, true);
  classify(models.language, models);
  return decideLanguage(text, models.scores);
}

/** The language of `text` as triage names it (ISO 639-1, or 'und'). */
export function detectLanguage(models: TriageModels, text: string): LanguageGuess {
  return prepare(models, text);
}

/** Scores the models of `models.scorer` on the features of the text `prepare` last read. */
function scoreEnglish(models: TriageModels): void {
  scoreFused(models.scorer, models.features);
}

/**
 * Index of the best class after the model's tuned offsets; probabilities left in `scores`.
 * A model of `scorer` takes its scores from there (`scoreFused` must have run on this text).
 */
function classify(
  model: LoadedModel,
  models: TriageModels,
  extra?: Float64Array,
  scorer: FusedScorer = models.scorer,
): number {
  const k = model.linear.classes;
  const fused = scorer.models.indexOf(model.linear);
  if (fused < 0) linearScores(model.linear, models.features, models.scores, extra);
  else {
    const logits = scorer.logits[fused] ?? models.scores;
    for (let c = 0; c < k; c++) models.scores[c] = logits[c] ?? 0;
    if (extra !== undefined) addExtraInputs(model.linear, models.scores, extra);
  }
  const argmax = softmax(models.scores, k);
  const offsets = model.metadata.offsets;
  if (offsets.every((o) => o === 0)) return argmax;
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < k; c++) {
    const score = Math.log(models.scores[c] ?? 0) + (offsets[c] ?? 0);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** Also leaves the probabilities in `models.stacked`, the inputs of complaint and socialIntent. */
function sentimentOf(
  models: TriageModels,
  model: LoadedModel = models.sentiment,
): SentimentPrediction {
  const best = classify(model, models);
  const p = models.stacked;
  for (let c = 0; c < 3; c++) p[c] = models.scores[c] ?? 0;
  return sentimentLabel(best, p);
}

function sentimentLabel(best: number, p: ArrayLike<number>): SentimentPrediction {
  return {
    label: SENTIMENT_LABELS[best] ?? 'neutral',
    score: (p[2] ?? 0) - (p[0] ?? 0),
    confidence: p[best] ?? 0,
  };
}

/**
 * The sentiment to report for an English post: the brand-directed head's when one is shipped
 * (and, if its `addressed` says so, the post addresses someone by @name), else `general` (the
 * general model's, from `sentimentOf`). Needs `scoreEnglish` on the same text, and the social
 * cues of it in `models.socialCues` when `cuesReady`; leaves `models.stacked` alone.
 */
function reportedSentiment(
  models: TriageModels,
  general: SentimentPrediction,
  text: string,
  cuesReady: boolean,
): SentimentPrediction {
  const head = models.brandSentiment;
  if (head === undefined) return general;
  const addressed = head.metadata.addressed;
  if (addressed !== undefined && !addressesSomeone(models.tokens, addressed)) return general;
  if (head.linear.extraInputs === 0) return sentimentLabel(classify(head, models), models.scores);
  if (!cuesReady) socialCues(text, models.tokens, models.socialCues);
  return sentimentLabel(classify(head, models, models.socialCues), models.scores);
}

/** Needs `sentimentOf` (and `intentOf` if `readsIntent`) to have run on the same text. */
/** Whether the complaint model stacks the intent probabilities after the sentiment ones. */
const readsIntent = (models: TriageModels): boolean => models.complaint.linear.extraInputs > 3;

function complaintOf(models: TriageModels): ComplaintPrediction {
  classify(models.complaint, models, models.stacked);
  const probability = models.scores[1] ?? 0;
  return { complaint: probability >= (models.complaint.metadata.threshold ?? 0.5), probability };
}

function intentOf(models: TriageModels): IntentPrediction {
  scoreFused(models.intentScorer, models.features);
  const best = classify(models.intent, models, undefined, models.intentScorer);
  for (let c = 0; c < models.intent.linear.classes; c++)
    models.stacked[3 + c] = models.scores[c] ?? 0;
  const intent = models.intent.metadata.classes[best] ?? 'other';
  return {
    intent,
    category: models.intent.metadata.categories?.[intent] ?? 'SOCIAL',
    confidence: models.scores[best] ?? 0,
  };
}

/**
 * Needs `sentimentOf` to have run on the same text. The model's inputs: the sentiment
 * probabilities, the suggestion detector's, then the social cues.
 */
function socialIntentOf(models: TriageModels, text: string): SocialIntentPrediction {
  const social = models.social;
  for (let c = 0; c < 3; c++) social[c] = models.stacked[c] ?? 0;
  classify(models.suggestion, models);
  social[3] = models.scores[0] ?? 0;
  social[4] = models.scores[1] ?? 0;
  socialCues(text, models.tokens, models.socialCues);
  social.set(models.socialCues, 5);
  const best = classify(models.socialIntent, models, social);
  const label = models.socialIntent.metadata.classes[best];
  return {
    socialIntent: SOCIAL_INTENT_LABELS.find((s) => s === label) ?? 'other',
    confidence: models.scores[best] ?? 0,
  };
}

const isForeign = (language: LanguageGuess): boolean =>
  language.language !== 'en' && language.language !== 'und';
const NOT_ASSESSED_SENTIMENT: SentimentPrediction = { label: 'neutral', score: 0, confidence: 0 };
const NOT_ASSESSED_COMPLAINT: ComplaintPrediction = { complaint: false, probability: 0 };
const NOT_ASSESSED_INTENT: IntentPrediction = {
  intent: 'other',
  category: 'SOCIAL',
  confidence: 0,
};
const NOT_ASSESSED_SOCIAL: SocialIntentPrediction = { socialIntent: 'other', confidence: 0 };

/** The sentiment model for a detected language, if it has one (English: the main one). */
function sentimentModelFor(models: TriageModels, language: LanguageGuess): LoadedModel | undefined {
  return isForeign(language) ? models.sentimentByLanguage.get(language.language) : models.sentiment;
}

export function predictSentiment(models: TriageModels, text: string): SentimentPrediction {
  const model = sentimentModelFor(models, prepare(models, text));
  if (model === undefined) return { ...NOT_ASSESSED_SENTIMENT };
  if (model !== models.sentiment) return sentimentOf(models, model);
  scoreEnglish(models);
  return reportedSentiment(models, sentimentOf(models), text, false);
}

export function predictComplaint(models: TriageModels, text: string): ComplaintPrediction {
  if (isForeign(prepare(models, text))) return { ...NOT_ASSESSED_COMPLAINT };
  scoreEnglish(models);
  sentimentOf(models);
  if (readsIntent(models)) intentOf(models);
  return complaintOf(models);
}

export function predictSocialIntent(models: TriageModels, text: string): SocialIntentPrediction {
  if (isForeign(prepare(models, text))) return { ...NOT_ASSESSED_SOCIAL };
  scoreEnglish(models);
  sentimentOf(models);
  return socialIntentOf(models, text);
}

export function predictIntent(models: TriageModels, text: string): IntentPrediction {
  if (isForeign(prepare(models, text))) return { ...NOT_ASSESSED_INTENT };
  scoreEnglish(models);
  return intentOf(models);
}

/** Whether a post doing this asks for something, so that its Bitext intent may route it. */
export function isRequest(socialIntent: SocialIntent): boolean {
  // An idea asks for something too ("I want my money back" reads as one to the model).
  return socialIntent !== 'praise' && socialIntent !== 'other';
}

export interface AnalyzeOptions {
  /**
   * 'requests': run the intent model only when socialIntent `isRequest` (or the complaint
   * model reads its output); otherwise `intent` is the not-assessed placeholder. Triage uses
   * the Bitext intent of requests only, and the 31-class model is the costliest to score.
   */
  intent?: 'always' | 'requests';
}

/** Language and every prediction from one tokenisation pass. */
export function analyze(
  models: TriageModels,
  text: string,
  options: AnalyzeOptions = {},
): TriageAnalysis {
  const language = prepare(models, text);
  if (isForeign(language)) {
    const model = models.sentimentByLanguage.get(language.language);
    return {
      language,
      sentimentScored: model !== undefined,
      sentiment: model === undefined ? { ...NOT_ASSESSED_SENTIMENT } : sentimentOf(models, model),
      complaint: { ...NOT_ASSESSED_COMPLAINT },
      intent: { ...NOT_ASSESSED_INTENT },
      socialIntent: { ...NOT_ASSESSED_SOCIAL },
    };
  }
  scoreEnglish(models);
  const sentiment = sentimentOf(models);
  const stackedIntent = readsIntent(models) ? intentOf(models) : undefined;
  const complaint = complaintOf(models);
  const socialIntent = socialIntentOf(models, text);
  const intent =
    stackedIntent ??
    (options.intent === 'requests' && !isRequest(socialIntent.socialIntent)
      ? { ...NOT_ASSESSED_INTENT }
      : intentOf(models));
  return {
    language,
    sentimentScored: true,
    sentiment: reportedSentiment(models, sentiment, text, true),
    complaint,
    intent,
    socialIntent,
  };
}
