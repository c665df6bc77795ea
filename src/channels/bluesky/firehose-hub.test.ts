import { cidForLex, encode } from '@atproto/lex-cbor';
import type { LexValue } from '@atproto/lex-cbor';
import { describe, expect, it } from 'vitest';
import { noTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import type { SharedBatch } from '../channel.ts';
import { FirehoseHub } from './firehose-hub.ts';
import type { BlueskyPostEvent } from './post-event.ts';

const brandDid = 'did:plc:brandaaaaaaaaaaaaaaaaaaa';
const otherBrandDid = 'did:plc:otherbrandaaaaaaaaaaaaaa';
const customerDid = 'did:plc:customeraaaaaaaaaaaaaaaa';

function varint(value: number): number[] {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return bytes;
}

/** A #commit frame creating one post by `repo` (CAR holding just the record). */
async function postFrame(
  seq: number,
  repo: string,
  rkey: string,
  record: Record<string, unknown>,
): Promise<Uint8Array> {
  const value = { $type: 'app.bsky.feed.post', createdAt: '2026-12-07T00:00:00.000Z', ...record };
  return recordFrame(seq, repo, `app.bsky.feed.post/${rkey}`, value);
}

/** A #commit frame creating one record at `path` in `repo`'s repository. */
async function recordFrame(
  seq: number,
  repo: string,
  path: string,
  value: Record<string, unknown>,
): Promise<Uint8Array> {
  const cid = await cidForLex(value as LexValue);
  const block = encode(value as LexValue);
  const header = encode({ version: 1, roots: [cid] } as LexValue);
  const blocks = Buffer.concat([
    Uint8Array.from(varint(header.length)),
    header,
    Uint8Array.from(varint(cid.bytes.length + block.length)),
    cid.bytes,
    block,
  ]);
  const body = {
    seq,
    repo,
    time: '2026-12-07T00:00:01.000Z',
    ops: [{ action: 'create', path, cid }],
    blocks,
  };
  return Buffer.concat([encode({ op: 1, t: '#commit' }), encode(body as LexValue)]);
}

function likeFrame(seq: number): Uint8Array {
  const body = {
    seq,
    repo: customerDid,
    time: '2026-12-07T00:00:01.000Z',
    ops: [{ action: 'create', path: 'app.bsky.feed.like/3kaaa', cid: null }],
    blocks: new Uint8Array([1, 0xa0]),
  };
  return Buffer.concat([encode({ op: 1, t: '#commit' }), encode(body as LexValue)]);
}

function deleteFrame(seq: number, repo: string, rkey: string): Uint8Array {
  const body = {
    seq,
    repo,
    time: '2026-12-07T00:00:02.000Z',
    ops: [{ action: 'delete', path: `app.bsky.feed.post/${rkey}`, cid: null }],
    blocks: new Uint8Array([1, 0xa0]),
  };
  return Buffer.concat([encode({ op: 1, t: '#commit' }), encode(body as LexValue)]);
}

function hub(terms: Record<string, ListeningTerms> = {}) {
  const batches: SharedBatch[] = [];
  const source = new FirehoseHub({
    service: 'ws://127.0.0.1:9',
    cursor: 10,
    resolveHandle: async (did) => (did === customerDid ? 'casey.test' : undefined),
    deliver: async (batch) => void batches.push(batch),
    onError: (error) => {
      throw error;
    },
  });
  source.add({ id: 'brand', brandDid, terms: () => [terms.brand ?? noTerms] });
  source.add({ id: 'other', brandDid: otherBrandDid, terms: () => [terms.other ?? noTerms] });
  const heard = () =>
    batches.flatMap((batch) =>
      batch.heard.flatMap(({ memberId, events }) =>
        events.map((event) => ({ memberId, raw: event.raw as BlueskyPostEvent })),
      ),
    );
  return { source, batches, heard };
}

/** A #commit frame where `repo` reposts `subjectUri`. */
function repostFrame(seq: number, repo: string, rkey: string, subjectUri: string) {
  return recordFrame(seq, repo, `app.bsky.feed.repost/${rkey}`, {
    $type: 'app.bsky.feed.repost',
    subject: {
      uri: subjectUri,
      cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
    },
    createdAt: '2026-12-07T00:00:00.500Z',
  });
}

describe('FirehoseHub reposts', () => {
  it("tells an account of reposts of its brand's posts only, never the brand's own", async () => {
    const { source, batches } = hub();
    const brandPost = `at://${brandDid}/app.bsky.feed.post/3kbrand`;
    await source.handleFrame(await repostFrame(11, customerDid, '3kr1', brandPost));
    await source.handleFrame(
      await repostFrame(12, customerDid, '3kr2', `at://${customerDid}/app.bsky.feed.post/3kc`),
    );
    await source.handleFrame(await repostFrame(13, brandDid, '3kr3', brandPost));
    await source.handleFrame(
      await repostFrame(14, customerDid, '3kr4', `at://${otherBrandDid}/app.bsky.feed.post/3ko`),
    );
    await source.drain();
    const told = batches.flatMap((batch) =>
      batch.heard.flatMap(({ memberId, events }) => events.map((e) => [memberId, e.raw])),
    );
    expect(told).toEqual([
      [
        'brand',
        {
          kind: 'bluesky.repost',
          uri: `at://${customerDid}/app.bsky.feed.repost/3kr1`,
          subjectUri: brandPost,
          author: { did: customerDid, handle: 'casey.test' },
          createdAt: '2026-12-07T00:00:00.500Z',
          seq: 11,
          time: '2026-12-07T00:00:01.000Z',
        },
      ],
      ['other', expect.objectContaining({ seq: 14, kind: 'bluesky.repost' })],
    ]);
    expect(batches.at(-1)?.cursor).toBe('14');
  });
});

describe('FirehoseHub matching', () => {
  it('hears mentions, quotes, replies in brand threads and brand posts for the right account', async () => {
    const { source, heard } = hub();
    const brandPost = `at://${brandDid}/app.bsky.feed.post/3kbrand`;
    await source.handleFrame(
      await postFrame(11, customerDid, '3k1', {
        text: '@brand.test hello',
        facets: [
          {
            index: { byteStart: 0, byteEnd: 11 },
            features: [{ $type: 'app.bsky.richtext.facet#mention', did: brandDid }],
          },
        ],
      }),
    );
    await source.handleFrame(
      await postFrame(12, customerDid, '3k2', {
        text: 'look',
        embed: {
          $type: 'app.bsky.embed.record',
          record: {
            uri: brandPost,
            cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
          },
        },
      }),
    );
    // The brand answers in a customer's thread; a third post deep in that thread is heard too.
    const customerRoot = {
      uri: `at://${customerDid}/app.bsky.feed.post/3kroot`,
      cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
    };
    await source.handleFrame(
      await postFrame(13, brandDid, '3k3', {
        text: 'sorry!',
        reply: { root: customerRoot, parent: customerRoot },
      }),
    );
    await source.handleFrame(
      await postFrame(14, 'did:plc:thirdaaaaaaaaaaaaaaaaaaa', '3k4', {
        text: 'me too',
        reply: { root: customerRoot, parent: customerRoot },
      }),
    );
    await source.handleFrame(likeFrame(15));
    await source.handleFrame(await postFrame(16, customerDid, '3k5', { text: 'unrelated' }));
    await source.drain();
    expect(heard().map(({ memberId, raw }) => [memberId, raw.seq, raw.matchedBy])).toEqual([
      ['brand', 11, ['mention']],
      ['brand', 12, ['quote']],
      ['brand', 13, ['brand']],
      ['brand', 14, ['thread']],
    ]);
    expect(heard()[0]!.raw).toMatchObject({
      uri: `at://${customerDid}/app.bsky.feed.post/3k1`,
      author: { did: customerDid, handle: 'casey.test' },
      fromBrand: false,
      record: { text: '@brand.test hello' },
    });
    expect(heard()[2]!.raw.fromBrand).toBe(true);
  });

  it("matches each brand's terms once per post, with exclusions and languages", async () => {
    const { source, heard } = hub({
      brand: { ...noTerms, keywords: ['Teapot'], exclusions: ['teapot dome'] },
      other: { ...noTerms, hashtags: ['kettle'], keywords: ['teapot'], languages: ['de'] },
    });
    await source.handleFrame(
      await postFrame(11, customerDid, '3k1', { text: 'My TEAPOT #kettle', langs: ['de'] }),
    );
    await source.handleFrame(
      await postFrame(12, customerDid, '3k2', { text: 'Teapot again', langs: ['en'] }),
    );
    await source.handleFrame(
      await postFrame(13, customerDid, '3k3', { text: 'the Teapot Dome scandal #kettle' }),
    );
    await source.drain();
    expect(heard().map(({ memberId, raw }) => [memberId, raw.seq, raw.matchedBy])).toEqual([
      ['brand', 11, ['keyword']],
      ['other', 11, ['keyword', 'hashtag']],
      ['brand', 12, ['keyword']],
      // A post without a language is heard whatever the brand's languages.
      ['other', 13, ['keyword', 'hashtag']],
    ]);
  });

  it('stores a cursor only past frames whose matches are delivered, and moves it when nothing matches', async () => {
    const { source, batches } = hub();
    await source.handleFrame(likeFrame(11));
    await source.handleFrame(likeFrame(12));
    await source.drain();
    expect(batches.at(-1)).toEqual({ heard: [], cursor: '12' });
    source.remove('brand');
    const mention = await postFrame(13, customerDid, '3k1', {
      text: 'hi',
      facets: [
        {
          index: { byteStart: 0, byteEnd: 2 },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: brandDid }],
        },
      ],
    });
    await source.handleFrame(mention);
    await source.drain();
    // The account left: nothing is delivered for it, and the cursor goes on.
    expect(batches.flatMap((batch) => batch.heard)).toEqual([]);
    expect(batches.at(-1)?.cursor).toBe('13');
  });

  it('tells an account of deletions by authors it heard, and no one else', async () => {
    const { source, batches } = hub({ brand: { ...noTerms, keywords: ['teapot'] } });
    await source.handleFrame(await postFrame(11, customerDid, '3k1', { text: 'teapot!' }));
    await source.handleFrame(deleteFrame(12, customerDid, '3k1'));
    await source.handleFrame(deleteFrame(13, 'did:plc:strangeraaaaaaaaaaaaaaaa', '3k9'));
    await source.drain();
    const told = batches.flatMap((batch) =>
      batch.heard.flatMap(({ memberId, events }) =>
        events.map((event) => [memberId, (event.raw as { kind: string }).kind, event.cursor]),
      ),
    );
    expect(told).toEqual([
      ['brand', 'bluesky.post', '11'],
      ['brand', 'bluesky.post.change', '12'],
    ]);
    const events = batches.flatMap((batch) => batch.heard.flatMap((heard) => heard.events));
    expect(events.at(-1)!.raw).toEqual({
      kind: 'bluesky.post.change',
      action: 'delete',
      uri: `at://${customerDid}/app.bsky.feed.post/3k1`,
      seq: 12,
      time: '2026-12-07T00:00:02.000Z',
    });
  });

  it('starts from what an account heard before: replies in its threads and its authors’ deletions', async () => {
    const batches: SharedBatch[] = [];
    const source = new FirehoseHub({
      service: 'ws://127.0.0.1:9',
      cursor: 10,
      resolveHandle: async () => undefined,
      deliver: async (batch) => void batches.push(batch),
      onError: (error) => {
        throw error;
      },
    });
    const customerRoot = {
      uri: `at://${customerDid}/app.bsky.feed.post/3kroot`,
      cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
    };
    source.add(
      { id: 'brand', brandDid, terms: () => [noTerms] },
      { threadRoots: [customerRoot.uri], authors: ['did:plc:earlieraaaaaaaaaaaaaaaaa'] },
    );
    source.add({ id: 'other', brandDid: otherBrandDid, terms: () => [noTerms] });
    // The customer adds to their own post (no mention): heard in the thread the brand posted in.
    await source.handleFrame(
      await postFrame(11, customerDid, '3k1', {
        text: 'still waiting',
        reply: { root: customerRoot, parent: customerRoot },
      }),
    );
    await source.handleFrame(deleteFrame(12, 'did:plc:earlieraaaaaaaaaaaaaaaaa', '3k0'));
    await source.handleFrame(deleteFrame(13, 'did:plc:strangeraaaaaaaaaaaaaaaa', '3k9'));
    await source.drain();
    const told = batches.flatMap((batch) =>
      batch.heard.flatMap(({ memberId, events }) =>
        events.map((event) => [memberId, (event.raw as { kind: string }).kind, event.cursor]),
      ),
    );
    expect(told).toEqual([
      ['brand', 'bluesky.post', '11'],
      ['brand', 'bluesky.post.change', '12'],
    ]);
  });
});
