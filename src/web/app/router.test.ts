import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router.ts';

describe('parseRoute', () => {
  it('reads every page of the app from its path', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
    expect(parseRoute('/login', '')).toEqual({ page: 'login' });
    expect(parseRoute('/w/ws1/conversations/c%2F1', '')).toEqual({
      page: 'conversation',
      workspaceId: 'ws1',
      conversationId: 'c/1',
    });
    expect(parseRoute('/w/ws1/reports', '')).toEqual({ page: 'reports', workspaceId: 'ws1' });
    expect(parseRoute(paths.idea('ws1', 'i/1'), '')).toEqual({
      page: 'idea',
      workspaceId: 'ws1',
      ideaId: 'i/1',
    });
    expect(parseRoute('/w/ws1/campaigns', '')).toEqual({ page: 'campaigns', workspaceId: 'ws1' });
    expect(parseRoute(paths.campaign('ws1', 'c/1'), '')).toEqual({
      page: 'campaign',
      workspaceId: 'ws1',
      campaignId: 'c/1',
    });
    expect(parseRoute('/w/ws1/settings', '')).toEqual({
      page: 'settings',
      workspaceId: 'ws1',
      section: 'teams',
    });
    expect(parseRoute(paths.settings('ws1', 'tokens'), '')).toEqual({
      page: 'settings',
      workspaceId: 'ws1',
      section: 'tokens',
    });
    const inbox = parseRoute('/w/ws1/inbox', '?view=mine');
    expect(inbox.page === 'inbox' && inbox.search.get('view')).toBe('mine');
  });

  it('says not found for anything else instead of guessing', () => {
    for (const path of [
      '/w',
      '/x/ws1/inbox',
      '/w/ws1/inbox/extra',
      '/w/ws1/conversations',
      '/w/ws1/nope',
      '/w/ws1/settings/secrets',
      '/w/ws1/settings/teams/extra',
      '/w/%E0%A4%A/inbox',
    ]) {
      expect(parseRoute(path, '').page, path).toBe('not_found');
    }
  });

  it('builds paths that parse back to the same page', () => {
    const path = paths.conversation('a b', 'id?#');
    expect(parseRoute(path, '')).toEqual({
      page: 'conversation',
      workspaceId: 'a b',
      conversationId: 'id?#',
    });
  });
});
