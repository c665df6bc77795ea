import { describe, expect, it } from 'vitest';
import { countedShares, shareRefusal } from './campaign.ts';
import type { Campaign, HeardPost } from './campaign.ts';

const campaign: Campaign = {
  posts: [{ network: 'bluesky', externalId: 'at://brand/post/1' }],
  startsAt: new Date('2026-06-01T00:00:00Z'),
  endsAt: new Date('2026-06-08T00:00:00Z'),
  rules: { requiredHashtag: '#Summer', entryMode: 'per_person', excludedAuthorIds: ['did:staff'] },
};

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

  it('lists the counted shares oldest first', () => {
    const later = heard({ id: 'm2', postedAt: new Date('2026-06-03T00:00:00Z') });
    const spam = heard({ id: 'm3', isSpam: true });
    expect(countedShares(campaign, [later, spam, heard()]).map((s) => s.id)).toEqual(['m1', 'm2']);
  });
});
