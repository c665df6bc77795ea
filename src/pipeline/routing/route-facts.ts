import type { RoutingFacts } from '../../domain/routing.ts';

/** A text with what triage said about it: the stored mention at intake, or a dry run's text. */
interface TriagedText {
  brandId: string;
  network: string;
  text: string;
  language: string | null;
  sentiment: string | null;
  priority: number;
  authorFollowers: number | null;
  /** Triage's details (`MentionAssessment.details`): intent, category, complaint, language… */
  details: Record<string, unknown>;
}

const sentiments = new Set(['negative', 'neutral', 'positive']);
const asText = (value: unknown) => (typeof value === 'string' ? value : null);

/** What routing's rules test, read from triage's labels; a missing label is null, never a guess. */
export function routingFacts(triaged: TriagedText): RoutingFacts {
  const { details } = triaged;
  const sentiment = triaged.sentiment ?? asText(details['sentiment']);
  return {
    brandId: triaged.brandId,
    network: triaged.network,
    intent: asText(details['intent']),
    category: asText(details['category']),
    language: triaged.language ?? asText(details['language']),
    sentiment:
      sentiment && sentiments.has(sentiment) ? (sentiment as RoutingFacts['sentiment']) : null,
    complaint: details['complaint'] === true,
    priority: triaged.priority,
    text: triaged.text,
    authorFollowers: triaged.authorFollowers ?? 0,
  };
}
