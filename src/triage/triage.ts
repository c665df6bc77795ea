import { computePriority } from '../domain/priority.ts';
import type { EngagementWindow } from '../domain/priority.ts';
import { detectLanguage } from './language.ts';
import type { LanguageGuess } from './language.ts';
import { analyze } from './models.ts';
import type { TriageAnalysis, TriageModels } from './models.ts';
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
  /** ISO 639-1, or 'und' when the text is too short or mixed to tell. */
  language: string;
  spam: boolean;
  abuse: boolean;
  priority: number;
  reasons: string[];
}

// Below this the language guess is not trusted and the English models still run: most
// short posts to a brand ("@acme thanks!!") come back undetermined or low-confidence.
const foreignLanguageConfidence = 0.8;
const digits = 3;

/** Triage with the models; see `composeTriage` for how the signals combine. */
export function triageText(models: TriageModels, input: TriageInput): TriageResult {
  const language = detectLanguage(input.text);
  const analysis = isConfidentlyForeign(language) ? undefined : analyze(models, input.text);
  return composeTriage(input, language, analysis);
}

export function isConfidentlyForeign(language: LanguageGuess): boolean {
  return (
    language.language !== 'en' &&
    language.language !== 'und' &&
    language.confidence >= foreignLanguageConfidence
  );
}

/**
 * Combines the predictions with the rules. Without an analysis (text in a language the
 * models were not trained on) the labels say "don't know" — neutral, no complaint at even
 * odds, intent `other`, zero confidence — rather than a confident wrong label, and the
 * priority asks for a human read.
 */
export function composeTriage(
  input: TriageInput,
  language: LanguageGuess,
  analysis: TriageAnalysis | undefined,
): TriageResult {
  const spam = detectSpam(input);
  const priority = computePriority({
    ...(analysis === undefined
      ? { untriagedLanguage: language.language }
      : {
          sentiment: analysis.sentiment.label,
          sentimentScore: analysis.sentiment.score,
          complaintProbability: analysis.complaint.probability,
          intent: analysis.intent.intent,
        }),
    authorFollowers: input.authorFollowers,
    engagement: input.engagement,
    text: input.text,
    spam: spam.spam,
  });
  const reasons =
    spam.spam || spam.abuse ? [...priority.reasons, ...spam.reasons] : priority.reasons;
  return {
    sentiment: analysis?.sentiment.label ?? 'neutral',
    sentimentScore: round(analysis?.sentiment.score ?? 0),
    sentimentConfidence: round(analysis?.sentiment.confidence ?? 0),
    complaint: analysis?.complaint.complaint ?? false,
    complaintProbability: round(analysis?.complaint.probability ?? 0.5),
    intent: analysis?.intent.intent ?? 'other',
    category: analysis?.intent.category ?? 'SOCIAL',
    intentConfidence: round(analysis?.intent.confidence ?? 0),
    language: language.language,
    spam: spam.spam,
    abuse: spam.abuse,
    priority: priority.priority,
    reasons,
  };
}

function round(value: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
