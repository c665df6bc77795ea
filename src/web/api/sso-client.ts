import { request, ws } from './client.ts';
import type { SsoStatus, WorkspaceSso } from '../../api/contract.ts';

/** Single sign-on (issue 17): whether it is configured, and a workspace's "SSO only" rule. */

/** Where the browser goes to sign in through the provider (a full page navigation, not fetch). */
export const ssoStartUrl = '/api/v1/auth/sso/start';

export const fetchSsoStatus = () => request<SsoStatus>('GET', '/auth/sso');

export const fetchWorkspaceSso = (workspaceId: string) =>
  request<WorkspaceSso>('GET', `${ws(workspaceId)}/sso`);

export const setWorkspaceSso = (workspaceId: string, ssoOnly: boolean) =>
  request<WorkspaceSso>('PUT', `${ws(workspaceId)}/sso`, { ssoOnly });
