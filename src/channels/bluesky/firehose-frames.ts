import { decode, decodeAll } from '@atproto/lex-cbor';
import { postCollection } from './post-event.ts';

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

/** What the source reads from one `com.atproto.sync.subscribeRepos` frame. */
export type FirehoseFrame =
  | { kind: 'commit'; seq: number; repo: string; time: string; posts: PostOp[] }
  | { kind: 'other'; seq: number | undefined }
  | { kind: 'info'; name: string; message: string | undefined }
  | { kind: 'error'; name: string; message: string | undefined };

interface CidLike {
  bytes: Uint8Array;
  toString(): string;
}

/**
 * Decodes a frame, reading only what listening needs: the operations on posts, and each created
 * or updated post's record taken from the commit's CAR by its CID. Nothing is verified (a relay
 * verifies every commit it serves), no other record is decoded, and commits that touch no post
 * (likes, follows, reposts: most of the network) cost one CBOR decode of the frame.
 */
export function decodeFirehoseFrame(bytes: Uint8Array): FirehoseFrame {
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
  const ops = Array.isArray(fields.ops) ? fields.ops : [];
  for (const op of ops) {
    const opFields = asObject(op);
    const path = opFields?.path;
    if (typeof path !== 'string' || !path.startsWith(postPrefix)) continue;
    const action = opFields!.action;
    if (action !== 'create' && action !== 'update' && action !== 'delete') continue;
    const uri = `at://${repo}/${path}`;
    const cid = opFields!.cid as CidLike | null | undefined;
    if (action === 'delete' || !cid) {
      posts.push({ action, uri });
      continue;
    }
    const block = findBlock(fields.blocks as Uint8Array, cid.bytes);
    const record = block && asObject(decode(block));
    posts.push({ action, uri, cid: cid.toString(), ...(record ? { record } : {}) });
  }
  return { kind: 'commit', seq, repo, time: String(fields.time), posts };
}

const postPrefix = `${postCollection}/`;

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
