import { useInfiniteQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import type { ModerationPage } from '../../api/contract.ts';

const fetchModeration = (workspaceId: string, cursor: string | null) => {
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
