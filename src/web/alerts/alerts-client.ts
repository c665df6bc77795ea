import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveEventsUrl, request, ws } from '../api/client.ts';

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

/**
 * Refetches the alerts when the server pushes `alert.raised` (and after a reconnect, since
 * events sent while disconnected are lost).
 */
export function useAlertStream(workspaceId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource(liveEventsUrl(workspaceId));
    const refresh = () => void queryClient.invalidateQueries({ queryKey: alertsKey(workspaceId) });
    source.addEventListener('alert.raised', refresh);
    source.addEventListener('ready', refresh);
    return () => source.close();
  }, [workspaceId, queryClient]);
}
