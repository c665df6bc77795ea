import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoticeStatus } from '../../domain/idea-notices.ts';
import { request, ws } from '../api/client.ts';
import type { IdeaNoticeReview, IdeaNoticeTemplates } from '../../api/contract.ts';

const noticesPath = (workspaceId: string, ideaId: string) =>
  `${ws(workspaceId)}/ideas/${encodeURIComponent(ideaId)}/notices`;
const reviewKey = (workspaceId: string, ideaId: string) =>
  ['ideas', workspaceId, 'notices', ideaId] as const;

/** Whom telling of the idea's status would reach, with drafts, and who was told already. */
export const useNoticeReview = (workspaceId: string, ideaId: string) =>
  useQuery({
    queryKey: reviewKey(workspaceId, ideaId),
    queryFn: () => request<IdeaNoticeReview>('GET', noticesPath(workspaceId, ideaId)),
  });

/** Sends the reviewed notices; the answer is the review as it now stands. */
export function useTellCustomers(workspaceId: string, ideaId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      status: NoticeStatus;
      notices: Array<{ conversationId: string; text: string }>;
    }) => request<IdeaNoticeReview>('POST', noticesPath(workspaceId, ideaId), body),
    onSuccess: (review) => queryClient.setQueryData(reviewKey(workspaceId, ideaId), review),
  });
}

/** Changes the workspace's template for one status; the drafts are made again from it. */
export function useSaveNoticeTemplate(workspaceId: string, ideaId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ status, body }: { status: NoticeStatus; body: string | null }) =>
      request<IdeaNoticeTemplates>('PUT', `${ws(workspaceId)}/idea-notice-templates`, {
        [status]: body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewKey(workspaceId, ideaId) }),
  });
}
