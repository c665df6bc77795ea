/**
 * What a brand (or a competitor) is heard by, set once on the brand and read by every listening
 * channel (Bluesky, Mastodon, X search, review imports). A channel also hears what is addressed
 * to the connected account itself (an @-mention facet, a reply in its thread, a direct message):
 * those are the network's own signals and never filtered here. This module decides only whether
 * a post's *text* concerns the brand.
 */
export interface ListeningTerms {
  /** Account names on the networks ("acme", "@acme", "acme.bsky.social", "acme@mastodon.social"). */
  handles: readonly string[];
  /** Words and phrases, matched case-insensitively on word boundaries in any script. */
  keywords: readonly string[];
  /** Hashtags, with or without the leading '#'. */
  hashtags: readonly string[];
  /** Negative keywords: a post whose text names one is not heard through its text. */
  exclusions: readonly string[];
  /** Language codes (ISO 639-1) to hear through text; empty hears every language. */
  languages: readonly string[];
}

/** How a post's text concerns the brand. */
export type TermMatch = 'keyword' | 'hashtag' | 'handle';

export const noTerms: ListeningTerms = {
  handles: [],
  keywords: [],
  hashtags: [],
  exclusions: [],
  languages: [],
};

/**
 * The form both a term and a text are compared in: Unicode-compatible (NFKC), lower case, and
 * every run of white space one space, so "Northwind  Air" matches the phrase "northwind air".
 */
export function foldForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ');
}

/** A term as it is matched: folded and trimmed, without a leading '@' (handles) or '#' (hashtags). */
export function foldTerm(term: string, kind: TermMatch | 'exclusion'): string {
  const folded = foldForMatching(term).trim();
  if (kind === 'handle') return folded.replace(/^@/u, '');
  if (kind === 'hashtag') return folded.replace(/^#/u, '');
  return folded;
}

/** A character that continues a word: a letter, a digit or '_' in any script. */
export const wordCharacter = /[\p{L}\p{N}_]/u;

/**
 * Why `text` concerns the brand, by the reference rules every listening channel applies (a
 * channel may match faster, never differently):
 * - a keyword or exclusion matches where it is neither preceded nor followed by a word character
 *   (so "acme" matches "Acme's" and "#acme", never "acmeville");
 * - a hashtag matches "#tag" followed by no word character;
 * - a handle matches "@handle" not preceded by a word character (an e-mail address is not a
 *   mention) and followed by neither a word character, '-', nor a '.' that goes on with a word
 *   character ("@acme" is not "@acme.example");
 * - any exclusion in the text, or a `language` known and not among `terms.languages`, hears
 *   nothing.
 * Empty when the text does not concern the brand; otherwise each kind of match once, in the
 * order keyword, hashtag, handle.
 */
export function matchTerms(text: string, terms: ListeningTerms, language?: string): TermMatch[] {
  if (!hearsLanguage(terms, language)) return [];
  const folded = foldForMatching(text);
  if (terms.exclusions.some((term) => containsWord(folded, foldTerm(term, 'exclusion')))) return [];
  const matches: TermMatch[] = [];
  if (terms.keywords.some((term) => containsWord(folded, foldTerm(term, 'keyword'))))
    matches.push('keyword');
  if (terms.hashtags.some((term) => containsHashtag(folded, foldTerm(term, 'hashtag'))))
    matches.push('hashtag');
  if (terms.handles.some((term) => containsHandle(folded, foldTerm(term, 'handle'))))
    matches.push('handle');
  return matches;
}

/** Whether the brand hears posts in `language` (unknown languages are always heard). */
export function hearsLanguage(terms: ListeningTerms, language: string | undefined): boolean {
  if (terms.languages.length === 0 || !language) return true;
  const primary = language.toLowerCase().split(/[-_]/u)[0];
  return terms.languages.some((code) => code.toLowerCase() === primary);
}

function containsWord(text: string, term: string): boolean {
  return term.length > 0 && occurrences(text, term).some((at) => wordBoundedAt(text, at, term));
}

function containsHashtag(text: string, tag: string): boolean {
  if (tag.length === 0) return false;
  return occurrences(text, `#${tag}`).some(
    (at) =>
      !isWordCharacter(charBefore(text, at)) && !isWordCharacter(charAt(text, at + tag.length + 1)),
  );
}

function containsHandle(text: string, handle: string): boolean {
  if (handle.length === 0) return false;
  return occurrences(text, `@${handle}`).some((at) => {
    const end = at + handle.length + 1;
    const next = charAt(text, end);
    const continuesWithDot = next === '.' && isWordCharacter(charAt(text, end + 1));
    return (
      !isWordCharacter(charBefore(text, at)) &&
      !isWordCharacter(next) &&
      next !== '-' &&
      !continuesWithDot
    );
  });
}

function wordBoundedAt(text: string, at: number, term: string): boolean {
  return !isWordCharacter(charBefore(text, at)) && !isWordCharacter(charAt(text, at + term.length));
}

function occurrences(text: string, term: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) found.push(at);
  return found;
}

/** The code point ending just before `index` (a surrogate pair counts as one character). */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1];
}

/** The code point starting at `index`. */
function charAt(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && wordCharacter.test(character);
}
