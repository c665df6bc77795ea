import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';
import type { AlertDestination } from '../../api/contract.ts';

export type DestinationInput =
  { kind: 'webhook'; url: string } | { kind: 'email'; address: string };

const base = (workspaceId: string) => `${ws(workspaceId)}/alert-destinations`;
const one = (workspaceId: string, id: string) => `${base(workspaceId)}/${encodeURIComponent(id)}`;

export const createDestination = (workspaceId: string, input: DestinationInput) =>
  request<AlertDestination & { secret: string | null }>('POST', base(workspaceId), input);
export const setDestinationEnabled = (workspaceId: string, id: string, enabled: boolean) =>
  request<AlertDestination>('PATCH', one(workspaceId, id), { enabled });
export const removeDestination = (workspaceId: string, id: string) =>
  request<void>('DELETE', one(workspaceId, id));
export const sendTestAlert = (workspaceId: string, id: string) =>
  request<unknown>('POST', `${one(workspaceId, id)}/test`);

export const useAlertDestinations = (workspaceId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'alert-destinations'],
    queryFn: () => request<{ items: AlertDestination[] }>('GET', base(workspaceId)),
    enabled,
  });
