import { request, ws } from './client.ts';
import type {
  ApiToken,
  Brand,
  Channel,
  Member,
  Role,
  Team,
  TokenScope,
  WorkspaceToken,
} from '../../api/contract.ts';
import type { BrandInput } from './types.ts';

/** The workspace's settings: members, teams, brands, channels, and the caller's API tokens. */

export const fetchTeams = (workspaceId: string) =>
  request<{ items: Team[] }>('GET', `${ws(workspaceId)}/teams`);
export const createTeam = (workspaceId: string, name: string) =>
  request<Team>('POST', `${ws(workspaceId)}/teams`, { name });
export const addTeamMember = (workspaceId: string, teamId: string, userId: string) =>
  request<Team>('POST', `${ws(workspaceId)}/teams/${encodeURIComponent(teamId)}/members`, {
    userId,
  });

export const addMember = (
  workspaceId: string,
  member: { email: string; name?: string; role: Role; password?: string },
) => request<Member>('POST', `${ws(workspaceId)}/members`, member);
export const changeRole = (workspaceId: string, userId: string, role: Role) =>
  request<Member>('PUT', `${ws(workspaceId)}/members/${encodeURIComponent(userId)}/role`, {
    role,
  });

/** Takes them out of this workspace; their open conversations go back to their team's queue. */
export const removeMember = (workspaceId: string, userId: string) =>
  request<void>('DELETE', `${ws(workspaceId)}/members/${encodeURIComponent(userId)}`);
/** Ends their access to every workspace of this Earshot; nothing they wrote is lost. */
export const deactivateMember = (workspaceId: string, userId: string) =>
  request<{ released: number }>('POST', `${ws(workspaceId)}/members/deactivate`, { userId });

export const fetchBrands = (workspaceId: string) =>
  request<{ items: Brand[] }>('GET', `${ws(workspaceId)}/brands`);
export const createBrand = (workspaceId: string, brand: BrandInput) =>
  request<Brand>('POST', `${ws(workspaceId)}/brands`, brand);
export const updateBrand = (workspaceId: string, brandId: string, brand: Partial<BrandInput>) =>
  request<Brand>('PATCH', `${ws(workspaceId)}/brands/${encodeURIComponent(brandId)}`, brand);

const channel = (workspaceId: string, id: string) =>
  `${ws(workspaceId)}/channels/${encodeURIComponent(id)}`;
export const fetchChannels = (workspaceId: string) =>
  request<{ items: Channel[] }>('GET', `${ws(workspaceId)}/channels`);
export const connectChannel = (
  workspaceId: string,
  input: { network: string; brandId: string; name: string; credentials: Record<string, unknown> },
) => request<Channel>('POST', `${ws(workspaceId)}/channels`, input);
export const updateChannel = (
  workspaceId: string,
  id: string,
  input: { name?: string; credentials?: Record<string, unknown> },
) => request<Channel>('PATCH', channel(workspaceId, id), input);
export const channelAction = (
  workspaceId: string,
  id: string,
  action: 'test' | 'pause' | 'resume' | 'remove',
) =>
  action === 'remove'
    ? request<void>('DELETE', channel(workspaceId, id))
    : request<unknown>('POST', `${channel(workspaceId, id)}/${action}`);

export const fetchTokens = () => request<{ items: ApiToken[] }>('GET', '/tokens');
export const createToken = (input: { name: string; scope: TokenScope; expiresAt: string | null }) =>
  request<ApiToken & { token: string }>('POST', '/tokens', input);
export const revokeToken = (id: string) =>
  request<void>('DELETE', `/tokens/${encodeURIComponent(id)}`);

/** Every member's tokens in the workspace (admins), without their secrets. */
export const fetchWorkspaceTokens = (workspaceId: string) =>
  request<{ items: WorkspaceToken[] }>('GET', `${ws(workspaceId)}/tokens`);
export const revokeWorkspaceToken = (workspaceId: string, id: string) =>
  request<void>('DELETE', `${ws(workspaceId)}/tokens/${encodeURIComponent(id)}`);
