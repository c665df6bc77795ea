import { FNV_OFFSET, fnvStep } from './hash.ts';

/** Word valences (-4..4) keyed by the tokeniser's hash of the word. */
export type Lexicon = ReadonlyMap<number, number>;

/** Hashes the entries the way `tokenize` hashes tokens (lower case, ’ as '). */
export function buildLexicon(entries: Readonly<Record<string, number>>): Lexicon {
  const lexicon = new Map<number, number>();
  for (const [word, valence] of Object.entries(entries)) {
    if (word.includes(' ') || !Number.isFinite(valence)) continue;
    let hash = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      hash = fnvStep(hash, c === 0x2019 ? 39 : c >= 65 && c <= 90 ? c + 32 : c);
    }
    lexicon.set(hash, valence);
  }
  return lexicon;
}
