import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import type { Alert, AlertPage } from '../../api/contract.ts';

export const alertsKey = (workspaceId: string) => ['alerts', workspaceId] as const;

/** The newest 200 alerts: the page lists them, the shell counts the unacknowledged ones. */
export const useAlerts = (workspaceId: string) =>
  useQuery({
    queryKey: alertsKey(workspaceId),
    queryFn: () => request<AlertPage>('GET', `${ws(workspaceId)}/alerts?limit=200`),
  });

export function useAcknowledge(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) =>
      request<Alert>(
        'POST',
        `${ws(workspaceId)}/alerts/${encodeURIComponent(alertId)}/acknowledge`,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsKey(workspaceId) }),
  });
}
