import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  fetchBrands,
  fetchChannels,
  fetchTeams,
  fetchTokens,
  fetchWorkspaceTokens,
} from './settings-client.ts';

export const settingsKeys = {
  all: (workspaceId: string) => ['settings', workspaceId] as const,
  teams: (workspaceId: string) => ['settings', workspaceId, 'teams'] as const,
  brands: (workspaceId: string) => ['settings', workspaceId, 'brands'] as const,
  channels: (workspaceId: string) => ['settings', workspaceId, 'channels'] as const,
  tokens: ['tokens'] as const,
  workspaceTokens: (workspaceId: string) => ['settings', workspaceId, 'tokens'] as const,
};

export const useTeams = (workspaceId: string) =>
  useQuery({ queryKey: settingsKeys.teams(workspaceId), queryFn: () => fetchTeams(workspaceId) });

export const useBrands = (workspaceId: string) =>
  useQuery({
    queryKey: settingsKeys.brands(workspaceId),
    queryFn: () => fetchBrands(workspaceId),
    staleTime: 5 * 60_000,
  });

/** Channel health changes on its own (lag, errors): refreshed every 30 s while on screen. */
export const useChannels = (workspaceId: string) =>
  useQuery({
    queryKey: settingsKeys.channels(workspaceId),
    queryFn: () => fetchChannels(workspaceId),
    refetchInterval: 30_000,
  });

export const useTokens = () => useQuery({ queryKey: settingsKeys.tokens, queryFn: fetchTokens });

export const useWorkspaceTokens = (workspaceId: string, enabled: boolean) =>
  useQuery({
    queryKey: settingsKeys.workspaceTokens(workspaceId),
    queryFn: () => fetchWorkspaceTokens(workspaceId),
    enabled,
  });

/**
 * A settings change: runs `change`, then refreshes the workspace's settings and members (a role
 * or a team changes what the inbox shows, so its lists are refreshed too).
 */
export function useSettingsChange<Input, Output>(
  workspaceId: string,
  change: (input: Input) => Promise<Output>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: ['members', workspaceId] }),
        queryClient.invalidateQueries({ queryKey: settingsKeys.tokens }),
      ]),
  });
}
