import { describe, expect, it } from 'vitest';
import type { ConversationPage, ConversationSummary } from '../../api/contract.ts';
import { patchListPages } from './list-patch.ts';

const row = (id: string, priority: number, dueAt: string | null = null) =>
  ({ id, priority, dueAt, preview: `row ${id}` }) as ConversationSummary;

const list = (pages: ConversationPage[]) => ({
  pages,
  pageParams: pages.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
});

const ids = (data: { pages: ConversationPage[] }) =>
  data.pages.map((page) => page.items.map((item) => item.id));

describe('patching an open inbox list', () => {
  const a = row('a', 90);
  const b = row('b', 50, '2026-12-07T10:00:00.000Z');
  const c = row('c', 50, '2026-12-07T11:00:00.000Z');
  const d = row('d', 10);

  it('replaces a row in place with its fresh copy', () => {
    const fresh = { ...b, preview: 'changed' };
    const patched = patchListPages(list([{ items: [a, b, c], nextCursor: null }]), ['b'], [fresh]);
    expect(ids(patched)).toEqual([['a', 'b', 'c']]);
    expect(patched.pages[0]!.items[1]!.preview).toBe('changed');
  });

  it('drops a named row the filters no longer hold', () => {
    const patched = patchListPages(list([{ items: [a, b, c], nextCursor: null }]), ['b'], []);
    expect(ids(patched)).toEqual([['a', 'c']]);
  });

  it('moves a row whose urgency changed to its new place, across pages', () => {
    const patched = patchListPages(
      list([
        { items: [a, b], nextCursor: 'x' },
        { items: [c, d], nextCursor: null },
      ]),
      ['d'],
      [{ ...d, priority: 95 }],
    );
    expect(ids(patched)).toEqual([['d', 'a', 'b'], ['c']]);
  });

  it('orders equal priorities by due time, no due time last, then by id', () => {
    const e = row('e', 50, '2026-12-07T10:30:00.000Z');
    const f = row('f', 50);
    const patched = patchListPages(
      list([{ items: [a, b, c], nextCursor: null }]),
      ['f', 'e'],
      [f, e],
    );
    expect(ids(patched)).toEqual([['a', 'b', 'e', 'c', 'f']]);
  });

  it('leaves a new row that sorts after everything loaded to the page that will bring it', () => {
    const patched = patchListPages(list([{ items: [a, b], nextCursor: 'x' }]), ['d'], [d]);
    expect(ids(patched)).toEqual([['a', 'b']]);
    const whole = patchListPages(list([{ items: [a, b], nextCursor: null }]), ['d'], [d]);
    expect(ids(whole)).toEqual([['a', 'b', 'd']]);
  });
});
