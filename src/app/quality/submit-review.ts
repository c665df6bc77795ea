import { scoresProblem, weightedScore } from '../../domain/quality-score.ts';
import {
  findReplyForReview,
  insertQualityReview,
  listQualityReviews,
} from '../../store/quality/quality-reviews.repository.ts';
import type { StoredQualityReview } from '../../store/quality/quality-reviews.repository.ts';
import { findScorecard } from '../../store/quality/scorecards.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

interface ReviewInput {
  replyId: string;
  scorecardId: string;
  scores: ReadonlyArray<{ criterionId: string; score: number }>;
  note: string;
}

/**
 * Scores a sent reply against a scorecard, with a coaching note for its author. The weighted
 * score is computed here from the scorecard's weights. Nobody reviews their own reply; a reply
 * is reviewed once.
 */
export async function submitReview(
  context: UseCaseContext,
  input: ReviewInput,
): Promise<StoredQualityReview> {
  const { workspaceId, userId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const reply = await findReplyForReview(tx, workspaceId, input.replyId);
    if (!reply) throw new AppError('reply_not_found', 'no such reply');
    if (reply.author_id === userId)
      throw new AppError('forbidden', 'you cannot review your own reply; ask another lead');
    if (reply.status !== 'sent' || reply.author_id === null)
      throw new AppError('validation_failed', 'only a sent reply by a member can be reviewed', {
        field: 'replyId',
      });
    const scorecard = await findScorecard(tx, workspaceId, input.scorecardId);
    if (!scorecard) throw new AppError('scorecard_not_found', 'no such scorecard');
    if (scorecard.archivedAt)
      throw new AppError('validation_failed', 'this scorecard is archived; choose a current one', {
        field: 'scorecardId',
      });
    const problem = scoresProblem(scorecard.criteria, input.scores);
    if (problem) throw new AppError('validation_failed', problem, { field: 'scores' });
    const reviewId = await insertQualityReview(tx, {
      workspaceId,
      replyId: reply.id,
      scorecardId: scorecard.id,
      agentId: reply.author_id,
      reviewerId: userId,
      score: weightedScore(scorecard.criteria, input.scores),
      note: input.note.trim(),
      scores: input.scores,
      now,
    });
    if (!reviewId) throw new AppError('conflict', 'this reply has been reviewed already');
    const [review] = await listQualityReviews(tx, { workspaceId, reviewId, limit: 1 });
    return review!;
  });
}
