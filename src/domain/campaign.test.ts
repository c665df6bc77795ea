import { describe, expect, it } from 'vitest';
import { countedShares, shareKindsOf, shareRefusal } from './campaign.ts';
import type { Campaign, HeardPost } from './campaign.ts';

const campaign: Campaign = {
  posts: [{ network: 'bluesky', externalId: 'at://brand/post/1' }],
  startsAt: new Date('2026-06-01T00:00:00Z'),
  endsAt: new Date('2026-06-08T00:00:00Z'),
  rules: {
    requiredHashtag: '#Summer',
    entryMode: 'per_person',
    excludedAuthorIds: ['did:staff'],
    shareKinds: ['reply', 'quote', 'repost'],
    minAccountAgeDays: null,
  },
};

const withRules = (rules: Partial<Campaign['rules']>): Campaign => ({
  ...campaign,
  rules: { ...campaign.rules, ...rules },
});

const heard = (over: Partial<HeardPost> = {}): HeardPost => ({
  id: 'm1',
  network: 'bluesky',
  externalId: 'at://ann/post/1',
  text: 'Count me in #summer',
  authorExternalId: 'did:ann',
  authorHandle: 'ann.test',
  authorFollowers: 10,
  url: 'https://bsky.app/profile/ann.test/post/1',
  postedAt: new Date('2026-06-02T10:00:00Z'),
  parentExternalId: 'at://brand/post/1',
  rootExternalId: 'at://brand/post/1',
  isPrivate: false,
  fromBrand: false,
  isSpam: false,
  ...over,
});

describe('which heard posts count as shares of a campaign', () => {
  it('counts a reply in the thread of a campaign post carrying the hashtag in any case', () => {
    expect(shareRefusal(campaign, heard())).toBeNull();
    expect(
      shareRefusal(campaign, heard({ parentExternalId: 'at://x/reply', text: '#SUMMER yes' })),
    ).toBeNull();
  });

  it('refuses posts elsewhere, on another network, or private', () => {
    const elsewhere = { parentExternalId: 'at://other/1', rootExternalId: 'at://other/1' };
    expect(shareRefusal(campaign, heard(elsewhere))).toBe('not_a_share');
    expect(shareRefusal(campaign, heard({ network: 'mastodon' }))).toBe('not_a_share');
    expect(shareRefusal(campaign, heard({ isPrivate: true }))).toBe('not_a_share');
  });

  it('refuses posts outside the window: the start counts, the end does not', () => {
    expect(shareRefusal(campaign, heard({ postedAt: campaign.startsAt }))).toBeNull();
    expect(shareRefusal(campaign, heard({ postedAt: campaign.endsAt }))).toBe('outside_window');
    expect(shareRefusal(campaign, heard({ postedAt: new Date('2026-05-31T23:59:59Z') }))).toBe(
      'outside_window',
    );
  });

  it('refuses a share without the hashtag, or with only a longer tag that starts with it', () => {
    expect(shareRefusal(campaign, heard({ text: 'Count me in' }))).toBe('missing_hashtag');
    expect(shareRefusal(campaign, heard({ text: '#summertime' }))).toBe('missing_hashtag');
    const noTag = { ...campaign, rules: { ...campaign.rules, requiredHashtag: null } };
    expect(shareRefusal(noTag, heard({ text: 'Count me in' }))).toBeNull();
  });

  it('refuses staff, the brand and spam', () => {
    expect(shareRefusal(campaign, heard({ authorExternalId: 'did:staff' }))).toBe(
      'excluded_author',
    );
    expect(shareRefusal(campaign, heard({ fromBrand: true }))).toBe('excluded_author');
    expect(shareRefusal(campaign, heard({ isSpam: true }))).toBe('spam');
  });

  it('tells replies, quotes and reposts of a campaign post apart', () => {
    const quote = heard({
      parentExternalId: null,
      rootExternalId: null,
      quotedExternalId: 'at://brand/post/1',
    });
    const repost = heard({
      text: '',
      parentExternalId: null,
      rootExternalId: null,
      repostOf: 'at://brand/post/1',
    });
    const replyQuoting = heard({ quotedExternalId: 'at://brand/post/1' });
    expect(shareKindsOf(campaign, heard())).toEqual(['reply']);
    expect(shareKindsOf(campaign, quote)).toEqual(['quote']);
    expect(shareKindsOf(campaign, repost)).toEqual(['repost']);
    expect(shareKindsOf(campaign, replyQuoting)).toEqual(['reply', 'quote']);
    expect(shareKindsOf(campaign, heard({ ...quote, quotedExternalId: 'at://other/1' }))).toEqual(
      [],
    );
    expect(shareKindsOf(campaign, { ...repost, repostOf: 'at://other/1' })).toEqual([]);
    expect(shareKindsOf(campaign, { ...repost, network: 'mastodon' })).toEqual([]);
  });

  it('counts only the kinds the rules name; a reply that also quotes counts as either', () => {
    const quote = heard({
      parentExternalId: null,
      rootExternalId: null,
      quotedExternalId: 'at://brand/post/1',
    });
    const repliesOnly = withRules({ shareKinds: ['reply'] });
    expect(shareRefusal(repliesOnly, quote)).toBe('kind_not_counted');
    const quotesOnly = withRules({ shareKinds: ['quote'] });
    expect(shareRefusal(quotesOnly, heard())).toBe('kind_not_counted');
    expect(shareRefusal(quotesOnly, heard({ quotedExternalId: 'at://brand/post/1' }))).toBeNull();
    expect(
      countedShares(quotesOnly, [heard({ quotedExternalId: 'at://brand/post/1' })])[0]?.kind,
    ).toBe('quote');
    expect(
      countedShares(campaign, [heard({ quotedExternalId: 'at://brand/post/1' })])[0]?.kind,
    ).toBe('reply');
  });

  it('asks a quote for the hashtag as a reply, never a repost (it has no text)', () => {
    const quote = heard({
      parentExternalId: null,
      rootExternalId: null,
      quotedExternalId: 'at://brand/post/1',
    });
    expect(shareRefusal(campaign, { ...quote, text: 'look at this' })).toBe('missing_hashtag');
    expect(shareRefusal(campaign, quote)).toBeNull();
    const repost = heard({
      text: '',
      parentExternalId: null,
      rootExternalId: null,
      repostOf: 'at://brand/post/1',
    });
    expect(shareRefusal(campaign, repost)).toBeNull();
  });

  it('refuses an account younger than the minimum age when it shared, or of unknown age', () => {
    const rules = withRules({ minAccountAgeDays: 30 });
    const sharedAt = new Date('2026-06-02T10:00:00Z');
    const daysBefore = (days: number) => new Date(sharedAt.getTime() - days * 86_400_000);
    expect(shareRefusal(rules, heard({ authorCreatedAt: daysBefore(30) }))).toBeNull();
    expect(shareRefusal(rules, heard({ authorCreatedAt: daysBefore(29.9) }))).toBe(
      'account_too_young',
    );
    expect(shareRefusal(rules, heard({ authorCreatedAt: null }))).toBe('account_age_unknown');
    expect(shareRefusal(rules, heard())).toBe('account_age_unknown');
    expect(shareRefusal(campaign, heard({ authorCreatedAt: daysBefore(1) }))).toBeNull();
  });

  it('lists the counted shares oldest first', () => {
    const later = heard({ id: 'm2', postedAt: new Date('2026-06-03T00:00:00Z') });
    const spam = heard({ id: 'm3', isSpam: true });
    expect(countedShares(campaign, [later, spam, heard()]).map((s) => s.id)).toEqual(['m1', 'm2']);
  });
});
