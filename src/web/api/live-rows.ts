import type { InfiniteData, Query, QueryClient } from '@tanstack/react-query';
import type { ConversationPage } from '../../api/contract.ts';
import { fetchConversationRows } from './client.ts';
import { patchListPages } from './list-patch.ts';
import type { InboxQuery } from './types.ts';

/** Events close together share one row request per open list. */
const batchMs = 150;
/** The server takes at most this many ids a request. */
const maxIds = 200;

type ListData = InfiniteData<ConversationPage, string | null>;

const isListOf = (workspaceId: string) => (query: Query) =>
  query.queryKey[0] === 'conversations' &&
  query.queryKey[1] === workspaceId &&
  query.queryKey[2] === 'list';

/**
 * Patches the open inbox lists in place for the conversations live events name: one request per
 * open list asks the server which of those rows its view and filters hold now (ADR 0012), instead
 * of refetching every loaded page. Lists not on screen are only marked stale.
 */
export function liveRowPatcher(queryClient: QueryClient, workspaceId: string) {
  let named = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One patch at a time, so an older answer never lands after a newer one.
  let running: Promise<void> = Promise.resolve();

  const patch = async (ids: string[]) => {
    const lists = queryClient.getQueryCache().findAll({ predicate: isListOf(workspaceId) });
    for (const list of lists) {
      const data = list.state.data as ListData | undefined;
      if (list.getObserversCount() === 0 || !data || list.state.status !== 'success') {
        void queryClient.invalidateQueries({ queryKey: list.queryKey, refetchType: 'none' });
        continue;
      }
      // A page being fetched would land over the patch: patch after it.
      const fetchingPage = () => list.state.fetchStatus === 'fetching';
      if (fetchingPage()) return later(ids);
      const query = list.queryKey[3] as InboxQuery;
      try {
        const { items } = await fetchConversationRows(workspaceId, query, ids);
        if (fetchingPage()) return later(ids);
        queryClient.setQueryData<ListData>(list.queryKey, (current) =>
          current ? patchListPages(current, ids, items) : current,
        );
      } catch {
        // The row could not be read: the whole list is refetched rather than left wrong.
        void queryClient.invalidateQueries({ queryKey: list.queryKey });
      }
    }
  };

  const later = (ids: string[]) => {
    for (const id of ids) named.add(id);
    timer ??= setTimeout(flush, batchMs);
  };

  const flush = () => {
    timer = undefined;
    const ids = [...named];
    named = new Set();
    for (let start = 0; start < ids.length; start += maxIds) {
      const chunk = ids.slice(start, start + maxIds);
      running = running.then(() => patch(chunk));
    }
  };

  return {
    /** A live event named this conversation: its row is patched in every open list soon. */
    named(conversationId: string) {
      later([conversationId]);
    },
    /** Nothing left to patch: the lists are refetched whole (a reconnect, a gap) or gone. */
    stop() {
      clearTimeout(timer);
      timer = undefined;
      named = new Set();
    },
  };
}
