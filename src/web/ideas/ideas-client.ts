import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettableIdeaStatus } from '../../domain/ideas.ts';
import { request, ws } from '../api/client.ts';
import type { Idea, IdeaDetail } from '../../api/contract.ts';

export type IdeaSort = 'top' | 'new';

const idea = (workspaceId: string, id: string) =>
  `${ws(workspaceId)}/ideas/${encodeURIComponent(id)}`;

const fetchIdeas = (workspaceId: string, sort: IdeaSort) =>
  request<{ items: Idea[] }>('GET', `${ws(workspaceId)}/ideas?sort=${sort}&limit=200`);

export const fetchIdeaMentions = (workspaceId: string, id: string) =>
  request<IdeaDetail>('GET', idea(workspaceId, id));

export type IdeaChange =
  | { kind: 'vote'; id: string }
  | { kind: 'unvote'; id: string }
  | { kind: 'status'; id: string; status: SettableIdeaStatus; reason?: string }
  | { kind: 'merge'; id: string; intoIdeaId: string };

function changeIdea(workspaceId: string, change: IdeaChange): Promise<Idea> {
  const path = idea(workspaceId, change.id);
  switch (change.kind) {
    case 'vote':
      return request('POST', `${path}/vote`);
    case 'unvote':
      return request('DELETE', `${path}/vote`);
    case 'status':
      return request('POST', `${path}/status`, { status: change.status, reason: change.reason });
    case 'merge':
      return request('POST', `${path}/merge`, { intoIdeaId: change.intoIdeaId });
  }
}

const ideasKey = (workspaceId: string) => ['ideas', workspaceId] as const;

export const useIdeas = (workspaceId: string, sort: IdeaSort) =>
  useQuery({
    queryKey: [...ideasKey(workspaceId), sort],
    queryFn: () => fetchIdeas(workspaceId, sort),
  });

/** One change to an idea; the board is fetched again afterwards (votes move the order). */
export function useIdeaChange(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: IdeaChange) => changeIdea(workspaceId, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ideasKey(workspaceId) }),
  });
}
