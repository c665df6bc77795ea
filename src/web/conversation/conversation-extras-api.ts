import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conv, request, ws } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type {
  CannedResponse,
  MentionTriage,
  RenderedCanned,
  RoutingDecision,
} from '../../api/contract.ts';

/** The conversation page's extra actions: canned responses, triage corrections, ideas, praise. */

/** What the picker needs of each canned response the API lists. */
type CannedChoice = Pick<CannedResponse, 'id' | 'name' | 'teamId'>;

const mention = (workspaceId: string, id: string) =>
  `${ws(workspaceId)}/mentions/${encodeURIComponent(id)}`;

const extrasKeys = {
  canned: (workspaceId: string) => ['conversation-extras', workspaceId, 'canned'] as const,
  triage: (workspaceId: string, mentionId: string) =>
    ['conversation-extras', workspaceId, 'triage', mentionId] as const,
  routing: (workspaceId: string, id: string) =>
    ['conversations', workspaceId, 'routing', id] as const,
};

export const useCannedChoices = (workspaceId: string) =>
  useQuery({
    queryKey: extrasKeys.canned(workspaceId),
    queryFn: () => request<{ items: CannedChoice[] }>('GET', `${ws(workspaceId)}/canned-responses`),
    staleTime: 60_000,
  });

export const renderCanned = (workspaceId: string, cannedId: string, conversationId: string) =>
  request<RenderedCanned>(
    'POST',
    `${ws(workspaceId)}/canned-responses/${encodeURIComponent(cannedId)}/render`,
    { conversationId },
  );

export const useRouting = (workspaceId: string, conversationId: string) =>
  useQuery({
    queryKey: extrasKeys.routing(workspaceId, conversationId),
    queryFn: () => request<RoutingDecision>('GET', `${conv(workspaceId, conversationId)}/routing`),
  });

export const useMentionTriage = (workspaceId: string, mentionId: string) =>
  useQuery({
    queryKey: extrasKeys.triage(workspaceId, mentionId),
    queryFn: () => request<MentionTriage>('GET', `${mention(workspaceId, mentionId)}/triage`),
  });

/** Correcting, promoting and starring one mention; each refreshes what it changed. */
export function useMentionActions(workspaceId: string, mentionId: string) {
  const queryClient = useQueryClient();
  return {
    correct: useMutation({
      mutationFn: (body: {
        sentiment?: string;
        intent?: string;
        socialIntent?: string;
        spam?: boolean;
      }) =>
        request<MentionTriage>(
          'POST',
          `${mention(workspaceId, mentionId)}/triage/corrections`,
          body,
        ),
      onSuccess: (triage) => {
        queryClient.setQueryData(extrasKeys.triage(workspaceId, mentionId), triage);
        void queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
      },
    }),
    promote: useMutation({
      mutationFn: (title: string) =>
        request<{ id: string; title: string }>('POST', `${ws(workspaceId)}/ideas`, {
          title,
          mentionIds: [mentionId],
        }),
    }),
    praise: useMutation({
      mutationFn: () => request<{ id: string }>('POST', `${ws(workspaceId)}/praise`, { mentionId }),
    }),
  };
}

type ModerationInput = { reason: 'spam' | 'abuse'; note?: string };

/** Team, priority and moderation on one conversation; each refreshes the inbox and the thread. */
export function useCareActions(workspaceId: string, conversationId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
  return {
    team: useMutation({
      mutationFn: (teamId: string | null) =>
        request('POST', `${conv(workspaceId, conversationId)}/team`, { teamId }),
      onSuccess,
    }),
    priority: useMutation({
      mutationFn: (priority: number) =>
        request('POST', `${conv(workspaceId, conversationId)}/priority`, { priority }),
      onSuccess,
    }),
    hide: useMutation({
      mutationFn: ({ mentionId, ...body }: ModerationInput & { mentionId: string }) =>
        request('POST', `${mention(workspaceId, mentionId)}/hide`, body),
      onSuccess,
    }),
    block: useMutation({
      mutationFn: ({ contactId, ...body }: ModerationInput & { contactId: string }) =>
        request('POST', `${ws(workspaceId)}/contacts/${encodeURIComponent(contactId)}/block`, body),
      onSuccess,
    }),
  };
}
