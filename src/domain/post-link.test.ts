import { describe, expect, it } from 'vitest';
import { parsePostLink } from './post-link.ts';

describe('parsePostLink', () => {
  it('reads a post id from the links people copy', () => {
    expect(parsePostLink(' https://bsky.app/profile/did:plc:abc123/post/3kxyz ')).toEqual({
      network: 'bluesky',
      externalId: 'at://did:plc:abc123/app.bsky.feed.post/3kxyz',
    });
    expect(parsePostLink('at://did:plc:abc123/app.bsky.feed.post/3kxyz')).toEqual({
      network: 'bluesky',
      externalId: 'at://did:plc:abc123/app.bsky.feed.post/3kxyz',
    });
    expect(parsePostLink('https://x.com/earshot/status/1790000000000000001?s=20')).toEqual({
      network: 'x',
      externalId: '1790000000000000001',
    });
    expect(parsePostLink('https://twitter.com/i/web/status/42')).toEqual({
      network: 'x',
      externalId: '42',
    });
    expect(parsePostLink('https://mastodon.social/@earshot/112233')).toEqual({
      network: 'mastodon',
      externalId: '112233',
    });
    expect(parsePostLink('X 42')).toEqual({ network: 'x', externalId: '42' });
    expect(parsePostLink('mastodon abc')).toHaveProperty('error');
  });

  it('says what to paste instead of guessing', () => {
    expect(parsePostLink('https://bsky.app/profile/earshot.bsky.social/post/3kxyz')).toMatchObject({
      error: expect.stringContaining('DID'),
    });
    for (const text of ['', 'javascript:alert(1)', 'https://example.com/page', 'at://nope']) {
      expect(parsePostLink(text), text).toHaveProperty('error');
    }
  });
});
