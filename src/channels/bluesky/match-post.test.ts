import { describe, expect, it } from 'vitest';
import type { BrandWatch } from './match-post.ts';
import { keywordMatcher, matchPost, rememberBrandThread } from './match-post.ts';

const brandDid = 'did:plc:brand';
const brandPost = `at://${brandDid}/app.bsky.feed.post/3brandpost22`;
const customerPost = 'at://did:plc:dana/app.bsky.feed.post/3danapost222';
const watch = (keywords: string[] = []): BrandWatch => ({
  brandDid,
  keywords: keywordMatcher(keywords),
  brandThreadRoots: new Set(),
});
const ref = (uri: string) => ({ uri, cid: 'bafyfake' });

describe('matchPost', () => {
  it('hears an @-mention of the brand by its DID in a mention facet', () => {
    const record = {
      text: '@kettlebrew.test help',
      facets: [
        {
          index: { byteStart: 0, byteEnd: 16 },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: brandDid }],
        },
      ],
    };
    expect(matchPost('did:plc:dana', record, watch())).toEqual(['mention']);
  });

  it('ignores mentions of other accounts and links that carry the DID text', () => {
    const record = {
      text: 'hi',
      facets: [
        { features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:other' }] },
        { features: [{ $type: 'app.bsky.richtext.facet#link', uri: brandDid }] },
      ],
    };
    expect(matchPost('did:plc:dana', record, watch())).toEqual([]);
  });

  it('matches keywords case-insensitively on word boundaries in any script', () => {
    const brand = watch(['Kettlebrew', 'Café Lumière']);
    const hears = (text: string) => matchPost('did:plc:dana', { text }, brand).includes('keyword');
    expect(hears('my KETTLEBREW broke')).toBe(true);
    expect(hears('#kettlebrew is great')).toBe(true);
    expect(hears("Kettlebrew's lid")).toBe(true);
    expect(hears('at café lumière today')).toBe(true);
    expect(hears('kettlebrewing class')).toBe(false);
    expect(hears('superkettlebrew')).toBe(false);
    expect(hears('cafélumière')).toBe(false);
  });

  it('treats keywords as text, not patterns', () => {
    const brand = watch(['a.b (c)']);
    expect(matchPost('did:plc:dana', { text: 'x a.b (c) y' }, brand)).toEqual(['keyword']);
    expect(matchPost('did:plc:dana', { text: 'x axb c y' }, brand)).toEqual([]);
  });

  it('hears quotes of brand posts, alone or with media', () => {
    const quote = {
      text: 'lol',
      embed: { $type: 'app.bsky.embed.record', record: ref(brandPost) },
    };
    const withMedia = {
      text: 'lol',
      embed: {
        $type: 'app.bsky.embed.recordWithMedia',
        record: { record: ref(brandPost) },
        media: {},
      },
    };
    expect(matchPost('did:plc:dana', quote, watch())).toEqual(['quote']);
    expect(matchPost('did:plc:dana', withMedia, watch())).toEqual(['quote']);
  });

  it('hears replies whose parent or root is a brand post, with no memory needed', () => {
    const toBrand = { text: 'thanks', reply: { root: ref(brandPost), parent: ref(customerPost) } };
    expect(matchPost('did:plc:sam', toBrand, watch())).toEqual(['thread']);
  });

  it('hears replies anywhere in a thread the brand joined, once remembered', () => {
    const brand = watch();
    const sibling = {
      text: 'same here',
      reply: { root: ref(customerPost), parent: ref(customerPost) },
    };
    expect(matchPost('did:plc:sam', sibling, brand)).toEqual([]);
    rememberBrandThread(brand, brandPost, {
      text: 'sorry!',
      reply: { root: ref(customerPost), parent: ref(customerPost) },
    });
    expect(matchPost('did:plc:sam', sibling, brand)).toEqual(['thread']);
  });

  it("marks the brand's own posts", () => {
    expect(matchPost(brandDid, { text: 'news' }, watch())).toEqual(['brand']);
  });

  it('ignores unrelated posts and tolerates odd shapes', () => {
    expect(matchPost('did:plc:dana', { text: 'nice weather' }, watch(['kettlebrew']))).toEqual([]);
    expect(
      matchPost(
        'did:plc:dana',
        { text: 7, facets: 'x', embed: [], reply: { root: null } },
        watch(['kettlebrew']),
      ),
    ).toEqual([]);
  });
});

describe('rememberBrandThread', () => {
  it('forgets the threads least recently joined beyond its limit', () => {
    const brand = watch();
    for (const index of [1, 2, 3])
      rememberBrandThread(brand, `at://${brandDid}/app.bsky.feed.post/${index}`, { text: '' }, 2);
    expect([...brand.brandThreadRoots]).toEqual([
      `at://${brandDid}/app.bsky.feed.post/2`,
      `at://${brandDid}/app.bsky.feed.post/3`,
    ]);
  });
});
