import { useQueryClient, type Query } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { alertsKey } from '../alerts/alerts-client.ts';
import { fetchSession, liveEventsUrl } from './client.ts';
import { eventSequence } from './event-sequence.ts';
import { liveRowPatcher } from './live-rows.ts';
import { presenceKey } from './presence.ts';
import { forgetSession, keys } from './queries.ts';
import { liveEventTypes, type LiveEvent } from './types.ts';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

function parseLiveEvent(raw: unknown): LiveEvent | null {
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as Partial<LiveEvent>;
    return typeof value.conversationId === 'string' ? (value as LiveEvent) : null;
  } catch {
    return null;
  }
}

/** Queries that belong to one conversation: refetched only when an event names it. */
const perConversation = new Set(['detail', 'routing', 'sla', 'customer-history']);

/** Workspace-wide summaries an event may change: refreshed at most this often. */
const summaryEveryMs = 2_000;

/** Which workspace-wide summaries an event of this type can change. */
function summariesOf(type: string): string[] {
  const summaries = ['counts'];
  // A note names teammates; a reply may wait for approval; a new post may be a known customer's.
  if (type === 'conversation.updated') summaries.push('note-mentions');
  if (type === 'reply.updated') summaries.push('approvals');
  if (type === 'conversation.created' || type === 'mention.created')
    summaries.push('customer-history');
  return summaries;
}

/**
 * Keeps the workspace's cached inbox fresh without refetching what did not change (ADR 0012):
 * an event patches the row it names in the open lists, refetches the open conversation only when
 * it names that one, and refreshes the counts at most every two seconds. Only a reconnect or a
 * gap in the stream's event ids refetches the lists whole. EventSource reconnects by itself; the
 * returned state lets the page say so.
 */
export function useLiveUpdates(workspaceId: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    const source = new EventSource(liveEventsUrl(workspaceId));
    const rows = liveRowPatcher(queryClient, workspaceId);
    const inWorkspace = (query: Query) =>
      query.queryKey[0] === 'conversations' && query.queryKey[1] === workspaceId;
    const dueSummaries = new Set<string>();
    let summaryTimer: ReturnType<typeof setTimeout> | undefined;
    let summaryAt = 0;
    const refreshSummaries = () => {
      summaryTimer = undefined;
      summaryAt = Date.now();
      const kinds = new Set(dueSummaries);
      dueSummaries.clear();
      void queryClient.invalidateQueries({
        predicate: (query) => inWorkspace(query) && kinds.has(String(query.queryKey[2])),
      });
    };
    const resync = () => {
      dueSummaries.clear();
      rows.stop();
      void queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: alertsKey(workspaceId) });
    };
    // The stream numbers its events one after another: a number skipped is an event missed.
    const sequence = eventSequence();
    const inSequence = (message: MessageEvent) => sequence.next(message.lastEventId);
    const onEvent = (message: MessageEvent) => {
      if (!inSequence(message)) return resync();
      const event = parseLiveEvent(message.data);
      // Unknown or unparsable: refresh everything rather than miss a change.
      if (!event) return resync();
      void queryClient.invalidateQueries({
        predicate: (query) =>
          inWorkspace(query) &&
          perConversation.has(String(query.queryKey[2])) &&
          query.queryKey[3] === event.conversationId,
      });
      rows.named(event.conversationId);
      for (const summary of summariesOf(event.type)) dueSummaries.add(summary);
      summaryTimer ??= setTimeout(
        refreshSummaries,
        Math.max(0, summaryAt + summaryEveryMs - Date.now()),
      );
      // An idea's page shows how far the replies that told its customers have gone.
      if (event.type === 'reply.updated')
        void queryClient.invalidateQueries({ queryKey: ['ideas', workspaceId, 'notices'] });
    };
    let missedEvents = false;
    // The stream also ends when our access changes (signed out elsewhere, removed from the
    // workspace, deactivated): the page must show that at once, not what we may no longer see.
    let checkingAccess = false;
    const recheckAccess = async () => {
      if (checkingAccess) return;
      checkingAccess = true;
      try {
        const session = await fetchSession();
        if (!session) return forgetSession(queryClient);
        queryClient.setQueryData(keys.session, session);
        if (!session.memberships.some((m) => m.workspaceId === workspaceId))
          queryClient.removeQueries({ predicate: (query) => query.queryKey.includes(workspaceId) });
      } catch {
        // The server is unreachable: "reconnecting" already says so, and EventSource retries.
      } finally {
        checkingAccess = false;
      }
    };
    source.onopen = () => {
      setState('live');
      // A new stream numbers from 1 again; events sent while we were away are lost: catch up
      // by refetching, once.
      sequence.restart();
      if (missedEvents) resync();
      missedEvents = false;
    };
    source.onerror = () => {
      missedEvents = true;
      setState('reconnecting');
      void recheckAccess();
    };
    // Someone opened, typed on or left a conversation: only its presence is stale.
    source.addEventListener('presence.updated', (message: MessageEvent) => {
      if (!inSequence(message)) return resync();
      const event = parseLiveEvent(message.data);
      if (event)
        void queryClient.invalidateQueries({
          queryKey: presenceKey(workspaceId, event.conversationId),
        });
    });
    // An alert was raised: the shell's count and the Alerts page refetch.
    source.addEventListener('alert.raised', (message: MessageEvent) => {
      if (!inSequence(message)) return resync();
      void queryClient.invalidateQueries({ queryKey: alertsKey(workspaceId) });
    });
    source.onmessage = onEvent;
    for (const type of liveEventTypes) source.addEventListener(type, onEvent);
    return () => {
      source.close();
      rows.stop();
      clearTimeout(summaryTimer);
    };
  }, [workspaceId, queryClient]);

  return state;
}
