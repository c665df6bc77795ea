import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  addNote,
  assignConversation,
  fetchConversation,
  fetchConversations,
  fetchMembers,
  fetchSession,
  login,
  loginWithCode,
  logout,
  request,
  sendReply,
  setConversationStatus,
  ws,
} from './client.ts';
import type { Session } from '../../api/contract.ts';
import type { InboxQuery } from './types.ts';

/** Cache keys: one place, so live updates invalidate exactly what they should. */
export const keys = {
  session: ['session'] as const,
  conversations: (workspaceId: string) => ['conversations', workspaceId] as const,
  conversationList: (workspaceId: string, query: InboxQuery) =>
    ['conversations', workspaceId, 'list', query] as const,
  conversation: (workspaceId: string, id: string) =>
    ['conversations', workspaceId, 'detail', id] as const,
  members: (workspaceId: string) => ['members', workspaceId] as const,
};

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: Infinity });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => login(input.email, input.password),
    onSuccess: (answer) => {
      // A challenge waits for the second step (the login page asks for the code).
      if (!('twoFactorRequired' in answer))
        queryClient.setQueryData<Session | null>(keys.session, answer);
    },
  });
}

export function useLoginWithCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { challenge: string; code: string }) =>
      loginWithCode(input.challenge, input.code),
    onSuccess: (session) => queryClient.setQueryData<Session | null>(keys.session, session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => forgetSession(queryClient),
  });
}

/** Drops everything the last user could see, then shows the login page. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  queryClient.setQueryData<Session | null>(keys.session, null);
}

export function useConversationList(workspaceId: string, query: InboxQuery) {
  return useInfiniteQuery({
    queryKey: keys.conversationList(workspaceId, query),
    queryFn: ({ pageParam }) => fetchConversations(workspaceId, query, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** How many conversations each view holds under the inbox's filters; live with the list. */
export function useViewCounts(workspaceId: string, query: InboxQuery) {
  const { view: _view, ...filters } = query;
  return useQuery({
    queryKey: [...keys.conversations(workspaceId), 'counts', filters] as const,
    queryFn: () => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(filters))
        if (value !== undefined && value !== '') params.set(name, String(value));
      return request<{ counts: Record<string, number>; cap: number }>(
        'GET',
        `${ws(workspaceId)}/inbox-counts?${params}`,
      );
    },
  });
}

export function useConversation(workspaceId: string, id: string) {
  return useQuery({
    queryKey: keys.conversation(workspaceId, id),
    queryFn: () => fetchConversation(workspaceId, id),
  });
}

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: keys.members(workspaceId),
    queryFn: () => fetchMembers(workspaceId),
    staleTime: 5 * 60_000,
  });
}

/** The actions on one conversation; each refreshes the conversation and the inbox lists. */
export function useConversationActions(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
  return {
    reply: useMutation({
      mutationFn: (input: { text: string; visibility: 'public' | 'private'; inReplyTo?: string }) =>
        sendReply(workspaceId, id, input),
      onSuccess,
    }),
    note: useMutation({ mutationFn: (body: string) => addNote(workspaceId, id, body), onSuccess }),
    assign: useMutation({
      mutationFn: (assigneeId: string | null) => assignConversation(workspaceId, id, assigneeId),
      onSuccess,
    }),
    setStatus: useMutation({
      mutationFn: (status: 'open' | 'pending' | 'resolved') =>
        setConversationStatus(workspaceId, id, status),
      onSuccess,
    }),
    snooze: useMutation({
      mutationFn: (until: string) => setConversationStatus(workspaceId, id, 'snoozed', until),
      onSuccess,
    }),
  };
}
