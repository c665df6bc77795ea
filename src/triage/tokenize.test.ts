import { describe, expect, it } from 'vitest';
import { fnvString } from './hash.ts';
import {
  FLAG_ALLCAPS,
  FLAG_ELONGATED,
  FLAG_NEGATED,
  FLAG_NEGATOR,
  HASH_NUMBER,
  HASH_URL,
  HASH_USER,
  KIND_EMOJI,
  KIND_HASHTAG,
  KIND_PUNCT,
  KIND_URL,
  KIND_USER,
  KIND_WORD,
  MAX_TEXT_LENGTH,
  TokenBuffer,
  tokenize,
} from './tokenize.ts';

function tokens(text: string): { kind: number; hash: number; flags: number }[] {
  const buffer = new TokenBuffer();
  tokenize(text, buffer);
  return Array.from({ length: buffer.count }, (_, i) => ({
    kind: buffer.kind[i] ?? 0,
    hash: buffer.hash[i] ?? 0,
    flags: buffer.flags[i] ?? 0,
  }));
}

describe('tokenize', () => {
  it('lower-cases words and keeps apostrophes inside them', () => {
    const out = tokens('Don’t CANCEL');
    expect(out.map((t) => t.hash)).toEqual([fnvString("don't"), fnvString('cancel')]);
    expect((out[1]?.flags ?? 0) & FLAG_ALLCAPS).toBe(FLAG_ALLCAPS);
    expect((out[1]?.flags ?? 0) & FLAG_NEGATED).toBe(FLAG_NEGATED);
  });

  it('replaces users, links and numbers by placeholders and keeps hashtags as words', () => {
    const out = tokens('@Delta order 12345 see https://t.co/x?y=1 #fail');
    expect(out.map((t) => t.kind)).toEqual([
      KIND_USER,
      KIND_WORD,
      2,
      KIND_WORD,
      KIND_URL,
      KIND_HASHTAG,
    ]);
    expect(out[0]?.hash).toBe(HASH_USER);
    expect(out[2]?.hash).toBe(HASH_NUMBER);
    expect(out[4]?.hash).toBe(HASH_URL);
    expect(out[5]?.hash).toBe(fnvString('fail'));
  });

  it('cuts letters repeated more than twice and marks the word as elongated', () => {
    const [word] = tokens('sooooo');
    expect(word?.hash).toBe(fnvString('soo'));
    expect((word?.flags ?? 0) & FLAG_ELONGATED).toBe(FLAG_ELONGATED);
  });

  it('marks words after a negation up to the next punctuation', () => {
    const out = tokens("it isn't good at all. great now");
    const flags = out.map((t) => t.flags);
    expect(flags[1]).toBe(FLAG_NEGATOR);
    expect(flags[2]).toBe(FLAG_NEGATED);
    expect(flags[4]).toBe(FLAG_NEGATED);
    expect(flags[6]).toBe(0);
  });

  it('reads emoticons and emoji as tokens', () => {
    const out = tokens('thanks :) :D <3 😀👍🏽 ❤️');
    expect(out.slice(1, 4).map((t) => t.kind)).toEqual([KIND_PUNCT, KIND_PUNCT, KIND_PUNCT]);
    expect(out[1]?.hash).toBe(fnvString(':)'));
    expect(out[2]?.hash).toBe(fnvString(':d'));
    expect(out[3]?.hash).toBe(fnvString('<3'));
    // The skin-tone modifier and the variation selector add no tokens.
    expect(out.slice(4).map((t) => t.kind)).toEqual([KIND_EMOJI, KIND_EMOJI, KIND_EMOJI]);
  });

  it('survives lone surrogates, control characters and mixed scripts', () => {
    const out = tokens('bad \ud800 text \udc00\u0000 заказ 注文 طلب');
    expect(out.length).toBeGreaterThan(3);
  });

  it('reads at most MAX_TEXT_LENGTH characters', () => {
    const buffer = new TokenBuffer();
    tokenize('word '.repeat(200_000), buffer);
    expect(buffer.count).toBe(MAX_TEXT_LENGTH / 5);
  });
});
