import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';
import type { CannedResponse } from '../../api/contract.ts';

export type CannedInput = { name: string; body: string; teamId: string | null };

const base = (workspaceId: string) => `${ws(workspaceId)}/canned-responses`;

export const createCanned = (workspaceId: string, input: CannedInput) =>
  request<CannedResponse>('POST', base(workspaceId), input);
export const updateCanned = (workspaceId: string, id: string, input: Partial<CannedInput>) =>
  request<CannedResponse>('PATCH', `${base(workspaceId)}/${encodeURIComponent(id)}`, input);

/** Under the settings key, so every settings change refreshes it. */
export const useCannedResponses = (workspaceId: string) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'canned-responses'],
    queryFn: () => request<{ items: CannedResponse[] }>('GET', base(workspaceId)),
  });
