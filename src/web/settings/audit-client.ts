import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';
import type { AuditPage } from '../../api/contract.ts';

/** The audit log's filters as the page holds them (dates as typed in the date fields). */
export interface AuditFilters {
  actorId: string;
  kind: string;
  fromDay: string;
  toDay: string;
}

/** The query string for these filters (an inclusive "to" day ends at the next midnight). */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.actorId) params.set('actorId', filters.actorId);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.fromDay) params.set('from', new Date(`${filters.fromDay}T00:00:00`).toISOString());
  if (filters.toDay) {
    const end = new Date(`${filters.toDay}T00:00:00`);
    end.setDate(end.getDate() + 1);
    params.set('to', end.toISOString());
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

export const auditPath = (workspaceId: string) => `${ws(workspaceId)}/audit-log`;

/** One page of the audit log; under the settings key, so any settings change refreshes it. */
export const useAuditLog = (workspaceId: string, filters: AuditFilters, before: string | null) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'audit', filters, before] as const,
    queryFn: () =>
      request<AuditPage>(
        'GET',
        `${auditPath(workspaceId)}?${auditQuery(filters, before ? { before } : {})}`,
      ),
    placeholderData: keepPreviousData,
  });
