import { computePriority } from './priority.ts';
import type { EngagementWindow } from './priority.ts';

/** The labels a person may correct on a mention. `complaint` and `spam` take `yes` or `no`. */
export const CORRECTABLE_FIELDS = [
  'sentiment',
  'intent',
  'socialIntent',
  'complaint',
  'spam',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** What a mention's priority is computed from, besides its labels. */
export interface RescoreInput {
  text: string;
  authorFollowers: number | null;
  /** Interaction counts as the network last reported them, over `minutes` since the post. */
  engagement: Record<string, number>;
  minutes: number;
  /** A review's stars (1–5), null for anything else. */
  rating?: number | null;
}

/** The labels a mention shows once corrected, and the priority they give it. */
export interface CorrectedTriage {
  sentiment: string | null;
  socialIntent: string | null;
  spam: boolean;
  priority: number;
  reasons: string[];
}

const sentiments = new Set(['negative', 'neutral', 'positive']);

/**
 * The priority a mention gets from the model's labels with a person's corrections in their place,
 * by the same rules as at intake (`computePriority`). A person's label is certain: a corrected
 * complaint counts fully, a corrected sentiment by its label alone. Once a person has read a post
 * the models could not (its language), it is no longer "not scored".
 */
export function rescoreWithCorrections(
  model: Readonly<Record<string, unknown>> | null,
  corrections: Partial<Record<CorrectableField, string>>,
  input: RescoreInput,
): CorrectedTriage {
  const label = (field: CorrectableField): string | undefined => {
    const value = corrections[field] ?? model?.[field];
    return typeof value === 'string' ? value : undefined;
  };
  const number = (key: string): number | undefined => {
    const value = model?.[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const sentiment = label('sentiment');
  const complaint = corrections.complaint;
  const spam = corrections.spam !== undefined ? corrections.spam === 'yes' : model?.spam === true;
  const language = typeof model?.language === 'string' ? model.language : undefined;
  const readByPerson =
    corrections.sentiment !== undefined ||
    corrections.complaint !== undefined ||
    corrections.socialIntent !== undefined;
  const unread = !readByPerson && language !== undefined && language !== 'en' && language !== 'und';
  const engagement: EngagementWindow = { minutes: Math.max(1, input.minutes) };
  for (const key of ['reposts', 'quotes', 'likes', 'replies'] as const) {
    const count = input.engagement[key];
    if (typeof count === 'number') engagement[key] = count;
  }
  const priority = computePriority({
    ...(unread
      ? {
          untriagedLanguage: language,
          // The language's own sentiment model labelled it (it gives a confidence above 0).
          ...((number('sentimentConfidence') ?? 0) > 0 && sentiment && sentiments.has(sentiment)
            ? {
                sentiment: sentiment as 'negative' | 'neutral' | 'positive',
                ...(number('sentimentScore') !== undefined
                  ? { sentimentScore: number('sentimentScore') }
                  : {}),
              }
            : {}),
        }
      : {
          ...(sentiment && sentiments.has(sentiment)
            ? { sentiment: sentiment as 'negative' | 'neutral' | 'positive' }
            : {}),
          ...(corrections.sentiment === undefined && number('sentimentScore') !== undefined
            ? { sentimentScore: number('sentimentScore') }
            : {}),
          ...(complaint !== undefined
            ? { complaintProbability: complaint === 'yes' ? 1 : 0 }
            : number('complaintProbability') !== undefined
              ? { complaintProbability: number('complaintProbability') }
              : {}),
          ...(label('intent') !== undefined ? { intent: label('intent') } : {}),
          ...(label('socialIntent') !== undefined ? { socialIntent: label('socialIntent') } : {}),
        }),
    ...(input.authorFollowers !== null ? { authorFollowers: input.authorFollowers } : {}),
    engagement,
    text: input.text,
    spam,
    ...(input.rating ? { rating: input.rating } : {}),
  });
  return {
    sentiment: sentiment ?? null,
    socialIntent: label('socialIntent') ?? null,
    spam,
    priority: priority.priority,
    reasons: priority.reasons,
  };
}
