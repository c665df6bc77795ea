import type { Mention, Reply } from '../../api/contract.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { LongText } from '../text/long-text.tsx';
import { UserText } from '../text/user-text.tsx';
import { ApprovalActions } from './approval-actions.tsx';
import { useReplyActions, useReplyPermissions } from './reply-client.ts';
import { AnsweredPost } from './reply-target.tsx';
import { OriginalLink } from './timeline-items.tsx';

/** Where a reply is on its way out, as the thread says it. */
const replyStates: Record<Reply['status'], string> = {
  draft: 'Draft',
  awaiting_approval: 'Awaiting approval',
  queued: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
  rejected: 'Rejected',
};

/** The lead's reason, stored as "rejected: …" in the reply's error. */
const rejectionReason = (reply: Reply) => reply.error?.replace(/^rejected: /, '') ?? '';

type ReplyItemProps = {
  reply: Reply;
  /** The customer post it answers, when it is in this thread. */
  answered?: Mention | undefined;
  authorName: string;
  workspaceId: string;
  userId: string;
  /** Puts a rejected reply's text back in the composer, to rewrite and send again. */
  onEdit: (reply: Reply) => void;
};

/** One of our replies in the thread, with its delivery state kept live by the event stream. */
export function ReplyItem({
  reply,
  answered,
  authorName,
  workspaceId,
  userId,
  onEdit,
}: ReplyItemProps) {
  const may = useReplyPermissions(workspaceId);
  const { retry } = useReplyActions(workspaceId, reply.id);
  return (
    <article className={`message message--reply message--reply-${reply.status}`}>
      <header className="message__header">
        <span className="message__author">
          <UserText text={authorName} className="message__name" />
        </span>
        <span className="badge">
          {reply.visibility === 'public' ? 'Public reply' : 'Private message'}
        </span>
        <span className={`badge badge--delivery badge--delivery-${reply.status}`}>
          {replyStates[reply.status] ?? reply.status}
        </span>
        <time className="muted" dateTime={reply.sentAt ?? reply.createdAt}>
          {formatAbsolute(reply.sentAt ?? reply.createdAt)}
        </time>
      </header>
      {answered ? <AnsweredPost mention={answered} /> : null}
      <LongText text={reply.text} className="message__body" />
      {reply.status === 'awaiting_approval' ? (
        may.approve ? (
          <ApprovalActions workspaceId={workspaceId} replyId={reply.id} />
        ) : (
          <p className="muted">An admin or owner approves it before it goes out.</p>
        )
      ) : null}
      {reply.status === 'rejected' ? (
        <div className="reply-outcome">
          <p className="form-error">
            Not sent — rejected: <UserText text={rejectionReason(reply)} />
          </p>
          {reply.authorId === userId ? (
            <button type="button" className="button button--small" onClick={() => onEdit(reply)}>
              Edit and send again
            </button>
          ) : null}
        </div>
      ) : null}
      {reply.status === 'failed' ? (
        <div className="reply-outcome">
          <p className="form-error">
            Not delivered: <UserText text={reply.error ?? 'the network gave no reason'} />
          </p>
          {may.retry ? (
            <button
              type="button"
              className="button button--small"
              disabled={retry.isPending}
              onClick={() => retry.mutate()}
            >
              Retry
            </button>
          ) : null}
          {retry.error ? (
            <p role="alert" className="form-error">
              Not retried: {retry.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
      <OriginalLink url={reply.url} label="View the sent reply" />
    </article>
  );
}
