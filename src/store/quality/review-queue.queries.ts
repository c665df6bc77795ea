import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Every reply members sent in the range, with what makes one hard to get right (the
 * conversation's sentiment, a viral alert, the customer's latest CSAT answer), the post it
 * answered, the conversation's outcome and its review if it has one. The sample is drawn from
 * these in the domain; the CSAT survey itself (no author) is never a candidate.
 */
export async function listReviewCandidates(
  db: Kysely<Database>,
  workspaceId: string,
  range: { from: Date; to: Date },
) {
  return db
    .selectFrom('replies as r')
    .innerJoin('conversations as c', 'c.id', 'r.conversation_id')
    .innerJoin('users as u', 'u.id', 'r.author_id')
    .leftJoin('mentions as m', 'm.id', 'r.in_reply_to_mention_id')
    .leftJoin('quality_reviews as q', 'q.reply_id', 'r.id')
    .select((eb) => [
      'r.id',
      'r.author_id',
      'u.name as author_name',
      'r.conversation_id',
      'r.text',
      'r.network',
      'r.visibility',
      'r.sent_at',
      'c.sentiment',
      'c.status as conversation_status',
      'c.resolved_at',
      'm.text as answered_text',
      'm.author_handle as answered_handle',
      'q.id as review_id',
      'q.score as review_score',
      eb
        .exists(
          eb
            .selectFrom('alerts as a')
            .select(sql`1`.as('one'))
            .whereRef('a.conversation_id', '=', 'r.conversation_id')
            .where('a.workspace_id', '=', workspaceId)
            .where('a.kind', '=', 'viral'),
        )
        .as('viral'),
      eb
        .selectFrom('csat_surveys as v')
        .select('v.score')
        .whereRef('v.conversation_id', '=', 'r.conversation_id')
        .where('v.status', '=', 'answered')
        .orderBy('v.answered_at', 'desc')
        .limit(1)
        .as('csat_score'),
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.status', '=', 'sent')
    .where('r.sent_at', '>=', range.from)
    .where('r.sent_at', '<', range.to)
    .execute();
}

export type ReviewCandidateRow = Awaited<ReturnType<typeof listReviewCandidates>>[number];
