import { describe, expect, it } from 'vitest';
import { inboxQueryFromSearch, isFiltered, searchFromInboxQuery } from './inbox-query.ts';

describe('inbox filters in the URL', () => {
  it('reads the view, status and search text', () => {
    const query = inboxQueryFromSearch(new URLSearchParams('view=mine&status=open&q=%20refund%20'));
    expect(query).toEqual({ view: 'mine', status: 'open', q: 'refund' });
  });

  it('reads every filter', () => {
    const query = inboxQueryFromSearch(
      new URLSearchParams(
        'view=sla_at_risk&network=x&sentiment=negative&socialIntent=question&intent=get_refund&language=fr&tag=vip&minPriority=50&brandId=b1',
      ),
    );
    expect(query).toEqual({
      view: 'sla_at_risk',
      network: 'x',
      sentiment: 'negative',
      socialIntent: 'question',
      intent: 'get_refund',
      language: 'fr',
      tag: 'vip',
      minPriority: 50,
      brandId: 'b1',
    });
  });

  it("reads a report link's period and every status, and drops a malformed time", () => {
    const query = inboxQueryFromSearch(
      new URLSearchParams(
        'status=new,open,pending,snoozed,resolved&openedFrom=2026-03-02T00:00:00Z&openedTo=2026-03-03T00:00:00.000Z',
      ),
    );
    expect(query).toEqual({
      view: 'all',
      status: 'new,open,pending,snoozed,resolved',
      openedFrom: '2026-03-02T00:00:00.000Z',
      openedTo: '2026-03-03T00:00:00.000Z',
    });
    expect(searchFromInboxQuery(query).get('openedFrom')).toBe('2026-03-02T00:00:00.000Z');
    expect(
      inboxQueryFromSearch(new URLSearchParams('status=open,closed&openedFrom=yesterday')),
    ).toEqual({ view: 'all' });
  });

  it('falls back to all conversations when the URL holds values it does not know', () => {
    const query = inboxQueryFromSearch(
      new URLSearchParams(
        'view=toString&status=__proto__&q=&sentiment=angry&socialIntent=rant&minPriority=high',
      ),
    );
    expect(query).toEqual({ view: 'all' });
    expect(isFiltered(query)).toBe(false);
  });

  it('writes back only what differs from the default, and round-trips', () => {
    expect(searchFromInboxQuery({ view: 'all' }).toString()).toBe('');
    expect(searchFromInboxQuery({ view: 'needs_reply', q: 'a&b' }).toString()).toBe(
      'view=needs_reply&q=a%26b',
    );
    const query = {
      view: 'spam',
      tag: 'x y',
      minPriority: 75,
      sentiment: 'positive',
      socialIntent: 'praise',
    } as const;
    expect(inboxQueryFromSearch(searchFromInboxQuery(query))).toEqual(query);
    expect(isFiltered(query)).toBe(true);
  });
});
