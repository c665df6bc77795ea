import { describe, expect, it } from 'vitest';
import { combine, fmix32, fnvString } from './hash.ts';

describe('feature hashing', () => {
  it('matches the FNV-1a 32-bit reference vectors', () => {
    // From the FNV reference test suite.
    expect(fnvString('')).toBe(0x811c9dc5);
    expect(fnvString('a')).toBe(0xe40c292c);
    expect(fnvString('foobar')).toBe(0xbf9cf968);
  });

  it('is deterministic and unsigned', () => {
    for (const text of ['refund', 'über', '😀', '\ud800']) {
      expect(fnvString(text)).toBe(fnvString(text));
      expect(fnvString(text)).toBeGreaterThanOrEqual(0);
    }
  });

  it('combines hashes in an order-sensitive way', () => {
    const a = fnvString('not');
    const b = fnvString('good');
    expect(combine(a, b)).not.toBe(combine(b, a));
    expect(combine(a, b)).toBe(combine(a, b));
  });

  it('spreads neighbouring values across the low bits used as feature indices', () => {
    const buckets = new Set<number>();
    for (let i = 0; i < 1000; i++) buckets.add(fmix32(i) & 1023);
    expect(buckets.size).toBeGreaterThan(550);
  });
});
