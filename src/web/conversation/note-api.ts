import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { Note } from '../../api/contract.ts';

/** A note with the teammates it names (the server finds them among the workspace's members). */
export type NoteWithMentions = Note & { mentionedUserIds?: string[] };

export type NoteMention = {
  noteId: string;
  conversationId: string;
  body: string;
  author: { id: string | null; name: string | null };
  contactName: string;
  network: string;
  createdAt: string;
  seenAt: string | null;
};

// Under the conversations key: every live event from /api/v1/events refetches it, so a note
// that names you shows up while you work elsewhere.
const noteMentionsKey = (workspaceId: string) =>
  [...keys.conversations(workspaceId), 'note-mentions'] as const;

export const useNoteMentions = (workspaceId: string) =>
  useQuery({
    queryKey: noteMentionsKey(workspaceId),
    queryFn: () =>
      request<{ unseen: number; items: NoteMention[] }>('GET', `${ws(workspaceId)}/note-mentions`),
  });

/** Marks the caller's mentions in a conversation seen (when they open it). */
export function useMarkMentionsSeen(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (conversationId: string) =>
      request<{ marked: number }>('POST', `${ws(workspaceId)}/note-mentions/seen`, {
        conversationId,
      }),
    onSuccess: (result) => {
      if (result.marked > 0)
        void queryClient.invalidateQueries({ queryKey: noteMentionsKey(workspaceId) });
    },
  });
}
