// Firehose frames (`com.atproto.sync.subscribeRepos` #commit) generated deterministically, with
// the encoding the network uses: a CBOR header and body per frame, the commit's blocks as a CAR
// (the signed commit, the MST nodes on the path to the record, the record), real CIDs (sha256,
// dag-cbor). The mix of operations and the sizes are estimates of the public network (most
// commits are likes and follows; about one in eight creates a post), not a recording of it.
import { cidForLex, encode } from '@atproto/lex-cbor';
import type { LexValue } from '@atproto/lex-cbor';

export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  'the a to and of in is it you that for on was with this my be at have are not but just so ' +
  'like what all about get one out do if can me up time people day we love today new now good ' +
  'know think really going see more when make your how some would they who got there back still ' +
  'year also first want work need feel right after never look here thanks great why because ' +
  'coffee morning night weather music game photo book movie art city train home friends family ' +
  'dog cat news week update post thread launch phone app bug release design code team support ' +
  'heute danke sehr gut merci beaucoup bonjour gracias hola buenos días 今日 ありがとう 好き'
).split(' ');

/** Brand names that read like words but are not in the vocabulary above. */
export function brandTerms(brands: number, perBrand: number): string[][] {
  const next = random(7);
  const syllables = ['ka', 'lo', 'mi', 'ze', 'tor', 'vel', 'qua', 'nix', 'bri', 'dos', 'ro', 'fen'];
  const seen = new Set<string>();
  const all: string[][] = [];
  for (let brand = 0; brand < brands; brand += 1) {
    const terms: string[] = [];
    while (terms.length < perBrand) {
      let term = '';
      const length = 2 + Math.floor(next() * 3);
      for (let i = 0; i < length; i += 1) term += syllables[Math.floor(next() * syllables.length)];
      // Some terms are phrases, as brand keywords often are.
      if (next() < 0.2) term += ` ${words[Math.floor(next() * 60)]}`;
      if (seen.has(term)) continue;
      seen.add(term);
      terms.push(term);
    }
    all.push(terms);
  }
  return all;
}

export interface GeneratedFrames {
  frames: Uint8Array[];
  /** Frames that create a post, and of those the ones naming a brand term. */
  posts: number;
  brandPosts: number;
  /** The posts' texts, and the seq of the last post. */
  texts: string[];
  lastPostSeq: number;
  bytes: number;
}

const did = (n: number) => `did:plc:${n.toString(36).padStart(24, 'a')}`;

function randomText(next: () => number, terms: string[][], brandShare: number): [string, boolean] {
  const length = 3 + Math.floor(next() * 30);
  const parts: string[] = [];
  for (let i = 0; i < length; i += 1) parts.push(words[Math.floor(next() * words.length)]!);
  if (next() < 0.1) parts.push(`#${words[Math.floor(next() * words.length)]}`);
  let named = false;
  if (next() < brandShare) {
    const brand = terms[Math.floor(next() * terms.length)]!;
    const term = brand[Math.floor(next() * brand.length)]!;
    parts.splice(Math.floor(next() * parts.length), 0, next() < 0.5 ? term : term.toUpperCase());
    named = true;
  }
  const text = parts.join(' ');
  return [text.charAt(0).toUpperCase() + text.slice(1), named];
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

async function car(root: LexValue, blocks: LexValue[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const header = encode({ version: 1, roots: [root] } as LexValue);
  parts.push(Uint8Array.from(varint(header.length)), header);
  for (const block of blocks) {
    const bytes = encode(block);
    const cid = (await cidForLex(block)).bytes;
    parts.push(Uint8Array.from(varint(cid.length + bytes.length)), cid, bytes);
  }
  return Buffer.concat(parts);
}

/** `count` commit frames, seq from 1, with `brandShare` of the posts naming a brand term. */
export async function generateFrames(
  count: number,
  terms: string[][],
  options: { seed?: number; brandShare?: number } = {},
): Promise<GeneratedFrames> {
  const next = random(options.seed ?? 1);
  const frames: Uint8Array[] = [];
  let posts = 0;
  let brandPosts = 0;
  let bytes = 0;
  const texts: string[] = [];
  let lastPostSeq = 0;
  const start = Date.parse('2026-12-01T00:00:00.000Z');
  const tid = (n: number) => {
    // A TID: 13 characters of base32-sortable, from a microsecond timestamp.
    const alphabet = '234567abcdefghijklmnopqrstuvwxyz';
    let value = BigInt(1_700_000_000_000_000 + n) << 10n;
    let out = '';
    for (let i = 0; i < 13; i += 1) {
      out = alphabet[Number(value & 31n)]! + out;
      value >>= 5n;
    }
    return out;
  };
  for (let seq = 1; seq <= count; seq += 1) {
    const author = Math.floor(next() * 50_000);
    const repo = did(author);
    const kind = next();
    const createdAt = new Date(start + seq * 3).toISOString();
    let collection: string;
    let action: 'create' | 'delete' = 'create';
    let record: LexValue | undefined;
    const subject = () => ({
      uri: `at://${did(Math.floor(next() * 50_000))}/app.bsky.feed.post/${tid(Math.floor(next() * 1e9))}`,
      cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
    });
    if (kind < 0.55) {
      collection = 'app.bsky.feed.like';
      record = { $type: collection, subject: subject(), createdAt };
    } else if (kind < 0.7) {
      collection = 'app.bsky.graph.follow';
      record = { $type: collection, subject: did(Math.floor(next() * 50_000)), createdAt };
    } else if (kind < 0.8) {
      collection = 'app.bsky.feed.repost';
      record = { $type: collection, subject: subject(), createdAt };
    } else if (kind < 0.93) {
      collection = 'app.bsky.feed.post';
      const [text, named] = randomText(next, terms, options.brandShare ?? 0.01);
      posts += 1;
      texts.push(text);
      lastPostSeq = seq;
      if (named) brandPosts += 1;
      const post: Record<string, LexValue> = {
        $type: collection,
        text,
        createdAt,
        langs: [next() < 0.8 ? 'en' : 'de'],
      };
      if (next() < 0.3) post.reply = { root: subject(), parent: subject() };
      record = post as LexValue;
    } else if (kind < 0.97) {
      collection = 'app.bsky.graph.block';
      record = { $type: collection, subject: did(Math.floor(next() * 50_000)), createdAt };
    } else {
      collection = 'app.bsky.feed.like';
      action = 'delete';
    }
    const rkey = tid(seq * 7919);
    const recordCid = record ? await cidForLex(record) : undefined;
    // The MST path: 2–4 nodes of 2–7 entries. Sized so a frame averages about 1.3 KB: the
    // relay's 232 GB/day at ~2,000 events/s (Jetstream's announcement, Bluesky's relay notes).
    const nodes: LexValue[] = [];
    const depth = 2 + Math.floor(next() * 3);
    for (let level = 0; level < depth; level += 1) {
      const entries: LexValue[] = [];
      const width = 2 + Math.floor(next() * 6);
      for (let e = 0; e < width; e += 1)
        entries.push({
          p: Math.floor(next() * 20),
          k: new TextEncoder().encode(`${tid(Math.floor(next() * 1e9))}`),
          v: recordCid ?? (await cidForLex({ n: seq, e })),
          t: null,
        });
      nodes.push({ l: null, e: entries });
    }
    const dataCid = await cidForLex(nodes[0]!);
    const commit = {
      did: repo,
      version: 3,
      data: dataCid,
      rev: tid(seq),
      prev: null,
      sig: Uint8Array.from({ length: 64 }, () => Math.floor(next() * 256)),
    } as LexValue;
    const commitCid = await cidForLex(commit);
    const blocks = await car(commitCid, [commit, ...nodes, ...(record ? [record] : [])]);
    const body = {
      seq,
      rebase: false,
      tooBig: false,
      repo,
      commit: commitCid,
      rev: tid(seq),
      since: tid(seq - 1),
      blocks,
      ops: [{ action, path: `${collection}/${rkey}`, cid: recordCid ?? null }],
      blobs: [],
      prevData: dataCid,
      time: new Date(start + seq * 3).toISOString(),
    } as LexValue;
    const frame = Buffer.concat([encode({ op: 1, t: '#commit' }), encode(body)]);
    bytes += frame.length;
    frames.push(frame);
  }
  return { frames, posts, brandPosts, bytes, texts, lastPostSeq };
}
