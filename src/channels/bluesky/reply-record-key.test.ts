import { isValidTid } from '@atproto/syntax';
import { describe, expect, it } from 'vitest';
import { replyRecordKey } from './reply-record-key.ts';

describe('replyRecordKey', () => {
  it('gives the same valid TID for the same idempotency key', () => {
    const key = replyRecordKey('outbox:42:attempt-any');
    expect(isValidTid(key)).toBe(true);
    expect(replyRecordKey('outbox:42:attempt-any')).toBe(key);
  });

  it('gives different keys to different replies', () => {
    const keys = new Set(
      Array.from({ length: 2000 }, (_, index) => replyRecordKey(`reply-${index}`)),
    );
    expect(keys.size).toBe(2000);
    for (const key of keys) expect(isValidTid(key)).toBe(true);
  });

  it('never dates the key after 2005, so it cannot pass for a recent post', () => {
    const micros =
      [...replyRecordKey('x')].reduce(
        (value, char) => value * 32n + BigInt('234567abcdefghijklmnopqrstuvwxyz'.indexOf(char)),
        0n,
      ) >> 10n;
    expect(micros < BigInt(Date.UTC(2006, 0, 1)) * 1000n).toBe(true);
  });
});
