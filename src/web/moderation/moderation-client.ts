import { useInfiniteQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';

/** One hide, unhide, block or unblock, with who did it and why (GET …/moderation). */
export type ModerationAction = {
  id: string;
  action: 'hide' | 'unhide' | 'block' | 'unblock';
  mentionId: string | null;
  contactId: string | null;
  conversationId: string | null;
  reason: 'spam' | 'abuse' | null;
  note: string | null;
  actor: { id: string | null; name: string | null };
  onNetwork: 'hidden' | 'unhidden' | 'failed' | 'not_supported' | 'not_applicable';
  onNetworkError: string | null;
  createdAt: string;
};

type ModerationPage = { items: ModerationAction[]; nextCursor: string | null };

export const fetchModeration = (workspaceId: string, cursor: string | null) => {
  const params = new URLSearchParams({ limit: '50' });
  if (cursor) params.set('cursor', cursor);
  return request<ModerationPage>('GET', `${ws(workspaceId)}/moderation?${params}`);
};

/** The log, newest first, one page of 50 at a time. */
export const useModerationLog = (workspaceId: string) =>
  useInfiniteQuery({
    queryKey: ['moderation', workspaceId],
    queryFn: ({ pageParam }) => fetchModeration(workspaceId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
