import type { Mention } from '../../domain/mention.ts';
import type { TriageModels } from '../../triage/models.ts';
import { triageText } from '../../triage/triage.ts';
import type { Assess } from './ingest.ts';

/**
 * The triage seam of ingest: every mention is labelled once, on arrival, and the labels are
 * stored with it. Velocity is measured from when the post was written to when we saw it.
 */
export function createTriageAssess(models: TriageModels): Assess {
  return (mention: Mention, receivedAt: Date) => {
    const engagement = mention.engagement;
    const minutes = Math.max(1, (receivedAt.getTime() - mention.postedAt.getTime()) / 60_000);
    const result = triageText(models, {
      text: mention.text,
      authorId: mention.author.externalId,
      ...(mention.author.followers !== undefined
        ? { authorFollowers: mention.author.followers }
        : {}),
      ...(engagement ? { engagement: { minutes, ...engagement } } : {}),
      ...(mention.review ? { rating: mention.review.stars } : {}),
    });
    return {
      priority: mention.fromBrand ? 0 : result.priority,
      sentiment: result.sentiment,
      needsReply: !result.spam && !result.abuse,
      language: result.language,
      details: { ...result },
    };
  };
}
