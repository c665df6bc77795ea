import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { conv, request } from './client.ts';
import type { Presence } from '../../api/contract.ts';

/** Browsers repeat "viewing" this often; the server forgets a silent viewer after 40 s. */
const viewingEveryMs = 15_000;
/** While keys are pressed, "typing" goes out at most this often (the server keeps it 6 s). */
const typingEveryMs = 2_000;

export const presenceKey = (workspaceId: string, conversationId: string) =>
  ['presence', workspaceId, conversationId] as const;

type State = 'viewing' | 'typing' | 'left';

const announce = (workspaceId: string, conversationId: string, state: State) =>
  request<{ items: Presence[] }>('POST', `${conv(workspaceId, conversationId)}/presence`, {
    state,
  });

/**
 * Who else is on this conversation (live: `presence.updated` refreshes it), and a function the
 * composer calls on each key press. Says "viewing" while the page is open and "left" after.
 */
export function usePresence(workspaceId: string, conversationId: string, userId: string) {
  const query = useQuery({
    queryKey: presenceKey(workspaceId, conversationId),
    queryFn: () =>
      request<{ items: Presence[] }>('GET', `${conv(workspaceId, conversationId)}/presence`),
    // Presence fades on the server without an event: look again now and then.
    refetchInterval: viewingEveryMs,
    staleTime: 0,
  });
  useEffect(() => {
    const say = (state: State) => void announce(workspaceId, conversationId, state).catch(() => {});
    say('viewing');
    const timer = setInterval(() => say('viewing'), viewingEveryMs);
    const leave = () => say('left');
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [workspaceId, conversationId]);

  const lastTyping = useRef(0);
  const typing = useCallback(() => {
    const now = Date.now();
    if (now - lastTyping.current < typingEveryMs) return;
    lastTyping.current = now;
    void announce(workspaceId, conversationId, 'typing').catch(() => {});
  }, [workspaceId, conversationId]);

  const others = (query.data?.items ?? []).filter((presence) => presence.userId !== userId);
  return { others, typing };
}
