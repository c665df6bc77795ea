import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { keys, useSession } from '../api/queries.ts';
import type { PendingApproval, Reply, ReplySettings } from '../../api/contract.ts';

/** Replies after they are written: approvals, delivery retries and who may decide. */

const reply = (workspaceId: string, id: string) =>
  `${ws(workspaceId)}/replies/${encodeURIComponent(id)}`;

// Under the conversations key, so every live event refreshes the queue as well.
const pendingApprovalsKey = (workspaceId: string) =>
  [...keys.conversations(workspaceId), 'approvals'] as const;

export const useReplySettings = (workspaceId: string) =>
  useQuery({
    queryKey: ['reply-settings', workspaceId],
    queryFn: () => request<ReplySettings>('GET', `${ws(workspaceId)}/reply-settings`),
    staleTime: 60_000,
  });

export const usePendingApprovals = (workspaceId: string) =>
  useQuery({
    queryKey: pendingApprovalsKey(workspaceId),
    queryFn: () =>
      request<{ items: PendingApproval[] }>('GET', `${ws(workspaceId)}/approvals?limit=200`),
  });

/** What this person may do with replies here: admins and owners approve, viewers only read. */
export function useReplyPermissions(workspaceId: string) {
  const session = useSession();
  const role = session.data?.memberships.find((m) => m.workspaceId === workspaceId)?.role;
  return { approve: role === 'owner' || role === 'admin', retry: role !== 'viewer' };
}

type Decision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/** Deciding on a waiting reply and retrying a failed one; each refreshes what it changed. */
export function useReplyActions(workspaceId: string, replyId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
  return {
    decide: useMutation({
      mutationFn: (decision: Decision) =>
        request<Reply>('POST', `${reply(workspaceId, replyId)}/approval`, decision),
      onSuccess,
    }),
    retry: useMutation({
      mutationFn: () => request<Reply>('POST', `${reply(workspaceId, replyId)}/retry`),
      onSuccess,
    }),
  };
}
