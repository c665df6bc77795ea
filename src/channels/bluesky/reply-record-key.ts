import { createHash } from 'node:crypto';

const base32Sortable = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * The record key of a reply, derived from its idempotency key: a retry writes to the same key, so
 * the network holds at most one copy. Posts require a TID key (13 base32-sortable characters: a
 * zero bit, 53 bits of microseconds, 10 bits of clock id). The "time" here is a hash, kept below
 * 2^50 µs (before 2006) so that it is never mistaken for a recent or future post time.
 */
export function replyRecordKey(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`earshot.bluesky.reply:${idempotencyKey}`).digest();
  const hashed = digest.readBigUInt64BE(0);
  const micros = hashed & ((1n << 50n) - 1n);
  const clockId = (hashed >> 50n) & 0x3ffn;
  let value = (micros << 10n) | clockId;
  let key = '';
  for (let index = 0; index < 13; index += 1) {
    key = base32Sortable.charAt(Number(value & 31n)) + key;
    value >>= 5n;
  }
  return key;
}
