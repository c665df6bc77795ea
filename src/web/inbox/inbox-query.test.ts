import { describe, expect, it } from 'vitest';
import { inboxQueryFromSearch, searchFromInboxQuery } from './inbox-query.ts';

describe('inbox filters in the URL', () => {
  it('reads the view, status and search text', () => {
    const query = inboxQueryFromSearch(new URLSearchParams('view=mine&status=open&q=%20refund%20'));
    expect(query).toEqual({ view: 'mine', status: 'open', q: 'refund' });
  });

  it('falls back to all conversations when the URL holds values it does not know', () => {
    const query = inboxQueryFromSearch(new URLSearchParams('view=toString&status=__proto__&q='));
    expect(query).toEqual({ view: 'all' });
  });

  it('writes back only what differs from the default', () => {
    expect(searchFromInboxQuery({ view: 'all' }).toString()).toBe('');
    expect(searchFromInboxQuery({ view: 'needs_reply', q: 'a&b' }).toString()).toBe(
      'view=needs_reply&q=a%26b',
    );
  });
});
