import type {
  ConversationDetail,
  ConversationPage,
  ConversationSummary,
  Member,
  Note,
  Reply,
  Session,
  TwoFactorChallenge,
} from '../../api/contract.ts';
import type { InboxQuery } from './types.ts';

/** An API failure with the server's error code (`invalid_credentials`, `csrf_failed`, …). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// The CSRF token comes with the session; the cookie itself is HttpOnly and never seen here.
let csrfToken: string | null = null;

function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; details?: unknown } };

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the HTTP status below.
  }
  const code = typeof body.error?.code === 'string' ? body.error.code : `http_${response.status}`;
  const message =
    typeof body.error?.message === 'string'
      ? body.error.message
      : `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(response.status, code, message, body.error?.details);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the Earshot server.', null);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  // 202 Accepted may carry no body (a password reset request).
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
export const conv = (workspaceId: string, id: string) =>
  `${ws(workspaceId)}/conversations/${encodeURIComponent(id)}`;

/** Keeps the CSRF token of a session that was just opened (login, invitation, reset). */
export function rememberSession(session: Session): Session {
  rememberCsrfToken(session.csrfToken);
  return session;
}

/** Signs in, or answers the challenge of an account with two-factor sign-in on. */
export async function login(
  email: string,
  password: string,
): Promise<Session | TwoFactorChallenge> {
  const answer = await request<Session | TwoFactorChallenge>('POST', '/auth/login', {
    email,
    password,
  });
  if ('twoFactorRequired' in answer) return answer;
  rememberCsrfToken(answer.csrfToken);
  return answer;
}

/** The second step: the challenge and a code from the app, or a recovery code. */
export async function loginWithCode(challenge: string, code: string): Promise<Session> {
  return rememberSession(
    await request<Session>('POST', '/auth/login/two-factor', { challenge, code }),
  );
}

/** The current session, or null when nobody is logged in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/session');
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/auth/logout');
  rememberCsrfToken(null);
}

export function fetchConversations(
  workspaceId: string,
  query: InboxQuery,
  cursor: string | null,
): Promise<ConversationPage> {
  const params = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  if (cursor) params.set('cursor', cursor);
  return request('GET', `${ws(workspaceId)}/conversations?${params}`);
}

/** Those of these conversations the list's view and filters hold: the rows a live event named. */
export function fetchConversationRows(
  workspaceId: string,
  query: InboxQuery,
  ids: string[],
): Promise<ConversationPage> {
  const params = new URLSearchParams({ limit: '200' });
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  params.set('ids', ids.join(','));
  return request('GET', `${ws(workspaceId)}/conversations?${params}`);
}

export function fetchConversation(workspaceId: string, id: string): Promise<ConversationDetail> {
  return request('GET', conv(workspaceId, id));
}

export function fetchMembers(workspaceId: string): Promise<{ items: Member[] }> {
  return request('GET', `${ws(workspaceId)}/members`);
}

export function sendReply(
  workspaceId: string,
  id: string,
  reply: { text: string; visibility: 'public' | 'private'; inReplyTo?: string },
): Promise<Reply> {
  return request('POST', `${conv(workspaceId, id)}/replies`, reply);
}

export function addNote(workspaceId: string, id: string, body: string): Promise<Note> {
  return request('POST', `${conv(workspaceId, id)}/notes`, { body });
}

export function assignConversation(
  workspaceId: string,
  id: string,
  assigneeId: string | null,
): Promise<ConversationSummary> {
  return request('POST', `${conv(workspaceId, id)}/assign`, { assigneeId });
}

export function setConversationStatus(
  workspaceId: string,
  id: string,
  status: 'open' | 'pending' | 'resolved' | 'snoozed',
  snoozedUntil?: string,
): Promise<ConversationSummary> {
  return request('POST', `${conv(workspaceId, id)}/status`, { status, snoozedUntil });
}

export function liveEventsUrl(workspaceId: string): string {
  return `/api/v1/events?workspace=${encodeURIComponent(workspaceId)}`;
}
