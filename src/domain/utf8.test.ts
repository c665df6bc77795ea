import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './utf8.ts';

describe('strict UTF-8 decoding', () => {
  it('decodes valid UTF-8, emoji included, and drops a leading byte order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('Ça marche 👍'))).toBe('Ça marche 👍');
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toBe('{}');
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    expect(decodeUtf8(Uint8Array.of(0x7b, 0xff, 0x7d))).toBeUndefined();
    expect(decodeUtf8(Uint8Array.of(0xc3))).toBeUndefined();
    expect(decodeUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBeUndefined();
  });
});
