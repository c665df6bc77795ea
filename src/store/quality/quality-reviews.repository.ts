import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import type { Database } from '../schema.ts';

/** A reply as a review needs it: who wrote it and whether it went out. */
export async function findReplyForReview(
  db: Kysely<Database>,
  workspaceId: string,
  replyId: string,
) {
  return db
    .selectFrom('replies')
    .select(['id', 'author_id', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', replyId)
    .executeTakeFirst();
}

/** Stores a review with its per-criterion scores; undefined when the reply has one already. */
export async function insertQualityReview(
  db: Kysely<Database>,
  review: {
    workspaceId: string;
    replyId: string;
    scorecardId: string;
    agentId: string | null;
    reviewerId: string;
    score: number;
    note: string;
    scores: ReadonlyArray<{ criterionId: string; score: number }>;
    now: Date;
  },
): Promise<string | undefined> {
  const row = await db
    .insertInto('quality_reviews')
    .values({
      id: newId(),
      workspace_id: review.workspaceId,
      reply_id: review.replyId,
      scorecard_id: review.scorecardId,
      agent_id: review.agentId,
      reviewer_id: review.reviewerId,
      score: review.score,
      note: review.note,
      created_at: review.now,
    })
    .onConflict((oc) => oc.column('reply_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .insertInto('quality_review_scores')
    .values(
      review.scores.map((s) => ({
        review_id: row.id,
        criterion_id: s.criterionId,
        score: s.score,
      })),
    )
    .execute();
  return row.id;
}

export interface ReviewListFilter {
  workspaceId: string;
  /** Only this agent's replies (an agent sees only their own). */
  agentId?: string | undefined;
  reviewId?: string | undefined;
  /** Replies sent in this range. */
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

/** Reviews newest first, each with its reply, people, scorecard and per-criterion scores. */
export async function listQualityReviews(db: Kysely<Database>, filter: ReviewListFilter) {
  let query = db
    .selectFrom('quality_reviews as q')
    .innerJoin('replies as r', 'r.id', 'q.reply_id')
    .innerJoin('quality_scorecards as s', 's.id', 'q.scorecard_id')
    .leftJoin('users as agent', 'agent.id', 'q.agent_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'q.reviewer_id')
    .select([
      'q.id',
      'q.reply_id',
      'q.scorecard_id',
      's.name as scorecard_name',
      'q.agent_id',
      'agent.name as agent_name',
      'q.reviewer_id',
      'reviewer.name as reviewer_name',
      'q.score',
      'q.note',
      'q.created_at',
      'r.conversation_id',
      'r.text as reply_text',
      'r.network',
      'r.sent_at',
    ])
    .where('q.workspace_id', '=', filter.workspaceId);
  if (filter.agentId) query = query.where('q.agent_id', '=', filter.agentId);
  if (filter.reviewId) query = query.where('q.id', '=', filter.reviewId);
  if (filter.from) query = query.where('r.sent_at', '>=', filter.from);
  if (filter.to) query = query.where('r.sent_at', '<', filter.to);
  const reviews = await query
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .limit(filter.limit)
    .execute();
  if (reviews.length === 0) return [];
  const scores = await db
    .selectFrom('quality_review_scores as x')
    .innerJoin('quality_criteria as c', 'c.id', 'x.criterion_id')
    .select(['x.review_id', 'x.criterion_id', 'c.name', 'c.weight', 'x.score'])
    .where(
      'x.review_id',
      'in',
      reviews.map((r) => r.id),
    )
    .orderBy('c.position')
    .execute();
  return reviews.map((review) => ({
    ...review,
    scores: scores
      .filter((s) => s.review_id === review.id)
      .map((s) => ({
        criterionId: s.criterion_id,
        name: s.name,
        weight: s.weight,
        score: s.score,
      })),
  }));
}

export type StoredQualityReview = Awaited<ReturnType<typeof listQualityReviews>>[number];
