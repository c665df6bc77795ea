import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BlueskyPayloadError,
  blueskyChanges,
  blueskyReposts,
  normalizeBlueskyEvent,
} from './normalize.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));

describe('normalizeBlueskyEvent on payloads recorded from a local network', () => {
  it('turns a customer mention into a public Mention with its author, link and language', () => {
    const raw = load('mention-with-link.json');
    const [mention, ...rest] = normalizeBlueskyEvent(raw);
    expect(rest).toHaveLength(0);
    expect(mention).toEqual({
      network: 'bluesky',
      externalId: 'at://did:plc:hxd5sogohjefefht6kh2qfnt/app.bsky.feed.post/3n2yapt7ntk2y',
      text: '@kettlebrew.test my order #4411 arrived broken 😞 https://example.com/photo',
      author: {
        externalId: 'did:plc:hxd5sogohjefefht6kh2qfnt',
        handle: 'dana.test',
        url: 'https://bsky.app/profile/dana.test',
      },
      url: 'https://bsky.app/profile/dana.test/post/3n2yapt7ntk2y',
      postedAt: new Date('2026-11-23T13:35:42.155Z'),
      parentExternalId: undefined,
      rootExternalId: undefined,
      isPrivate: false,
      fromBrand: false,
      language: 'en',
      raw,
    });
  });

  it('links a reply to its parent and to the root of the thread', () => {
    const [mention] = normalizeBlueskyEvent(load('customer-reply-in-brand-thread.json'));
    const raw = load('customer-reply-in-brand-thread.json') as {
      record: { reply: { root: { uri: string }; parent: { uri: string } } };
    };
    expect(mention?.rootExternalId).toBe(raw.record.reply.root.uri);
    expect(mention?.parentExternalId).toBe(raw.record.reply.parent.uri);
    expect(mention?.rootExternalId).not.toBe(mention?.parentExternalId);
    expect(mention?.language).toBe('de');
  });

  it("marks the brand's own posts, so threads can be rebuilt", () => {
    const [mention] = normalizeBlueskyEvent(load('brand-reply.json'));
    expect(mention?.fromBrand).toBe(true);
    expect(mention?.author.handle).toBe('kettlebrew.test');
  });

  it('takes the first of several languages and keeps embeds only in raw', () => {
    expect(normalizeBlueskyEvent(load('keyword-two-languages.json'))[0]?.language).toBe('de');
    const [quote] = normalizeBlueskyEvent(load('quote-with-image.json'));
    expect(quote?.text).toBe('Look at this');
    expect((quote?.raw as { record: { embed: { $type: string } } }).record.embed.$type).toBe(
      'app.bsky.embed.recordWithMedia',
    );
  });

  it('names the post a quote quotes, with media or alone, and nothing for other posts', () => {
    const raw = load('quote-with-image.json') as { record: Record<string, unknown> };
    const quotedUri = 'at://did:plc:joiou5ao5fjvnrgcxhnzhdvo/app.bsky.feed.post/3n2yaptda3s2y';
    expect(normalizeBlueskyEvent(raw)[0]?.quotedExternalId).toBe(quotedUri);
    const alone = {
      ...raw,
      record: {
        ...raw.record,
        embed: { $type: 'app.bsky.embed.record', record: { uri: quotedUri, cid: 'bafy' } },
      },
    };
    expect(normalizeBlueskyEvent(alone)[0]?.quotedExternalId).toBe(quotedUri);
    const link = {
      ...raw,
      record: {
        ...raw.record,
        embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.com' } },
      },
    };
    expect(normalizeBlueskyEvent(link)[0]?.quotedExternalId).toBeUndefined();
    expect(normalizeBlueskyEvent(load('mention-with-link.json'))[0]?.quotedExternalId).toBe(
      undefined,
    );
  });

  it('reads a repost as a share record, never a mention, and refuses one out of its repo', () => {
    const repost = {
      kind: 'bluesky.repost',
      uri: 'at://did:plc:ann/app.bsky.feed.repost/3n2yb',
      subjectUri: 'at://did:plc:brand/app.bsky.feed.post/3n2ya',
      author: { did: 'did:plc:ann', handle: 'ann.test' },
      createdAt: '2026-11-23T13:35:42.155Z',
      seq: 7,
      time: '2026-11-23T13:35:42.300Z',
    };
    expect(normalizeBlueskyEvent(repost)).toEqual([]);
    expect(blueskyChanges(repost)).toEqual([]);
    expect(blueskyReposts(repost)).toEqual([
      {
        externalId: repost.uri,
        subjectExternalId: repost.subjectUri,
        author: { externalId: 'did:plc:ann', handle: 'ann.test' },
        url: 'https://bsky.app/profile/ann.test',
        repostedAt: new Date('2026-11-23T13:35:42.155Z'),
      },
    ]);
    expect(blueskyReposts(load('mention-with-link.json'))).toEqual([]);
    expect(() => blueskyReposts({ ...repost, author: { did: 'did:plc:bob' } })).toThrow(
      /not in the reposter's repo/,
    );
    expect(() => blueskyReposts({ ...repost, subjectUri: 'https://x' })).toThrow(
      BlueskyPayloadError,
    );
  });

  it('keeps a readable post with odd fields, dating it by the firehose and naming the author by DID', () => {
    const [mention] = normalizeBlueskyEvent(load('odd-but-readable.json'));
    expect(mention?.postedAt).toEqual(new Date('2026-11-23T13:35:42.246Z'));
    expect(mention?.author.handle).toBe('did:plc:hxd5sogohjefefht6kh2qfnt');
    expect(mention?.url).toBe(
      'https://bsky.app/profile/did%3Aplc%3Ahxd5sogohjefefht6kh2qfnt/post/3n2yapt7ntk2y',
    );
    expect(mention?.language).toBeUndefined();
  });
});

describe('normalizeBlueskyEvent on malformed payloads', () => {
  const malformed = readdirSync(path.join(fixtures, 'malformed')).filter((name) =>
    name.endsWith('.json'),
  );

  it.each(malformed)('rejects %s with a BlueskyPayloadError that names the problem', (name) => {
    const raw = load(path.join('malformed', name));
    expect(() => normalizeBlueskyEvent(raw)).toThrow(BlueskyPayloadError);
    expect(() => normalizeBlueskyEvent(raw)).toThrow(/^Not a Bluesky post event: \S/);
  });

  it.each([null, undefined, 42, 'text', {}])('rejects %j without crashing', (raw) => {
    expect(() => normalizeBlueskyEvent(raw)).toThrow(BlueskyPayloadError);
  });

  it('says which field is wrong', () => {
    expect(() => normalizeBlueskyEvent(load('malformed/missing-text.json'))).toThrow(
      /record\.text/,
    );
    expect(() => normalizeBlueskyEvent(load('malformed/author-not-repo-owner.json'))).toThrow(
      /not in the repo of/,
    );
  });
});

describe('blueskyChanges', () => {
  const uri = 'at://did:plc:hxd5sogohjefefht6kh2qfnt/app.bsky.feed.post/3n2yapt7ntk2y';
  it('reads a deletion and an edit, and is not a mention', () => {
    const deleted = {
      kind: 'bluesky.post.change',
      action: 'delete',
      uri,
      seq: 9,
      time: '2026-12-07T00:00:02.000Z',
    };
    expect(normalizeBlueskyEvent(deleted)).toEqual([]);
    expect(blueskyChanges(deleted)).toEqual([
      { externalId: uri, kind: 'deleted', at: new Date('2026-12-07T00:00:02.000Z') },
    ]);
    const edited = {
      ...deleted,
      action: 'update',
      record: { text: 'fixed typo', createdAt: '2026-12-07T00:00:00.000Z' },
    };
    expect(blueskyChanges(edited)).toEqual([
      {
        externalId: uri,
        kind: 'edited',
        at: new Date('2026-12-07T00:00:02.000Z'),
        text: 'fixed typo',
      },
    ]);
    expect(blueskyChanges(load('mention-with-link.json'))).toEqual([]);
  });

  it('refuses a malformed change with the field named', () => {
    expect(() =>
      blueskyChanges({ kind: 'bluesky.post.change', action: 'burn', uri, seq: 1, time: 'x' }),
    ).toThrow(/action/);
  });
});
