import { useCallback, useEffect, useState } from 'react';
import { Link } from '../app/link.tsx';
import { navigate, paths } from '../app/router.ts';
import { useConversationList, useMembers } from '../api/queries.ts';
import { rememberInboxOrder, requestComposerFocus } from '../keyboard/focus.ts';
import { quickActionDone, useQuickAction, type QuickAction } from '../keyboard/quick-actions.ts';
import { useShortcuts } from '../keyboard/use-shortcuts.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { useWideScreen } from '../shell/use-wide-screen.ts';
import { viewLabels } from '../text/labels.ts';
import { useNow } from '../text/use-now.ts';
import { BulkBar } from './bulk-bar.tsx';
import { FirstRunChecklist } from './first-run-checklist.tsx';
import { InboxFilters } from './inbox-filters.tsx';
import { InboxList } from './inbox-list.tsx';
import { inboxQueryFromSearch, isFiltered } from './inbox-query.ts';

type InboxPageProps = {
  workspaceId: string;
  search: URLSearchParams;
  userId: string;
  /** The conversation open beside the list (a wide screen), or null when the list is the page. */
  openId: string | null;
};

export function InboxPage({ workspaceId, search, userId, openId }: InboxPageProps) {
  const query = inboxQueryFromSearch(search);
  // Beside a conversation, the list is a pane: the conversation names the page and takes the
  // keys. Nothing above the rows changes, so the list does not move when a conversation opens.
  const isPane = openId !== null;
  const wide = useWideScreen();
  useDocumentTitle(isPane ? null : `Inbox: ${viewLabels[query.view]}`);
  const list = useConversationList(workspaceId, query);
  const members = useMembers(workspaceId);
  const quick = useQuickAction(workspaceId, userId);
  const [selected, setSelected] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  // Ticked for a bulk action, and the row ticked last (where a shift-click's range starts).
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState(-1);
  const [bulkNotice, setBulkNotice] = useState('');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const now = useNow();
  const nameOf = (assigneeId: string | null) =>
    assigneeId === userId
      ? 'you'
      : (members.data?.items.find((m) => m.userId === assigneeId)?.name ?? null);
  const conversations = list.data?.pages.flatMap((page) => page.items) ?? [];
  const ids = conversations.map((c) => c.id).join(',');

  const searchText = search.toString();
  useEffect(() => {
    setSelected(-1);
    setChecked(new Set());
    setAnchor(-1);
  }, [searchText]);
  const ticked = conversations.filter((c) => checked.has(c.id)).map((c) => c.id);
  const check = (index: number, on: boolean, range: boolean) => {
    const from = range && anchor >= 0 ? Math.min(anchor, index) : index;
    const to = range && anchor >= 0 ? Math.max(anchor, index) : index;
    setChecked((before) => {
      const next = new Set(before);
      for (const c of conversations.slice(from, to + 1)) {
        if (on) next.add(c.id);
        else next.delete(c.id);
      }
      return next;
    });
    setAnchor(index);
  };
  useEffect(() => rememberInboxOrder(workspaceId, ids ? ids.split(',') : []), [workspaceId, ids]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const current = conversations[selected];
  const act = (action: QuickAction) => {
    if (!current) return;
    const who = `@${current.contact.handle}`;
    quick.mutate(
      { action, id: current.id },
      {
        onSuccess: () => setAnnouncement(`${quickActionDone[action]}: ${who}`),
        onError: (error) => setAnnouncement(`Could not change ${who}: ${error.message}`),
      },
    );
  };
  useShortcuts(
    isPane
      ? {}
      : {
          j: () => setSelected((index) => Math.min(index + 1, conversations.length - 1)),
          k: () => setSelected((index) => Math.max(index - 1, 0)),
          a: () => act('assign'),
          e: () => act('resolve'),
          s: () => act('snooze'),
          x: () => {
            if (current) check(selected, !checked.has(current.id), false);
          },
          r: () => {
            if (!current) return;
            requestComposerFocus();
            navigate(paths.conversation(workspaceId, current.id));
          },
        },
  );

  return (
    <section className="inbox" aria-labelledby={isPane ? 'inbox-title' : 'page-title'}>
      {isPane ? <h2 id="inbox-title">Inbox</h2> : <h1 id="page-title">Inbox</h1>}
      {/* On a wide screen it waits in the empty middle pane, leaving the list's column alone. */}
      {wide ? null : <FirstRunChecklist workspaceId={workspaceId} />}
      {/* Keyed by the URL so the boxes show its values after back/forward. */}
      <InboxFilters
        key={searchText}
        workspaceId={workspaceId}
        query={query}
        open={filtersOpen}
        onToggle={() => setFiltersOpen(!filtersOpen)}
      />
      {query.openedFrom || query.openedTo ? (
        <p className="inbox-period">
          From a report: conversations opened
          {query.openedFrom ? ` from ${new Date(query.openedFrom).toLocaleString()}` : ''}
          {query.openedTo ? ` until ${new Date(query.openedTo).toLocaleString()}` : ''}, any status.{' '}
          <Link href={paths.inbox(workspaceId)}>Show the whole inbox</Link>
        </p>
      ) : null}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {bulkNotice ? (
        <p role="status" className="muted bulk-notice">
          {bulkNotice}
        </p>
      ) : null}
      {ticked.length > 0 ? (
        <BulkBar
          workspaceId={workspaceId}
          userId={userId}
          selected={ticked}
          onDone={(message) => {
            setBulkNotice(message);
            setChecked(new Set());
          }}
          onClear={() => setChecked(new Set())}
        />
      ) : null}
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
          {isFiltered(query)
            ? 'No conversation matches this search.'
            : 'Nothing here. All caught up.'}
        </p>
      ) : (
        <>
          <p className="muted inbox-hint">
            Press <kbd>j</kbd> and <kbd>k</kbd> to move, <kbd>x</kbd> to select, <kbd>?</kbd> for
            every shortcut.
          </p>
          <InboxList
            workspaceId={workspaceId}
            label={`${viewLabels[query.view]} conversations`}
            conversations={conversations}
            openId={openId}
            nameOf={nameOf}
            now={now}
            selected={selected}
            onSelect={setSelected}
            checked={checked}
            onCheck={check}
            hasMore={!!hasNextPage}
            loadMore={loadMore}
          />
          {hasNextPage ? (
            <button
              type="button"
              className="button load-more"
              onClick={loadMore}
              disabled={isFetchingNextPage}
            >
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
