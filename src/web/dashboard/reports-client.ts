import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import type { Reports } from '../../api/contract.ts';

export interface DashboardFilter {
  days: number;
  brandId: string;
}

/** The query string of a report for the filter, ending now, in the browser's time zone. */
export function reportQuery(filter: DashboardFilter, now: Date, format?: 'csv'): string {
  const params = new URLSearchParams({
    from: new Date(now.getTime() - filter.days * 86_400_000).toISOString(),
    to: now.toISOString(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  });
  if (filter.brandId) params.set('brandId', filter.brandId);
  if (format) params.set('format', format);
  return params.toString();
}

export const reportPath = (workspaceId: string, name: keyof Reports) =>
  `${ws(workspaceId)}/reports/${name}`;

export function useReport<N extends keyof Reports>(workspaceId: string, name: N, query: string) {
  return useQuery({
    queryKey: ['reports', workspaceId, name, query],
    queryFn: () => request<Reports[N]>('GET', `${reportPath(workspaceId, name)}?${query}`),
    staleTime: 60_000,
  });
}

/** "45 s", "12 min", "3.5 h", "2.1 d"; a dash when there is nothing to show. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export const formatShare = (share: number | null) =>
  share === null ? '–' : `${Math.round(share * 100)} %`;
