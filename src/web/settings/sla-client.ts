import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';
import type { BusinessHours, SlaPolicy } from '../../api/contract.ts';

/** What the policy form sends: a policy as the API returns it, without its id. */
export type SlaPolicyInput = Omit<SlaPolicy, 'id'>;

const base = (workspaceId: string) => `${ws(workspaceId)}/sla-policies`;

export const createSlaPolicy = (workspaceId: string, input: SlaPolicyInput) =>
  request<SlaPolicy>('POST', base(workspaceId), input);
export const replaceSlaPolicy = (workspaceId: string, id: string, input: SlaPolicyInput) =>
  request<SlaPolicy>('PUT', `${base(workspaceId)}/${encodeURIComponent(id)}`, input);

export const useSlaPolicies = (workspaceId: string) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'sla-policies'],
    queryFn: () => request<{ items: SlaPolicy[] }>('GET', base(workspaceId)),
  });

/** A team's opening hours (GET/PUT …/teams/{teamId}/business-hours). */
export type BusinessHoursInput = {
  alwaysOpen: boolean;
  timeZone: string;
  week: Partial<Record<string, { start: string; end: string }[]>>;
  holidays: string[];
  acknowledgement: string | null;
  followTheSunGroup: string | null;
};

const hoursPath = (workspaceId: string, teamId: string) =>
  `${ws(workspaceId)}/teams/${encodeURIComponent(teamId)}/business-hours`;

export const saveBusinessHours = (workspaceId: string, teamId: string, input: BusinessHoursInput) =>
  request<BusinessHours>('PUT', hoursPath(workspaceId, teamId), input);

export const useBusinessHours = (workspaceId: string, teamId: string) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'business-hours', teamId],
    queryFn: () => request<BusinessHours>('GET', hoursPath(workspaceId, teamId)),
    enabled: teamId !== '',
  });
