import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';

/** One alert (GET …/alerts): a negative spike, a viral post, a missed SLA target or a test. */
export type Alert = {
  id: string;
  kind: 'spike' | 'viral' | 'sla_breach' | 'test';
  summary: string;
  brandId: string | null;
  conversationId: string | null;
  mentionId: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

type AlertPage = { items: Alert[]; nextBefore: string | null };

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
