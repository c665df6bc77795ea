import { computePriority } from '../domain/priority.ts';
import type { EngagementWindow } from '../domain/priority.ts';
import { INTENT_CATEGORIES } from '../domain/triage-labels.ts';
import type { LanguageGuess } from './language.ts';
import { analyze, isRequest } from './models.ts';
import type { IntentPrediction, SocialIntent, TriageAnalysis, TriageModels } from './models.ts';
import { detectSpam } from './spam.ts';
import type { RecentText } from './spam.ts';

/**
 * One mention in, every triage signal out: language, sentiment, complaint, intent,
 * spam/abuse and priority with its reasons. Pure apart from the loaded models.
 */

export interface TriageInput {
  text: string;
  authorId?: string;
  authorFollowers?: number;
  engagement?: EngagementWindow;
  /** Recent mentions on the same channel, for repeated-text spam. */
  recentTexts?: readonly RecentText[];
  /** A review's stars (1–5). */
  rating?: number;
}

export interface TriageResult {
  sentiment: 'negative' | 'neutral' | 'positive';
  /** -1..1 */
  sentimentScore: number;
  sentimentConfidence: number;
  complaint: boolean;
  complaintProbability: number;
  intent: string;
  category: string;
  intentConfidence: number;
  /** What the author is doing: complaint, question, praise, idea or other. */
  socialIntent: SocialIntent;
  socialIntentConfidence: number;
  /** ISO 639-1, or 'und' when the text is too short or mixed to tell. */
  language: string;
  spam: boolean;
  abuse: boolean;
  priority: number;
  reasons: string[];
}

const digits = 3;

/** Triage with the models; see `composeTriage` for how the signals combine. */
export function triageText(models: TriageModels, input: TriageInput): TriageResult {
  return composeTriage(input, analyze(models, input.text, { intent: 'requests' }));
}

/**
 * Whether the models labelled the text. They are English-only (but for sentiment in a few
 * languages, see `TriageAnalysis.sentimentScored`): `detectLanguage` names another language
 * only when it is confident, and then the other labels are placeholders.
 */
export function modelsAssessed(language: LanguageGuess): boolean {
  return language.language === 'en' || language.language === 'und';
}

/**
 * Combines the predictions with the rules. For text in a language the models were not
 * trained on, the labels say "don't know" — neutral, no complaint at even
 * odds, intent `other`, zero confidence — rather than a confident wrong label, and the
 * priority asks for a human read.
 */
export function composeTriage(input: TriageInput, analysis: TriageAnalysis): TriageResult {
  const spam = detectSpam(input);
  const language = analysis.language;
  const assessed = modelsAssessed(language);
  const intent = requestIntent(analysis);
  const priority = computePriority({
    ...(!assessed
      ? {
          untriagedLanguage: language.language,
          ...(analysis.sentimentScored
            ? { sentiment: analysis.sentiment.label, sentimentScore: analysis.sentiment.score }
            : {}),
        }
      : {
          sentiment: analysis.sentiment.label,
          sentimentScore: analysis.sentiment.score,
          complaintProbability: analysis.complaint.probability,
          intent: intent.intent,
          socialIntent: analysis.socialIntent.socialIntent,
        }),
    authorFollowers: input.authorFollowers,
    engagement: input.engagement,
    text: input.text,
    spam: spam.spam,
    rating: input.rating,
  });
  const reasons =
    spam.spam || spam.abuse ? [...priority.reasons, ...spam.reasons] : priority.reasons;
  return {
    ...(assessed
      ? labelsOf(analysis, intent)
      : analysis.sentimentScored
        ? { ...notAssessed, ...sentimentLabels(analysis) }
        : notAssessed),
    language: language.language,
    spam: spam.spam,
    abuse: spam.abuse,
    priority: priority.priority,
    reasons,
  };
}

// "Don't know": even odds for a complaint rather than a confident "no".
const notAssessed: Labels = {
  sentiment: 'neutral',
  sentimentScore: 0,
  sentimentConfidence: 0,
  complaint: false,
  complaintProbability: 0.5,
  intent: 'other',
  category: 'SOCIAL',
  intentConfidence: 0,
  socialIntent: 'other',
  socialIntentConfidence: 0,
};

type Labels = Omit<TriageResult, 'language' | 'spam' | 'abuse' | 'priority' | 'reasons'>;

/** How sure the intent model must be before its request (`get_refund`) names a routing category. */
export const requestIntentConfidence = 0.5;

/**
 * The Bitext intent names what a *request* is about (a refund, a delivery), for routing. It was
 * learnt from chatbot requests, so on a post that is not one (praise, a joke, chatter) or when
 * the model is unsure, it is a confident-looking guess: then the intent is what the author is
 * doing (socialIntent: `complaint`, `question`, `praise`, `idea`, `other`), with its confidence.
 */
export function requestIntent(analysis: TriageAnalysis): IntentPrediction {
  const social = analysis.socialIntent;
  const { intent } = analysis;
  if (
    isRequest(social.socialIntent) &&
    intent.category !== 'SOCIAL' &&
    intent.confidence >= requestIntentConfidence
  )
    return intent;
  return {
    intent: social.socialIntent,
    category: INTENT_CATEGORIES[social.socialIntent] ?? 'SOCIAL',
    confidence: social.confidence,
  };
}

function sentimentLabels(
  analysis: TriageAnalysis,
): Pick<Labels, 'sentiment' | 'sentimentScore' | 'sentimentConfidence'> {
  return {
    sentiment: analysis.sentiment.label,
    sentimentScore: round(analysis.sentiment.score),
    sentimentConfidence: round(analysis.sentiment.confidence),
  };
}

function labelsOf(analysis: TriageAnalysis, intent: IntentPrediction): Labels {
  return {
    ...sentimentLabels(analysis),
    complaint: analysis.complaint.complaint,
    complaintProbability: round(analysis.complaint.probability),
    intent: intent.intent,
    category: intent.category,
    intentConfidence: round(intent.confidence),
    socialIntent: analysis.socialIntent.socialIntent,
    socialIntentConfidence: round(analysis.socialIntent.confidence),
  };
}

function round(value: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
