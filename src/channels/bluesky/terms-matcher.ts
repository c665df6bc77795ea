import { foldForMatching, foldTerm, hearsLanguage, wordCharacter } from '../../domain/listening.ts';
import type { ListeningTerms, TermMatch } from '../../domain/listening.ts';

/** How one pattern is used by one listener. */
const Use = { Exclusion: 1, Keyword: 2, Hashtag: 4, Handle: 8 } as const;
type Use = (typeof Use)[keyof typeof Use];

interface PatternUse {
  listener: number;
  use: Use;
}

/**
 * Many listeners' terms in one Aho–Corasick automaton over UTF-16 code units: a post's text is
 * folded once (`foldForMatching`) and read once, whatever the number of brands. Gives exactly
 * what `matchTerms` gives for each listener (the matcher's test checks it on random terms and
 * texts); only faster. Built once per change of any listener's terms.
 */
export class TermsMatcher<Key> {
  readonly #keys: Key[];
  readonly #terms: ListeningTerms[];
  /** Per node: its transitions by code unit. */
  readonly #next: Array<Map<number, number>> = [new Map()];
  readonly #fail: number[] = [0];
  /** Per node: the patterns ending there (its own and those of its failure chain). */
  readonly #outputs: number[][] = [[]];
  readonly #patternLength: number[] = [];
  readonly #patternUses: PatternUse[][] = [];
  /** Scratch per match: the uses seen for each listener, and which listeners were touched. */
  readonly #seen: Uint8Array;

  constructor(listeners: Iterable<{ key: Key; terms: ListeningTerms }>) {
    this.#keys = [];
    this.#terms = [];
    const patterns = new Map<string, number>();
    const add = (pattern: string, listener: number, use: Use) => {
      let id = patterns.get(pattern);
      if (id === undefined) {
        id = this.#patternLength.length;
        patterns.set(pattern, id);
        this.#patternLength.push(pattern.length);
        this.#patternUses.push([]);
        this.#insert(pattern, id);
      }
      this.#patternUses[id]!.push({ listener, use });
    };
    for (const { key, terms } of listeners) {
      const listener = this.#keys.length;
      this.#keys.push(key);
      this.#terms.push(terms);
      for (const term of terms.exclusions) {
        const folded = foldTerm(term, 'exclusion');
        if (folded.length > 0) add(folded, listener, Use.Exclusion);
      }
      for (const term of terms.keywords) {
        const folded = foldTerm(term, 'keyword');
        if (folded.length > 0) add(folded, listener, Use.Keyword);
      }
      for (const term of terms.hashtags) {
        const folded = foldTerm(term, 'hashtag');
        if (folded.length > 0) add(`#${folded}`, listener, Use.Hashtag);
      }
      for (const term of terms.handles) {
        const folded = foldTerm(term, 'handle');
        if (folded.length > 0) add(`@${folded}`, listener, Use.Handle);
      }
    }
    this.#seen = new Uint8Array(this.#keys.length);
    this.#link();
  }

  /** Whether any listener has a term: without one, no text is worth folding. */
  get empty(): boolean {
    return this.#patternLength.length === 0;
  }

  /**
   * Each listener whose terms the text matches, with its matches in `matchTerms`' order
   * (keyword, hashtag, handle). `language` as in matchTerms.
   */
  match(text: string, language?: string): Array<{ key: Key; matches: TermMatch[] }> {
    if (this.empty) return [];
    const folded = foldForMatching(text);
    const seen = this.#seen;
    const touched: number[] = [];
    let node = 0;
    for (let index = 0; index < folded.length; index += 1) {
      const unit = folded.charCodeAt(index);
      let to = this.#next[node]!.get(unit);
      while (to === undefined && node !== 0) {
        node = this.#fail[node]!;
        to = this.#next[node]!.get(unit);
      }
      node = to ?? 0;
      const outputs = this.#outputs[node]!;
      for (let o = 0; o < outputs.length; o += 1) {
        const pattern = outputs[o]!;
        const end = index + 1;
        const start = end - this.#patternLength[pattern]!;
        for (const { listener, use } of this.#patternUses[pattern]!) {
          if ((seen[listener]! & use) !== 0 || !bounded(folded, start, end, use)) continue;
          if (seen[listener] === 0) touched.push(listener);
          seen[listener]! |= use;
        }
      }
    }
    const heard: Array<{ key: Key; matches: TermMatch[] }> = [];
    for (const listener of touched) {
      const uses = seen[listener]!;
      seen[listener] = 0;
      if ((uses & Use.Exclusion) !== 0 || !hearsLanguage(this.#terms[listener]!, language))
        continue;
      const matches: TermMatch[] = [];
      if ((uses & Use.Keyword) !== 0) matches.push('keyword');
      if ((uses & Use.Hashtag) !== 0) matches.push('hashtag');
      if ((uses & Use.Handle) !== 0) matches.push('handle');
      heard.push({ key: this.#keys[listener]!, matches });
    }
    return heard;
  }

  #insert(pattern: string, id: number): void {
    let node = 0;
    for (let index = 0; index < pattern.length; index += 1) {
      const unit = pattern.charCodeAt(index);
      let to = this.#next[node]!.get(unit);
      if (to === undefined) {
        to = this.#next.length;
        this.#next.push(new Map());
        this.#fail.push(0);
        this.#outputs.push([]);
        this.#next[node]!.set(unit, to);
      }
      node = to;
    }
    this.#outputs[node]!.push(id);
  }

  /** Failure links, breadth first; each node's outputs gain those of its failure node. */
  #link(): void {
    const queue: number[] = [];
    for (const child of this.#next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head += 1) {
      const node = queue[head]!;
      for (const [unit, child] of this.#next[node]!) {
        let fallback = this.#fail[node]!;
        let to = this.#next[fallback]!.get(unit);
        while (to === undefined && fallback !== 0) {
          fallback = this.#fail[fallback]!;
          to = this.#next[fallback]!.get(unit);
        }
        const failTo = to !== undefined && to !== child ? to : 0;
        this.#fail[child] = failTo;
        const inherited = this.#outputs[failTo]!;
        if (inherited.length > 0) this.#outputs[child] = [...this.#outputs[child]!, ...inherited];
        queue.push(child);
      }
    }
  }
}

/** The boundary rules of `matchTerms` for a pattern found at [start, end). */
function bounded(text: string, start: number, end: number, use: Use): boolean {
  if (isWordCharacterBefore(text, start)) return false;
  if (isWordCharacterAt(text, end)) return false;
  if (use !== Use.Handle) return true;
  const next = text.charCodeAt(end);
  if (next === 0x2d /* - */) return false;
  return !(next === 0x2e /* . */ && isWordCharacterAt(text, end + 1));
}

function isWordCharacterAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return isAsciiWordCharacter(unit);
  const point = text.codePointAt(index)!;
  return wordCharacter.test(String.fromCodePoint(point));
}

function isWordCharacterBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const unit = text.charCodeAt(index - 1);
  if (unit < 0x80) return isAsciiWordCharacter(unit);
  // A low surrogate after a high one ends a pair: the character is the whole pair.
  if (unit >= 0xdc00 && unit <= 0xdfff && index >= 2)
    return wordCharacter.test(text.slice(index - 2, index));
  return wordCharacter.test(text[index - 1]!);
}

function isAsciiWordCharacter(unit: number): boolean {
  return (
    (unit >= 0x30 && unit <= 0x39) ||
    (unit >= 0x41 && unit <= 0x5a) ||
    (unit >= 0x61 && unit <= 0x7a) ||
    unit === 0x5f
  );
}
