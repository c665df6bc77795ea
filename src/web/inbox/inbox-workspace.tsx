import { ConversationPage } from '../conversation/conversation-page.tsx';
import { useWideScreen } from '../shell/use-wide-screen.ts';
import { FirstRunChecklist } from './first-run-checklist.tsx';
import { InboxPage } from './inbox-page.tsx';
import { lastInboxSearch, rememberInboxSearch } from './inbox-memory.ts';

type InboxWorkspaceProps = {
  workspaceId: string;
  /** The open conversation (a conversation URL), or null on the inbox's own URL. */
  conversationId: string | null;
  /** The inbox URL's view and filters; ignored while a conversation is open. */
  search: URLSearchParams;
  userId: string;
};

/**
 * The inbox and the open conversation. On a wide screen they show side by side, and the list
 * stays the same mounted list from one conversation to the next: it keeps its scroll position,
 * its selection and its live updates. On a narrower screen each takes the page, as before.
 */
export function InboxWorkspace({
  workspaceId,
  conversationId,
  search,
  userId,
}: InboxWorkspaceProps) {
  const wide = useWideScreen();
  if (conversationId === null) rememberInboxSearch(workspaceId, search);
  const listSearch = conversationId === null ? search : lastInboxSearch(workspaceId);
  return (
    <div className={wide ? 'panes panes--wide' : 'panes'}>
      {conversationId === null || wide ? (
        <InboxPage
          workspaceId={workspaceId}
          search={listSearch}
          userId={userId}
          openId={conversationId}
        />
      ) : null}
      {conversationId !== null ? (
        <div className="panes__main">
          <ConversationPage
            key={conversationId}
            workspaceId={workspaceId}
            conversationId={conversationId}
            userId={userId}
          />
        </div>
      ) : wide ? (
        <div className="panes__main panes__main--empty">
          <FirstRunChecklist workspaceId={workspaceId} />
          <p className="empty">
            Open a conversation from the list: click it, or move with <kbd>j</kbd> and <kbd>k</kbd>{' '}
            and press <kbd>Enter</kbd>.
          </p>
        </div>
      ) : null}
    </div>
  );
}
