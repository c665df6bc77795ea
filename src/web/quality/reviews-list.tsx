import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { LongText } from '../text/long-text.tsx';
import { UserText } from '../text/user-text.tsx';
import { reviewsCsvHref, useReviews } from './quality-client.ts';
import { formatQualityScore } from './quality-labels.ts';

/** Reviews, newest first: an agent's own (the server shows them no other), a manager's all. */
export function ReviewsList({ workspaceId, title }: { workspaceId: string; title: string }) {
  const reviews = useReviews(workspaceId);
  const items = reviews.data?.items ?? [];
  return (
    <section aria-labelledby="reviews-title" className="quality-reviews">
      <h2 id="reviews-title">{title}</h2>
      <p>
        <a href={reviewsCsvHref(workspaceId)} download>
          Download the reviews as CSV
        </a>{' '}
        <span className="muted">(for a training session)</span>
      </p>
      {reviews.isError ? (
        <p role="alert" className="form-error">
          The reviews did not load: {reviews.error.message}
        </p>
      ) : null}
      {reviews.isSuccess && items.length === 0 ? <p role="status">No reviews yet.</p> : null}
      <ol className="quality-reviews__items">
        {items.map((review) => (
          <li key={review.id} className="message">
            <header className="message__header">
              <strong>{formatQualityScore(review.score)}</strong>
              <UserText text={review.agent.name ?? 'A former member'} className="message__name" />
              <span className="muted">
                reviewed by <UserText text={review.reviewer.name ?? 'a former member'} /> on{' '}
                <time dateTime={review.reviewedAt}>{formatAbsolute(review.reviewedAt)}</time>
              </span>
              <Link href={paths.conversation(workspaceId, review.conversationId)}>
                Open the conversation
              </Link>
            </header>
            <LongText text={review.replyText} className="message__body" />
            <ul className="quality-reviews__scores" aria-label="Scores">
              {review.scores.map((score) => (
                <li key={score.criterionId}>
                  <UserText text={score.name} />: {score.score} of 5
                </li>
              ))}
            </ul>
            {review.note ? (
              <div className="quality-reviews__note">
                <span className="muted">Coaching note</span>
                <LongText text={review.note} className="" />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
