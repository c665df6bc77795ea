import { useSyncExternalStore } from 'react';

/** Every page the app has; the URL is the source of truth so links, reload and back work. */
export type Route =
  | { page: 'login' }
  | { page: 'invite' }
  | { page: 'reset-password' }
  | { page: 'home' }
  | { page: 'inbox'; workspaceId: string; search: URLSearchParams }
  | { page: 'conversation'; workspaceId: string; conversationId: string }
  | { page: 'idea'; workspaceId: string; ideaId: string }
  | { page: 'campaign'; workspaceId: string; campaignId: string }
  | {
      page: 'ideas' | 'campaigns' | 'moderation' | 'reports' | 'alerts' | 'approvals' | 'quality';
      workspaceId: string;
    }
  | { page: 'settings'; workspaceId: string; section: SettingsSection }
  | { page: 'not_found' };

const settingsSections = [
  'teams',
  'brands',
  'channels',
  'reviews',
  'routing',
  'canned',
  'tokens',
  'sla',
  'hours',
  'alerts',
  'tags',
  'audit',
  'account',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

const isSettingsSection = (value: string): value is SettingsSection =>
  (settingsSections as readonly string[]).includes(value);

export function parseRoute(pathname: string, search: string): Route {
  const parts = decodeSegments(pathname);
  if (!parts) return { page: 'not_found' };
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'login' && parts.length === 1) return { page: 'login' };
  if (parts[0] === 'invite' && parts.length === 1) return { page: 'invite' };
  if (parts[0] === 'reset-password' && parts.length === 1) return { page: 'reset-password' };
  const [w, workspaceId, section, id] = parts;
  if (w !== 'w' || !workspaceId) return { page: 'not_found' };
  if (section === 'inbox' && parts.length === 3) {
    return { page: 'inbox', workspaceId, search: new URLSearchParams(search) };
  }
  if (section === 'conversations' && id && parts.length === 4) {
    return { page: 'conversation', workspaceId, conversationId: id };
  }
  if (section === 'ideas' && id && parts.length === 4) {
    return { page: 'idea', workspaceId, ideaId: id };
  }
  if (section === 'campaigns' && id && parts.length === 4) {
    return { page: 'campaign', workspaceId, campaignId: id };
  }
  if (
    (section === 'ideas' ||
      section === 'campaigns' ||
      section === 'moderation' ||
      section === 'reports' ||
      section === 'alerts' ||
      section === 'approvals' ||
      section === 'quality') &&
    !id
  ) {
    return { page: section, workspaceId };
  }
  if (section === 'settings' && parts.length <= 4) {
    const part = id ?? 'teams';
    if (isSettingsSection(part)) return { page: 'settings', workspaceId, section: part };
  }
  if (!section) return { page: 'inbox', workspaceId, search: new URLSearchParams() };
  return { page: 'not_found' };
}

/** The path's segments, decoded; null when one is not valid percent-encoding (`%E0%A4%A`). */
function decodeSegments(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

export const paths = {
  login: () => '/login',
  resetPassword: () => '/reset-password',
  inbox: (workspaceId: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/w/${encodeURIComponent(workspaceId)}/inbox${query ? `?${query}` : ''}`;
  },
  conversation: (workspaceId: string, id: string) =>
    `/w/${encodeURIComponent(workspaceId)}/conversations/${encodeURIComponent(id)}`,
  idea: (workspaceId: string, id: string) =>
    `/w/${encodeURIComponent(workspaceId)}/ideas/${encodeURIComponent(id)}`,
  campaign: (workspaceId: string, id: string) =>
    `/w/${encodeURIComponent(workspaceId)}/campaigns/${encodeURIComponent(id)}`,
  section: (
    workspaceId: string,
    section:
      | 'ideas'
      | 'campaigns'
      | 'moderation'
      | 'reports'
      | 'alerts'
      | 'approvals'
      | 'quality'
      | 'settings',
  ) => `/w/${encodeURIComponent(workspaceId)}/${section}`,
  alerts: (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/alerts`,
  settings: (workspaceId: string, section: SettingsSection) =>
    `/w/${encodeURIComponent(workspaceId)}/settings/${section}`,
};

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentUrl()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

/** The current route; re-renders when the URL changes. */
export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const queryStart = url.indexOf('?');
  return queryStart === -1
    ? parseRoute(url, '')
    : parseRoute(url.slice(0, queryStart), url.slice(queryStart));
}
