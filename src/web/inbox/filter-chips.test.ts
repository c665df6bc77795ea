import { describe, expect, it } from 'vitest';
import { activeFilters } from './filter-chips.tsx';
import { inboxQueryFromSearch } from './inbox-query.ts';

const chipsOf = (search: string) =>
  activeFilters(inboxQueryFromSearch(new URLSearchParams(search)), (id) =>
    id === 'b1' ? 'Acme' : id,
  ).map(({ label, value }) => `${label}: ${value}`);

describe('the filter chips', () => {
  it('names each active filter as the form does, and leaves the view to its tab', () => {
    expect(
      chipsOf(
        'view=mine&q=refund&status=open,pending&brandId=b1&network=bluesky&sentiment=negative' +
          '&socialIntent=praise&minPriority=50&rating=1,2&tag=vip&intent=get_refund&language=fr',
      ),
    ).toEqual([
      'Search: refund',
      'Status: Open, Pending',
      'Brand: Acme',
      'Network: Bluesky',
      'Sentiment: Negative',
      'Author is: Praise',
      'Priority: High and above',
      'Review stars: ★ 1–2',
      'Tag: vip',
      'Intent: get_refund',
      'Language: fr',
    ]);
  });

  it('shows none for a bare view, and a value no option names as itself', () => {
    expect(chipsOf('view=unassigned')).toEqual([]);
    expect(chipsOf('minPriority=60&brandId=gone')).toEqual(['Brand: gone', 'Priority: 60']);
  });
});
