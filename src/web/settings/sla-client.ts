import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';

/** What a breach does: a realtime notice, a move to a team (or back to the queue), priority. */
export type SlaEscalation = {
  notify: boolean;
  reassign: { teamId: string | null } | null;
  raisePriorityBy: number;
};

export type SlaPolicyInput = {
  name: string;
  teamId: string | null;
  minPriority: number | null;
  maxPriority: number | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warnBeforeMinutes: number;
  escalation: SlaEscalation;
};

export type SlaPolicy = SlaPolicyInput & { id: string };

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

export type BusinessHours = BusinessHoursInput & {
  teamId: string;
  configured: boolean;
  openNow: boolean;
  nextOpeningAt: string | null;
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
