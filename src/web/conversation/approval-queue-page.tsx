import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { LongText } from '../text/long-text.tsx';
import { UserText } from '../text/user-text.tsx';
import { ApprovalActions } from './approval-actions.tsx';
import { usePendingApprovals, useReplyPermissions } from './reply-client.ts';
import type { PendingApproval } from '../../api/contract.ts';

const reasonLabels: Record<PendingApproval['reasons'][number], string> = {
  agent: 'Author’s replies are reviewed',
  tone: 'Flagged by the tone check',
};

/** Replies waiting for a lead, oldest first; admins and owners decide here or in the thread. */
export function ApprovalQueuePage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle('Approvals');
  const pending = usePendingApprovals(workspaceId);
  const may = useReplyPermissions(workspaceId);
  const items = pending.data?.items ?? [];
  return (
    <section className="settings approvals" aria-labelledby="page-title">
      <h1 id="page-title">Replies awaiting approval</h1>
      <p className="muted">
        {may.approve
          ? 'Approve a reply to send it, or reject it with a reason its author will see.'
          : 'An admin or owner approves these before they go out.'}
      </p>
      {pending.isError ? (
        <p role="alert" className="form-error">
          The replies did not load: {pending.error.message}
        </p>
      ) : null}
      {pending.isSuccess && items.length === 0 ? (
        <p role="status">Nothing is waiting for approval.</p>
      ) : null}
      <ol className="approval-queue">
        {items.map((item) => (
          <li key={item.replyId} className="message message--reply">
            <header className="message__header">
              <UserText text={item.author.name ?? 'A former member'} className="message__name" />
              <span className="badge">
                {networkName(item.network)} ·{' '}
                {item.visibility === 'public' ? 'public reply' : 'private message'}
              </span>
              <time className="muted" dateTime={item.requestedAt}>
                {formatAbsolute(item.requestedAt)}
              </time>
              <Link href={paths.conversation(workspaceId, item.conversationId)}>
                Open the conversation
              </Link>
            </header>
            <LongText text={item.text} className="message__body" />
            <ul className="approval-queue__why">
              {item.reasons.map((reason) => (
                <li key={reason}>{reasonLabels[reason]}</li>
              ))}
              {item.toneFlags.map((flag) => (
                <li key={flag.code}>
                  <UserText text={flag.message} />
                </li>
              ))}
            </ul>
            {may.approve ? (
              <ApprovalActions workspaceId={workspaceId} replyId={item.replyId} />
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
