import { useConversationList, useMembers } from '../api/queries.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { viewLabels } from '../text/labels.ts';
import { useNow } from '../text/use-now.ts';
import { ConversationRow } from './conversation-row.tsx';
import { InboxFilters } from './inbox-filters.tsx';
import { inboxQueryFromSearch } from './inbox-query.ts';

type InboxPageProps = { workspaceId: string; search: URLSearchParams; userId: string };

export function InboxPage({ workspaceId, search, userId }: InboxPageProps) {
  const query = inboxQueryFromSearch(search);
  useDocumentTitle(`Inbox: ${viewLabels[query.view]}`);
  const list = useConversationList(workspaceId, query);
  const members = useMembers(workspaceId);
  const now = useNow();
  const nameOf = (assigneeId: string | null) =>
    assigneeId === userId
      ? 'you'
      : (members.data?.items.find((m) => m.userId === assigneeId)?.name ?? null);
  const conversations = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="inbox" aria-labelledby="page-title">
      <h1 id="page-title">Inbox</h1>
      {/* Keyed by the search text so the box shows the URL's value after back/forward. */}
      <InboxFilters key={query.q ?? ''} workspaceId={workspaceId} query={query} />
      {list.isPending ? (
        <p role="status" className="muted">
          Loading conversations…
        </p>
      ) : list.isError ? (
        <p role="alert" className="form-error">
          Could not load conversations: {list.error.message}
        </p>
      ) : conversations.length === 0 ? (
        <p role="status" className="empty">
          {query.q ? 'No conversation matches this search.' : 'Nothing here. All caught up.'}
        </p>
      ) : (
        <>
          <ul className="inbox-list" aria-label={`${viewLabels[query.view]} conversations`}>
            {conversations.map((conversation) => (
              <ConversationRow
                key={conversation.id}
                workspaceId={workspaceId}
                conversation={conversation}
                assigneeName={nameOf(conversation.assigneeId)}
                now={now}
              />
            ))}
          </ul>
          {list.hasNextPage ? (
            <button
              type="button"
              className="button load-more"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
