import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { alertsKey } from '../alerts/alerts-client.ts';
import { fetchSession, liveEventsUrl } from './client.ts';
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

/**
 * Keeps the workspace's cached inbox fresh: every server-sent event marks the lists (and the
 * conversation it names) stale, and TanStack Query refetches what is on screen. EventSource
 * reconnects by itself; the returned state lets the page say so.
 */
export function useLiveUpdates(workspaceId: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    const source = new EventSource(liveEventsUrl(workspaceId));
    const onEvent = (message: MessageEvent) => {
      const event = parseLiveEvent(message.data);
      // Unknown or unparsable: refresh everything rather than miss a change.
      void queryClient.invalidateQueries({
        queryKey: keys.conversations(workspaceId),
        predicate: (query) =>
          !event || query.queryKey[2] !== 'detail' || query.queryKey[3] === event.conversationId,
      });
      // An idea's page shows how far the replies that told its customers have gone.
      if (!event || event.type === 'reply.updated')
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
      // Events sent while we were disconnected are lost: catch up by refetching.
      if (missedEvents) {
        void queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
        void queryClient.invalidateQueries({ queryKey: alertsKey(workspaceId) });
      }
      missedEvents = false;
    };
    source.onerror = () => {
      missedEvents = true;
      setState('reconnecting');
      void recheckAccess();
    };
    // Someone opened, typed on or left a conversation: only its presence is stale.
    source.addEventListener('presence.updated', (message: MessageEvent) => {
      const event = parseLiveEvent(message.data);
      if (event)
        void queryClient.invalidateQueries({
          queryKey: presenceKey(workspaceId, event.conversationId),
        });
    });
    // An alert was raised: the shell's count and the Alerts page refetch.
    source.addEventListener('alert.raised', () => {
      void queryClient.invalidateQueries({ queryKey: alertsKey(workspaceId) });
    });
    source.onmessage = onEvent;
    for (const type of liveEventTypes) source.addEventListener(type, onEvent);
    return () => source.close();
  }, [workspaceId, queryClient]);

  return state;
}
