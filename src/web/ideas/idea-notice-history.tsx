import type { IdeaNoticeReview } from '../../api/contract.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { ideaStatusLabels } from './idea-labels.ts';
import { cannotTellLabels, replyProgress } from './idea-notice-labels.ts';

/** Who was told of each status the idea reached, when, and who was not and why. */
export function NoticeHistory({ review }: { review: IdeaNoticeReview }) {
  const handles = new Map(review.recipients.map((r) => [r.conversationId, r.authorHandle]));
  return (
    <section aria-labelledby="told-title">
      <h2 id="told-title">Who was told</h2>
      {review.history.length === 0 ? (
        <p className="muted">No customer has been told anything about this idea yet.</p>
      ) : (
        <table className="idea-notices__history">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Told it is</th>
              <th scope="col">Outcome</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {review.history.map((notice) => (
              <tr key={notice.id}>
                <td>
                  <UserText text={handles.get(notice.conversationId) ?? 'a customer'} />
                </td>
                <td>{ideaStatusLabels[notice.ideaStatus]}</td>
                <td>
                  {replyProgress(notice)}
                  {notice.reason ? `: ${cannotTellLabels[notice.reason]}` : ''}
                </td>
                <td>{formatAbsolute(notice.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
