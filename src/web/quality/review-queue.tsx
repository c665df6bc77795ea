import { useState } from 'react';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { networkName } from '../../domain/networks.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { statusLabel } from '../text/labels.ts';
import { LongText } from '../text/long-text.tsx';
import { UserText } from '../text/user-text.tsx';
import type { ReviewQueueItem, Scorecard } from '../../api/contract.ts';
import { useReviewQueue } from './quality-client.ts';
import { formatQualityScore, reasonLabels, shiftWeek } from './quality-labels.ts';
import { ReviewForm } from './review-form.tsx';
import { ReviewThread } from './review-thread.tsx';

/** The week's sample of each agent's sent replies, difficult ones first, each to score. */
export function ReviewQueue({
  workspaceId,
  userId,
  scorecards,
}: {
  workspaceId: string;
  userId: string;
  scorecards: Scorecard[];
}) {
  const [week, setWeek] = useState<string | undefined>(undefined);
  const queue = useReviewQueue(workspaceId, week);
  const shown = queue.data?.week;
  return (
    <section aria-labelledby="queue-title" className="quality-queue">
      <h2 id="queue-title">Review queue</h2>
      <div className="quality-queue__week">
        <button
          type="button"
          className="button"
          disabled={!shown}
          onClick={() => shown && setWeek(shiftWeek(shown, -7))}
        >
          Previous week
        </button>
        <span>{shown ? `Week of ${shown}` : 'Loading…'}</span>
        <button
          type="button"
          className="button"
          disabled={!shown}
          onClick={() => shown && setWeek(shiftWeek(shown, 7))}
        >
          Next week
        </button>
      </div>
      {queue.isError ? (
        <p role="alert" className="form-error">
          The queue did not load: {queue.error.message}
        </p>
      ) : null}
      {queue.isSuccess ? (
        <p className="muted">
          {queue.data.items.length === 0
            ? 'No sent replies to review this week.'
            : `Up to ${queue.data.samplePerAgent} replies of each agent; the difficult ones first.`}
        </p>
      ) : null}
      <ol className="quality-queue__items">
        {(queue.data?.items ?? []).map((item) => (
          <QueueEntry
            key={item.replyId}
            item={item}
            workspaceId={workspaceId}
            userId={userId}
            scorecards={scorecards}
          />
        ))}
      </ol>
    </section>
  );
}

function QueueEntry({
  item,
  workspaceId,
  userId,
  scorecards,
}: {
  item: ReviewQueueItem;
  workspaceId: string;
  userId: string;
  scorecards: Scorecard[];
}) {
  const [threadOpen, setThreadOpen] = useState(false);
  const current = scorecards.filter((c) => c.archivedAt === null);
  return (
    <li className="message message--reply quality-queue__item">
      <header className="message__header">
        <UserText text={item.agent.name ?? 'A former member'} className="message__name" />
        <span className="badge">{networkName(item.network)}</span>
        <time className="muted" dateTime={item.sentAt}>
          {formatAbsolute(item.sentAt)}
        </time>
        <Link href={paths.conversation(workspaceId, item.conversationId)}>
          Open the conversation
        </Link>
      </header>
      {item.reasons.length > 0 ? (
        <ul className="quality-queue__reasons" aria-label="Why it is difficult">
          {item.reasons.map((reason) => (
            <li key={reason} className="badge">
              {reasonLabels[reason]}
            </li>
          ))}
        </ul>
      ) : null}
      {item.answered ? (
        <blockquote className="quality-queue__answered">
          <UserText text={`@${item.answered.handle}`} />:{' '}
          <LongText text={item.answered.text} className="" />
        </blockquote>
      ) : null}
      <LongText text={item.text} className="message__body" />
      <dl className="quality-queue__facts">
        <dt>Tone check</dt>
        <dd>
          {item.toneFlags.length === 0 ? (
            'No flags'
          ) : (
            <ul>
              {item.toneFlags.map((flag) => (
                <li key={flag.code}>
                  <UserText text={flag.message} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>CSAT</dt>
        <dd>{item.csatScore === null ? 'No answer' : `${item.csatScore} of 5`}</dd>
        <dt>Outcome</dt>
        <dd>
          {statusLabel(item.outcome.status)}
          {item.outcome.resolvedAt ? ` (resolved ${formatAbsolute(item.outcome.resolvedAt)})` : ''}
        </dd>
      </dl>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => setThreadOpen(!threadOpen)}
      >
        {threadOpen ? 'Hide the thread' : 'Show the thread'}
      </button>
      {threadOpen ? (
        <ReviewThread
          workspaceId={workspaceId}
          conversationId={item.conversationId}
          replyId={item.replyId}
        />
      ) : null}
      {item.review ? (
        <p role="status">Reviewed: {formatQualityScore(item.review.score)}</p>
      ) : item.agent.id === userId ? (
        <p className="muted">Your own reply: another lead reviews it.</p>
      ) : (
        <ReviewForm workspaceId={workspaceId} replyId={item.replyId} scorecards={current} />
      )}
    </li>
  );
}
