import { describe, expect, it } from 'vitest';
import { matchTerms, noTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import { TermsMatcher } from './terms-matcher.ts';

/** A small deterministic PRNG (mulberry32), so a failure names the seed that shows it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Few letters, so terms and texts often overlap, and every boundary the rules name: spaces and
// tabs, '#', '@', '-', '.', '_', digits, an apostrophe, letters of other scripts, upper case,
// a compatibility form (ﬁ), Σ (final sigma), an emoji (a surrogate pair) and a lone surrogate.
const pieces = [
  'a',
  'b',
  'c',
  'ab',
  'A',
  'B',
  ' ',
  '  ',
  '\t',
  '#',
  '@',
  '-',
  '.',
  '_',
  '1',
  "'",
  'é',
  'É',
  'ж',
  'Ж',
  '中',
  'ﬁ',
  'Σ',
  'ς',
  '😀',
  '\ud800',
  'ab.c',
  '@ab',
  '#ab',
];

function piece(next: () => number): string {
  return pieces[Math.floor(next() * pieces.length)]!;
}

function randomText(next: () => number, maxPieces: number): string {
  let text = '';
  const length = Math.floor(next() * maxPieces);
  for (let i = 0; i < length; i += 1) text += piece(next);
  return text;
}

function randomTerms(next: () => number): ListeningTerms {
  const list = (count: number) =>
    Array.from({ length: Math.floor(next() * count) }, () => randomText(next, 4));
  return {
    handles: list(3),
    keywords: list(4),
    hashtags: list(3),
    exclusions: next() < 0.3 ? list(2) : [],
    languages: next() < 0.2 ? ['en', 'fr'].slice(0, 1 + Math.floor(next() * 2)) : [],
  };
}

describe('TermsMatcher', () => {
  it('gives what matchTerms gives, for every listener, on random terms and texts', () => {
    const languages = [undefined, 'en', 'fr-CA', 'de', ''];
    for (let seed = 1; seed <= 300; seed += 1) {
      const next = random(seed);
      const listeners = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, key) => ({
        key,
        terms: randomTerms(next),
      }));
      const matcher = new TermsMatcher(listeners);
      for (let round = 0; round < 40; round += 1) {
        const text = randomText(next, 16);
        const language = languages[Math.floor(next() * languages.length)];
        const expected = listeners
          .map(({ key, terms }) => ({ key, matches: matchTerms(text, terms, language) }))
          .filter(({ matches }) => matches.length > 0);
        const actual = [...matcher.match(text, language)].sort((x, y) => x.key - y.key);
        expect({ seed, text, language, heard: actual }).toEqual({
          seed,
          text,
          language,
          heard: expected,
        });
      }
    }
  });

  it('hears each brand by its own terms, with word boundaries, exclusions and languages', () => {
    const matcher = new TermsMatcher([
      {
        key: 'acme',
        terms: { ...noTerms, keywords: ['Acme', 'road runner'], hashtags: ['#beep'] },
      },
      { key: 'wile', terms: { ...noTerms, handles: ['@wile.test'], exclusions: ['acme'] } },
      { key: 'fr', terms: { ...noTerms, keywords: ['acme'], languages: ['fr'] } },
    ]);
    expect(matcher.match("Acme's ROAD  runner #beep", 'en')).toEqual([
      { key: 'acme', matches: ['keyword', 'hashtag'] },
    ]);
    expect(matcher.match('acmeville')).toEqual([]);
    expect(matcher.match('hi @wile.test')).toEqual([{ key: 'wile', matches: ['handle'] }]);
    expect(matcher.match('hi @wile.test about acme', 'fr').map((heard) => heard.key)).toEqual([
      'acme',
      'fr',
    ]);
    expect(new TermsMatcher([{ key: 1, terms: noTerms }]).match('anything')).toEqual([]);
  });
});
