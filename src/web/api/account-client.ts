import { rememberSession, request, ws } from './client.ts';
import type {
  Invitation,
  InvitationPreview,
  Member,
  NewInvitation,
  Role,
  Session,
  SessionInfo,
} from '../../api/contract.ts';

/** Invitations, passwords and sessions (issue 17). */

/** Adds a member who has an account, or invites someone who has none (the answer says which). */
export const addOrInviteMember = (
  workspaceId: string,
  member: { email: string; role: Role },
): Promise<Member | NewInvitation> => request('POST', `${ws(workspaceId)}/members`, member);

export const isInvitation = (added: Member | NewInvitation): added is NewInvitation =>
  'token' in added;

export const fetchInvitations = (workspaceId: string) =>
  request<{ items: Invitation[] }>('GET', `${ws(workspaceId)}/invitations`);
export const revokeInvitation = (workspaceId: string, id: string) =>
  request<void>('DELETE', `${ws(workspaceId)}/invitations/${encodeURIComponent(id)}`);

export const previewInvitation = (token: string) =>
  request<InvitationPreview>('POST', '/invitations/preview', { token });

export async function acceptInvitation(input: {
  token: string;
  name?: string;
  password: string;
}): Promise<Session> {
  return rememberSession(await request<Session>('POST', '/invitations/accept', input));
}

export const requestPasswordReset = (email: string) =>
  request<void>('POST', '/auth/password-reset', { email });

export async function confirmPasswordReset(token: string, newPassword: string): Promise<Session> {
  return rememberSession(
    await request<Session>('POST', '/auth/password-reset/confirm', { token, newPassword }),
  );
}

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<void>('POST', '/auth/password', { currentPassword, newPassword });

export const fetchSessions = () => request<{ items: SessionInfo[] }>('GET', '/auth/sessions');
export const endSession = (id: string) =>
  request<void>('DELETE', `/auth/sessions/${encodeURIComponent(id)}`);

/** A link the server made: a path when it does not know its public address. */
export const absoluteLink = (link: string) =>
  link.startsWith('/') ? `${window.location.origin}${link}` : link;
