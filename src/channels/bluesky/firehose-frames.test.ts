import { decodeAll, encode } from '@atproto/lex-cbor';
import type { LexValue } from '@atproto/lex-cbor';
import { describe, expect, it } from 'vitest';
import { brandTerms, generateFrames } from '../../../bench/firehose/frames.ts';
import { decodeFirehoseFrame, decodeWholeFrame, findBlock } from './firehose-frames.ts';

/** What a full decode of the frame says about its post operations. */
function reference(frame: Uint8Array) {
  const [, body] = [...decodeAll(frame)] as [unknown, Record<string, unknown>];
  const ops = body.ops as Array<{
    action: string;
    path: string;
    cid: { bytes: Uint8Array } | null;
  }>;
  return {
    seq: body.seq,
    repo: body.repo,
    time: body.time,
    posts: ops
      .filter((op) => op.path.startsWith('app.bsky.feed.post/'))
      .map((op) => {
        const uri = `at://${String(body.repo)}/${op.path}`;
        if (op.action === 'delete' || !op.cid) return { action: op.action, uri };
        const block = findBlock(body.blocks as Uint8Array, op.cid.bytes)!;
        return {
          action: op.action,
          uri,
          cid: op.cid.toString(),
          record: [...decodeAll(block)][0],
        };
      }),
    reposts: ops
      .filter((op) => op.path.startsWith('app.bsky.feed.repost/') && op.action === 'create')
      .map((op) => {
        const block = findBlock(body.blocks as Uint8Array, op.cid!.bytes)!;
        const record = [...decodeAll(block)][0] as { subject: { uri: string }; createdAt: string };
        return {
          uri: `at://${String(body.repo)}/${op.path}`,
          subjectUri: record.subject.uri,
          createdAt: record.createdAt,
        };
      }),
  };
}

describe('decodeFirehoseFrame', () => {
  it('reads the same post operations, records, CIDs and repost subjects as a full decode', async () => {
    const { frames, posts } = await generateFrames(400, brandTerms(5, 2), { seed: 3 });
    let seen = 0;
    let reposts = 0;
    for (const frame of frames) {
      const decoded = decodeFirehoseFrame(frame);
      expect(decoded.kind).toBe('commit');
      if (decoded.kind !== 'commit') continue;
      seen += decoded.posts.length;
      reposts += decoded.reposts.length;
      expect({ ...decoded, kind: undefined }).toEqual({ ...reference(frame), kind: undefined });
      expect(decodeWholeFrame(frame)).toEqual(decoded);
    }
    expect(seen).toBe(posts);
    expect(seen).toBeGreaterThan(20);
    expect(reposts).toBeGreaterThan(10);
  });

  it('reads info and error frames whole, and refuses a truncated frame', () => {
    const info = Buffer.concat([
      encode({ op: 1, t: '#info' }),
      encode({ name: 'OutdatedCursor', message: 'too old' } as LexValue),
    ]);
    expect(decodeFirehoseFrame(info)).toEqual({
      kind: 'info',
      name: 'OutdatedCursor',
      message: 'too old',
    });
    const error = Buffer.concat([encode({ op: -1 }), encode({ error: 'FutureCursor' })]);
    expect(decodeFirehoseFrame(error)).toMatchObject({ kind: 'error', name: 'FutureCursor' });
    const commit = Buffer.concat([
      encode({ op: 1, t: '#commit' }),
      encode({ seq: 5, repo: 'did:plc:x', ops: [], blocks: new Uint8Array(8) } as LexValue),
    ]);
    expect(decodeFirehoseFrame(commit)).toMatchObject({ kind: 'commit', seq: 5, posts: [] });
    expect(() => decodeFirehoseFrame(commit.subarray(0, commit.length - 4))).toThrow(/truncated/);
  });
});
