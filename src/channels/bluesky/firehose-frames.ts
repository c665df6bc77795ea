import { decode, decodeAll } from '@atproto/lex-cbor';
import { postCollection, repostCollection } from './post-event.ts';

/** One operation on a post in a commit, with the record's CBOR when it was created or updated. */
export interface PostOp {
  action: 'create' | 'update' | 'delete';
  /** `at://<repo>/app.bsky.feed.post/<rkey>`. */
  uri: string;
  /** The record's CID (string form); absent for deletes. */
  cid?: string;
  /** The decoded record (AT Protocol data model: CIDs as CID objects, bytes as Uint8Array). */
  record?: Record<string, unknown>;
}

/** A created repost: the reposted post's URI, and when the reposter's client says it was made. */
export interface RepostOp {
  /** `at://<repo>/app.bsky.feed.repost/<rkey>`. */
  uri: string;
  subjectUri: string;
  createdAt: string | undefined;
}

/** What the source reads from one `com.atproto.sync.subscribeRepos` frame. */
export type FirehoseFrame =
  | {
      kind: 'commit';
      seq: number;
      repo: string;
      time: string;
      posts: PostOp[];
      reposts: RepostOp[];
    }
  | { kind: 'other'; seq: number | undefined }
  | { kind: 'info'; name: string; message: string | undefined }
  | { kind: 'error'; name: string; message: string | undefined };

/**
 * Decodes a frame, reading only what listening needs: the operations on posts, each created or
 * updated post's record taken from the commit's CAR by its CID, and the subject of each created
 * repost (a small record: reposts are about a tenth of the network's commits). Nothing is verified (a relay
 * verifies every commit it serves) and nothing else is decoded: a commit's body is walked in
 * place (its blocks are not copied, its CIDs not parsed), so commits that touch no post (likes,
 * follows, reposts: most of the network) cost a walk over their CBOR. Frames other than commits
 * (rare) are decoded whole.
 */
export function decodeFirehoseFrame(bytes: Uint8Array): FirehoseFrame {
  const reader = new CborReader(bytes);
  const header = reader.readHeaderMap();
  if (header.op !== 1 || header.t !== '#commit') return decodeWholeFrame(bytes);
  let seq: number | undefined;
  let repo = '';
  let time = '';
  let blocks: Uint8Array | undefined;
  const ops: Array<{ action: string; path: string; cid: Uint8Array | undefined }> = [];
  const entries = reader.mapLength();
  for (let entry = 0; entry < entries; entry += 1) {
    const key = reader.text();
    if (key === 'seq') seq = reader.integer();
    else if (key === 'repo') repo = reader.text();
    else if (key === 'time') time = reader.text();
    else if (key === 'blocks') blocks = reader.bytes();
    else if (key === 'ops') {
      const count = reader.arrayLength();
      for (let index = 0; index < count; index += 1) {
        const op = { action: '', path: '', cid: undefined as Uint8Array | undefined };
        const fields = reader.mapLength();
        for (let field = 0; field < fields; field += 1) {
          const name = reader.text();
          if (name === 'action') op.action = reader.text();
          else if (name === 'path') op.path = reader.text();
          else if (name === 'cid') op.cid = reader.cidOrNull();
          else reader.skip();
        }
        ops.push(op);
      }
    } else reader.skip();
  }
  if (seq === undefined) return { kind: 'other', seq };
  const posts: PostOp[] = [];
  const reposts: RepostOp[] = [];
  for (const op of ops) {
    if (op.path.startsWith(repostPrefix)) {
      const repost = op.action === 'create' && op.cid && repostOp(repo, op.path, blocks, op.cid);
      if (repost) reposts.push(repost);
      continue;
    }
    if (!op.path.startsWith(postPrefix)) continue;
    const action = op.action;
    if (action !== 'create' && action !== 'update' && action !== 'delete') continue;
    const uri = `at://${repo}/${op.path}`;
    if (action === 'delete' || !op.cid) {
      posts.push({ action, uri });
      continue;
    }
    const block = findBlock(blocks, op.cid);
    const record = block && asObject(decode(block));
    posts.push({ action, uri, cid: cidString(op.cid), ...(record ? { record } : {}) });
  }
  return { kind: 'commit', seq, repo, time, posts, reposts };
}

/**
 * A created repost's subject, from its record in the commit's CAR, walked in place (its
 * subject's CID is not parsed); undefined if unreadable.
 */
function repostOp(
  repo: string,
  path: string,
  blocks: Uint8Array | undefined,
  cid: Uint8Array,
): RepostOp | undefined {
  const block = findBlock(blocks, cid);
  if (!block) return undefined;
  let subjectUri: string | undefined;
  let createdAt: string | undefined;
  try {
    const reader = new CborReader(block);
    const fields = reader.mapLength();
    for (let field = 0; field < fields; field += 1) {
      const key = reader.text();
      if (key === 'createdAt' && reader.isText()) createdAt = reader.text();
      else if (key === 'subject' && reader.isMap()) {
        const refFields = reader.mapLength();
        for (let ref = 0; ref < refFields; ref += 1) {
          if (reader.text() === 'uri' && reader.isText()) subjectUri = reader.text();
          else reader.skip();
        }
      } else reader.skip();
    }
  } catch {
    return undefined;
  }
  if (subjectUri === undefined) return undefined;
  return { uri: `at://${repo}/${path}`, subjectUri, createdAt };
}

/**
 * The same, by decoding the whole frame (CIDs parsed, blocks copied): used for frames other than
 * commits (they are few), and kept to compare with in the benchmark.
 */
export function decodeWholeFrame(bytes: Uint8Array): FirehoseFrame {
  const [header, body] = decodeAll(bytes) as Iterable<unknown> as [unknown, unknown];
  const head = asObject(header);
  const fields = asObject(body);
  if (!head || !fields) throw new Error('firehose frame without a header and a body');
  if (head.op === -1)
    return { kind: 'error', name: String(fields.error), message: optionalString(fields.message) };
  const seq = typeof fields.seq === 'number' ? fields.seq : undefined;
  if (head.t === '#info')
    return { kind: 'info', name: String(fields.name), message: optionalString(fields.message) };
  if (head.t !== '#commit' || seq === undefined) return { kind: 'other', seq };
  const repo = String(fields.repo);
  const posts: PostOp[] = [];
  const reposts: RepostOp[] = [];
  for (const op of Array.isArray(fields.ops) ? fields.ops : []) {
    const opFields = asObject(op);
    const path = opFields?.path;
    const action = opFields?.action;
    if (typeof path === 'string' && path.startsWith(repostPrefix)) {
      const cid = opFields!.cid as { bytes: Uint8Array } | null | undefined;
      const repost =
        action === 'create' && cid && repostOp(repo, path, fields.blocks as Uint8Array, cid.bytes);
      if (repost) reposts.push(repost);
      continue;
    }
    if (typeof path !== 'string' || !path.startsWith(postPrefix)) continue;
    if (action !== 'create' && action !== 'update' && action !== 'delete') continue;
    const uri = `at://${repo}/${path}`;
    const cid = opFields!.cid as { bytes: Uint8Array; toString(): string } | null | undefined;
    if (action === 'delete' || !cid) {
      posts.push({ action, uri });
      continue;
    }
    const block = findBlock(fields.blocks as Uint8Array, cid.bytes);
    const record = block && asObject(decode(block));
    posts.push({ action, uri, cid: cid.toString(), ...(record ? { record } : {}) });
  }
  return { kind: 'commit', seq, repo, time: String(fields.time), posts, reposts };
}

/** A CID's usual string form: multibase base32 ('b'), lower case, no padding. */
export function cidString(cid: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = 'b';
  let buffer = 0;
  let bits = 0;
  for (const byte of cid) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Reads DAG-CBOR in place: definite lengths only (DAG-CBOR has no others), strings as UTF-8,
 * byte strings as views of the frame (not copies).
 */
class CborReader {
  readonly #bytes: Uint8Array;
  #at = 0;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** The header map's `op` and `t`. */
  readHeaderMap(): { op: number | undefined; t: string | undefined } {
    let op: number | undefined;
    let t: string | undefined;
    const entries = this.mapLength();
    for (let entry = 0; entry < entries; entry += 1) {
      const key = this.text();
      if (key === 'op') op = this.integer();
      else if (key === 't') t = this.text();
      else this.skip();
    }
    return { op, t };
  }

  mapLength(): number {
    return this.#expect(5);
  }

  isText(): boolean {
    return this.#bytes[this.#at]! >> 5 === 3;
  }

  isMap(): boolean {
    return this.#bytes[this.#at]! >> 5 === 5;
  }

  arrayLength(): number {
    return this.#expect(4);
  }

  text(): string {
    const length = this.#expect(3);
    const start = this.#at;
    this.#advance(length);
    // Keys and ids are short ASCII: built directly, TextDecoder for anything else.
    if (length <= 16) {
      let ascii = '';
      for (let i = start; i < start + length; i += 1) {
        const unit = this.#bytes[i]!;
        if (unit >= 0x80) return textDecoder.decode(this.#bytes.subarray(start, start + length));
        ascii += String.fromCharCode(unit);
      }
      return ascii;
    }
    return textDecoder.decode(this.#bytes.subarray(start, start + length));
  }

  bytes(): Uint8Array {
    const length = this.#expect(2);
    const start = this.#at;
    this.#advance(length);
    return this.#bytes.subarray(start, start + length);
  }

  integer(): number {
    const major = this.#bytes[this.#at]! >> 5;
    if (major === 0) return this.#expect(0);
    if (major === 1) return -1 - this.#expect(1);
    throw new Error('firehose frame: expected an integer');
  }

  /** A CID link (tag 42 over bytes with a 0x00 prefix) as the CID's bytes, or null. */
  cidOrNull(): Uint8Array | undefined {
    if (this.#bytes[this.#at] === 0xf6) {
      this.#at += 1;
      return undefined;
    }
    if (this.#expect(6) !== 42) throw new Error('firehose frame: expected a CID link');
    const raw = this.bytes();
    return raw[0] === 0 ? raw.subarray(1) : raw;
  }

  skip(): void {
    const major = this.#bytes[this.#at]! >> 5;
    const argument = this.#head();
    if (major === 2 || major === 3) this.#advance(argument);
    else if (major === 4) for (let i = 0; i < argument; i += 1) this.skip();
    else if (major === 5) for (let i = 0; i < argument * 2; i += 1) this.skip();
    else if (major === 6) this.skip();
  }

  #expect(major: number): number {
    if (this.#at >= this.#bytes.length) throw new Error('firehose frame: truncated');
    if (this.#bytes[this.#at]! >> 5 !== major)
      throw new Error(`firehose frame: expected CBOR major type ${major}`);
    return this.#head();
  }

  /** Reads an item's head; returns its argument (length, value or tag). */
  #head(): number {
    if (this.#at >= this.#bytes.length) throw new Error('firehose frame: truncated');
    const initial = this.#bytes[this.#at++]!;
    const info = initial & 0x1f;
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error('firehose frame: indefinite or reserved CBOR length');
    if (initial >> 5 === 7) {
      // A float or simple value: its bytes are skipped, its value is not needed.
      this.#advance(size);
      return 0;
    }
    let value = 0;
    for (let i = 0; i < size; i += 1) value = value * 256 + this.#bytes[this.#at + i]!;
    this.#advance(size);
    return value;
  }

  #advance(length: number): void {
    if (this.#at + length > this.#bytes.length) throw new Error('firehose frame: truncated');
    this.#at += length;
  }
}

const textDecoder = new TextDecoder();

const postPrefix = `${postCollection}/`;
const repostPrefix = `${repostCollection}/`;

/** The block stored under `cid` in a CAR (v1): varint header length, header, then sections. */
export function findBlock(car: Uint8Array | undefined, cid: Uint8Array): Uint8Array | undefined {
  if (!(car instanceof Uint8Array)) return undefined;
  let [length, at] = readVarint(car, 0);
  at += length;
  while (at < car.length) {
    [length, at] = readVarint(car, at);
    const end = at + length;
    if (startsWith(car, at, cid)) return car.subarray(at + cid.length, end);
    at = end;
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function readVarint(bytes: Uint8Array, start: number): [number, number] {
  let value = 0;
  let shift = 0;
  let at = start;
  for (;;) {
    if (at >= bytes.length) throw new Error('truncated CAR in firehose frame');
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
    shift += 7;
    if (shift > 49) throw new Error('bad varint in firehose frame');
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
