import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { useModerationLog } from './moderation-client.ts';
import type { ModerationAction } from '../../api/contract.ts';

const actionLabels: Record<ModerationAction['action'], string> = {
  hide: 'Hid a mention',
  unhide: 'Showed a mention again',
  block: 'Blocked a contact',
  unblock: 'Unblocked a contact',
};

const reasonLabels: Record<NonNullable<ModerationAction['reason']>, string> = {
  spam: 'Spam',
  abuse: 'Abuse',
};

const onNetworkLabels: Record<ModerationAction['onNetwork'], string> = {
  hidden: 'Hidden on the network too',
  unhidden: 'Shown on the network again',
  failed: 'The network refused: in Earshot only',
  not_supported: 'In Earshot only',
  not_applicable: '—',
};

/** Every hide, unhide, block and unblock, newest first, with who did it and why. */
export function ModerationPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle('Moderation log');
  const log = useModerationLog(workspaceId);
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="settings moderation" aria-labelledby="page-title">
      <h1 id="page-title">Moderation log</h1>
      <p className="muted">
        What was hidden or blocked, by whom and why. Nothing is deleted: hidden mentions stay in
        their conversation and can be shown again.
      </p>
      {log.isError ? (
        <p role="alert" className="form-error">
          The log did not load: {log.error.message}
        </p>
      ) : null}
      <table className="settings-table moderation-log">
        <caption className="visually-hidden">Moderation actions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Reason</th>
            <th scope="col">Note</th>
            <th scope="col">By</th>
            <th scope="col">On the network</th>
            <th scope="col">Conversation</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <ModerationRow key={item.id} workspaceId={workspaceId} item={item} />
          ))}
          {log.isSuccess && items.length === 0 ? (
            <tr>
              <td colSpan={7}>Nothing was hidden or blocked yet.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {log.isPending ? <p className="muted">Loading the log…</p> : null}
      {log.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {log.isFetchingNextPage ? 'Loading…' : 'Show older actions'}
        </button>
      ) : null}
    </section>
  );
}

function ModerationRow({ workspaceId, item }: { workspaceId: string; item: ModerationAction }) {
  return (
    <tr>
      <td>
        <time dateTime={item.createdAt}>{formatAbsolute(item.createdAt)}</time>
      </td>
      <td>{actionLabels[item.action]}</td>
      <td>{item.reason ? reasonLabels[item.reason] : '—'}</td>
      <td>{item.note ? <UserText text={item.note} /> : '—'}</td>
      <td>{item.actor.name ? <UserText text={item.actor.name} /> : 'Earshot'}</td>
      <td>
        {onNetworkLabels[item.onNetwork]}
        {item.onNetworkError ? (
          <>
            {' '}
            (<UserText text={item.onNetworkError} />)
          </>
        ) : null}
      </td>
      <td>
        {item.conversationId ? (
          <Link href={paths.conversation(workspaceId, item.conversationId)}>Open</Link>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
