import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assignConversation, setConversationStatus } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import { snoozeUntil } from './shortcuts.ts';

export type QuickAction = 'assign' | 'resolve' | 'snooze';

/** What the shortcuts a, e and s do to a conversation, by id; refreshes every list after. */
export function useQuickAction(workspaceId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id }: { action: QuickAction; id: string }) =>
      action === 'assign'
        ? assignConversation(workspaceId, id, userId)
        : action === 'resolve'
          ? setConversationStatus(workspaceId, id, 'resolved')
          : setConversationStatus(workspaceId, id, 'snoozed', snoozeUntil(Date.now())),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) }),
  });
}

export const quickActionDone: Record<QuickAction, string> = {
  assign: 'Assigned to you',
  resolve: 'Resolved',
  snooze: 'Snoozed for 4 hours',
};
